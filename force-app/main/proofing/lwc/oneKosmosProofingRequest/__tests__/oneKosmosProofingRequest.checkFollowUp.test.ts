// oneKosmosProofingRequest after Check now: the result event may never come (the person has not finished the capture,
// or the background check failed), so the component reads the status once more after a delay. A final status shows
// as usual; a row still Pending turns the "Checking" note into "no result yet". The wait is restarted by a new
// Check now and ends on a final status, on Close and when the component is removed.
import getProofingOptions from "@salesforce/apex/OneKosmosProofingController.getProofingOptions";
import getProofingStatus from "@salesforce/apex/OneKosmosProofingController.getProofingStatus";
import checkProofingNow from "@salesforce/apex/OneKosmosProofingController.checkProofingNow";
import { isEmpEnabled } from "lightning/empApi";
import { emitMessage, resetEmpApi } from "jest-mocks/lightning/empApi";
import checkQueuedLabel from "@salesforce/label/c.OneKosmos_ProofingRequest_Check_Queued";
import noResultYetLabel from "@salesforce/label/c.OneKosmos_ProofingRequest_Check_No_Result_Yet";
import {
  CHANNEL,
  RECORD_ID,
  byId,
  click,
  flush,
  liveText,
  mount,
  options,
  removeAll,
  status,
  text
} from "./helpers";

import type * as EmpApiMock from "jest-mocks/lightning/empApi";
import type * as FlowSupportMock from "jest-mocks/lightning/flowSupport";

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
jest.mock(
  "@salesforce/label/c.OneKosmos_ProofingRequest_Status_Announcement",
  () => ({ default: "Identity proofing status: {0}" }),
  { virtual: true }
);

/** The component's delay before the follow-up read (CHECK_FOLLOW_UP_MS). */
const FOLLOW_UP_MS = 45_000;

const statusMock = jest.mocked(getProofingStatus);
const checkMock = jest.mocked(checkProofingNow);

/** Mounts with a Pending proofing and selects Check now, which the server answers by queuing a check. */
async function checkNowQueued(): Promise<HTMLElement> {
  const { element } = await mount();
  await click(element, "check-now");
  expect(text(element, "check-queued")).toBe(checkQueuedLabel);
  return element;
}

async function advance(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
  await flush();
}

beforeEach(() => {
  jest.useFakeTimers();
  jest
    .mocked(getProofingOptions)
    .mockResolvedValue(options({ latest: status("Pending") }));
  jest.mocked(isEmpEnabled).mockResolvedValue(true);
  checkMock.mockResolvedValue(status("Pending", { checkQueued: true }));
  statusMock.mockResolvedValue(status("Pending"));
});

afterEach(() => {
  removeAll();
  resetEmpApi();
  jest.clearAllMocks();
  jest.useRealTimers();
});

it("reads the status again after the delay and, still Pending, says there is no result yet", async () => {
  const element = await checkNowQueued();
  await advance(FOLLOW_UP_MS - 1);
  expect(statusMock).not.toHaveBeenCalled();
  expect(text(element, "check-queued")).toBe(checkQueuedLabel);
  await advance(1);
  expect(statusMock).toHaveBeenCalledTimes(1);
  expect(statusMock).toHaveBeenCalledWith({ recordId: RECORD_ID });
  expect(text(element, "status-label")).toBe("Pending (label)");
  expect(text(element, "check-queued")).toBe(noResultYetLabel);
  expect(liveText(element)).toBe(noResultYetLabel);
  expect(byId(element, "live")!.getAttribute("aria-live")).toBe("polite");
  // One read, not polling.
  await advance(FOLLOW_UP_MS * 3);
  expect(statusMock).toHaveBeenCalledTimes(1);
  // sa11y refuses fake timers.
  jest.useRealTimers();
  await expect(element).toBeAccessible();
});

it("shows a final status the follow-up read finds, without a note", async () => {
  const element = await checkNowQueued();
  statusMock.mockResolvedValue(
    status("Failed", { reasonMessage: "The document could not be read." })
  );
  await advance(FOLLOW_UP_MS);
  expect(text(element, "status-label")).toBe("Failed (label)");
  expect(text(element, "status-reason")).toBe(
    "The document could not be read."
  );
  expect(byId(element, "check-queued")).toBeNull();
  expect(byId(element, "check-now")).toBeNull();
  expect(liveText(element)).toBe("Identity proofing status: Failed (label)");
});

it("keeps the note when the follow-up read fails, and shows the error", async () => {
  const element = await checkNowQueued();
  statusMock.mockRejectedValue({
    status: 500,
    body: { message: "The proofing was not found." }
  });
  await advance(FOLLOW_UP_MS);
  expect(text(element, "error")).toBe("The proofing was not found.");
  expect(text(element, "check-queued")).toBe(checkQueuedLabel);
});

it("reads nothing after the component was removed", async () => {
  const element = await checkNowQueued();
  document.body.removeChild(element);
  expect(jest.getTimerCount()).toBe(0);
  await advance(FOLLOW_UP_MS * 2);
  expect(statusMock).not.toHaveBeenCalled();
});

it("reads nothing after Close", async () => {
  const element = await checkNowQueued();
  await click(element, "close");
  await advance(FOLLOW_UP_MS * 2);
  expect(statusMock).not.toHaveBeenCalled();
});

it("a second Check now starts the wait again", async () => {
  const element = await checkNowQueued();
  await advance(30_000);
  await click(element, "check-now");
  expect(checkMock).toHaveBeenCalledTimes(2);
  // 45 s after the first click: the first wait was cancelled.
  await advance(FOLLOW_UP_MS - 30_000);
  expect(statusMock).not.toHaveBeenCalled();
  // 45 s after the second click.
  await advance(30_000);
  expect(statusMock).toHaveBeenCalledTimes(1);
  expect(text(element, "check-queued")).toBe(noResultYetLabel);
  // And once the note says "no result yet", Check now says "Checking" again and waits again.
  await click(element, "check-now");
  expect(text(element, "check-queued")).toBe(checkQueuedLabel);
  expect(liveText(element)).toBe(checkQueuedLabel);
  await advance(FOLLOW_UP_MS);
  expect(statusMock).toHaveBeenCalledTimes(2);
  expect(text(element, "check-queued")).toBe(noResultYetLabel);
});

it("stops waiting when a result event already brought a final status", async () => {
  const element = await checkNowQueued();
  statusMock.mockResolvedValue(status("Verified"));
  emitMessage(CHANNEL, { Related_Record_Id__c: RECORD_ID });
  await flush();
  expect(text(element, "status-label")).toBe("Verified (label)");
  expect(statusMock).toHaveBeenCalledTimes(1);
  expect(jest.getTimerCount()).toBe(0);
  await advance(FOLLOW_UP_MS * 2);
  expect(statusMock).toHaveBeenCalledTimes(1);
});

it("keeps waiting after a result event that leaves the row Pending", async () => {
  const element = await checkNowQueued();
  emitMessage(CHANNEL, { Related_Record_Id__c: RECORD_ID });
  await flush();
  expect(statusMock).toHaveBeenCalledTimes(1);
  await advance(FOLLOW_UP_MS);
  expect(statusMock).toHaveBeenCalledTimes(2);
  expect(text(element, "check-queued")).toBe(noResultYetLabel);
});
