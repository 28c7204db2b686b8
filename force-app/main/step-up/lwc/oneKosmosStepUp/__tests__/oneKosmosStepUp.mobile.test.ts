// The Salesforce mobile app and small screens: empApi is desktop-only, so the component polls without asking it.
import getStepUpStatus from "@salesforce/apex/OneKosmosStepUpController.getStepUpStatus";
import startStepUp from "@salesforce/apex/OneKosmosStepUpController.startStepUp";
import { isEmpEnabled, subscribe } from "lightning/empApi";
import {
  NOW,
  byId,
  click,
  expectAccessible,
  flush,
  mount,
  removeAll,
  startResponse,
  statusResponse
} from "./helpers";

import type * as EmpApiMock from "jest-mocks/lightning/empApi";
import type * as FlowSupportMock from "jest-mocks/lightning/flowSupport";

jest.mock("@salesforce/client/formFactor", () => ({ default: "Small" }), {
  virtual: true
});
jest.mock(
  "@salesforce/apex/OneKosmosStepUpController.startStepUp",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/OneKosmosStepUpController.getStepUpStatus",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/OneKosmosStepUpController.cancelStepUp",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock("lightning/empApi", () =>
  jest.requireActual<typeof EmpApiMock>("jest-mocks/lightning/empApi")
);
jest.mock("lightning/flowSupport", () =>
  jest.requireActual<typeof FlowSupportMock>("jest-mocks/lightning/flowSupport")
);

const statusMock = jest.mocked(getStepUpStatus);

beforeEach(() => {
  jest.useFakeTimers({ now: NOW });
  jest.spyOn(window, "open").mockReturnValue(null);
  jest.mocked(startStepUp).mockResolvedValue(startResponse());
  statusMock.mockResolvedValue(statusResponse("Pending"));
  jest.mocked(isEmpEnabled).mockResolvedValue(true);
});

afterEach(() => {
  removeAll();
  jest.restoreAllMocks();
  jest.clearAllMocks();
  jest.useRealTimers();
});

it("polls instead of subscribing on a small form factor, even where empApi says it is enabled", async () => {
  const { element } = mount();
  click(element, "start");
  await flush();

  expect(isEmpEnabled).not.toHaveBeenCalled();
  expect(subscribe).not.toHaveBeenCalled();
  expect(statusMock).not.toHaveBeenCalled();
  // A blocked popup (common in the mobile app) leaves the link.
  expect(byId(element, "open-link")).not.toBeNull();

  statusMock.mockResolvedValue(statusResponse("Verified"));
  await jest.advanceTimersByTimeAsync(3000);
  expect(statusMock).toHaveBeenCalledTimes(1);
  expect(element.isVerified).toBe(true);
  await expectAccessible(element);
});
