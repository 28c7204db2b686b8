// The Salesforce mobile app and small screens: empApi is desktop-only, so the component does not subscribe and says
// that Check now is the way to see the result.
import getProofingOptions from "@salesforce/apex/OneKosmosProofingController.getProofingOptions";
import checkProofingNow from "@salesforce/apex/OneKosmosProofingController.checkProofingNow";
import getProofingStatus from "@salesforce/apex/OneKosmosProofingController.getProofingStatus";
import { isEmpEnabled, subscribe } from "lightning/empApi";
import { resetEmpApi } from "jest-mocks/lightning/empApi";
import liveUnavailableLabel from "@salesforce/label/c.OneKosmos_ProofingRequest_Live_Unavailable";
import checkQueuedRefreshLabel from "@salesforce/label/c.OneKosmos_ProofingRequest_Check_Queued_Refresh";
import {
  RECORD_ID,
  VERIFICATION_ID,
  byId,
  click,
  flush,
  mount,
  options,
  removeAll,
  status,
  text
} from "./helpers";

import type * as EmpApiMock from "jest-mocks/lightning/empApi";
import type * as FlowSupportMock from "jest-mocks/lightning/flowSupport";

jest.mock("@salesforce/client/formFactor", () => ({ default: "Small" }), {
  virtual: true
});
jest.mock(
  "@salesforce/apex/OneKosmosProofingController.getProofingOptions",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/OneKosmosProofingController.startProofing",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/OneKosmosProofingController.getProofingStatus",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/OneKosmosProofingController.checkProofingNow",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/OneKosmosProofingController.cancelProofing",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock("lightning/empApi", () =>
  jest.requireActual<typeof EmpApiMock>("jest-mocks/lightning/empApi")
);
jest.mock("lightning/flowSupport", () =>
  jest.requireActual<typeof FlowSupportMock>("jest-mocks/lightning/flowSupport")
);
jest.mock(
  "lightning/actions",
  () => ({
    CloseActionScreenEvent: class extends CustomEvent<unknown> {
      constructor() {
        super("test_close_action_screen");
      }
    }
  }),
  { virtual: true }
);

afterEach(() => {
  removeAll();
  resetEmpApi();
  jest.clearAllMocks();
  jest.useRealTimers();
});

it("does not ask empApi, says live updates are off, and Check now asks the user to look again", async () => {
  jest
    .mocked(getProofingOptions)
    .mockResolvedValue(options({ latest: status("Pending") }));
  jest
    .mocked(checkProofingNow)
    .mockResolvedValue(status("Pending", { checkQueued: true }));
  const { element } = await mount();
  expect(isEmpEnabled).not.toHaveBeenCalled();
  expect(subscribe).not.toHaveBeenCalled();
  expect(text(element, "live-off")).toBe(liveUnavailableLabel);
  await click(element, "check-now");
  expect(checkProofingNow).toHaveBeenCalledWith({
    verificationId: VERIFICATION_ID
  });
  // No result event here: the note says to select Check now again, which then returns the recorded result.
  expect(text(element, "check-queued")).toBe(checkQueuedRefreshLabel);
  jest.mocked(checkProofingNow).mockResolvedValue(status("Verified"));
  await click(element, "check-now");
  expect(text(element, "status-label")).toBe("Verified (label)");
  expect(byId(element, "check-queued")).toBeNull();
  expect(byId(element, "check-now")).toBeNull();
  await expect(element).toBeAccessible();
});

it("reads the status again a while after Check now and keeps asking the user to look again while it is Pending", async () => {
  jest.useFakeTimers();
  jest
    .mocked(getProofingOptions)
    .mockResolvedValue(options({ latest: status("Pending") }));
  jest
    .mocked(checkProofingNow)
    .mockResolvedValue(status("Pending", { checkQueued: true }));
  jest.mocked(getProofingStatus).mockResolvedValue(status("Pending"));
  const { element } = await mount();
  await click(element, "check-now");
  // The follow-up read (CHECK_FOLLOW_UP_MS, 45 s) still finds no result: no live updates here, so the note keeps
  // saying to select Check now again rather than that the status will update by itself.
  await jest.advanceTimersByTimeAsync(45_000);
  await flush();
  expect(getProofingStatus).toHaveBeenCalledWith({ recordId: RECORD_ID });
  expect(text(element, "check-queued")).toBe(checkQueuedRefreshLabel);
});
