// The events oneKosmosStepUp dispatches for a parent component (e.g. oneKosmosApproveAndSave): `verified` when the
// server reports the verification Verified, `statuschange` on every final status, and nothing for Pending; and
// "1Kosmos is not responding", which lets the server check 1Kosmos and record an outage.
import startStepUp from "@salesforce/apex/OneKosmosStepUpController.startStepUp";
import getStepUpStatus from "@salesforce/apex/OneKosmosStepUpController.getStepUpStatus";
import cancelStepUp from "@salesforce/apex/OneKosmosStepUpController.cancelStepUp";
import reportStepUpUnreachable from "@salesforce/apex/OneKosmosStepUpController.reportStepUpUnreachable";
import reasonUnavailableLabel from "@salesforce/label/c.OneKosmos_StepUp_Reason_Unavailable";
import errorUnknownLabel from "@salesforce/label/c.OneKosmos_StepUp_Error_Unknown";
import checkingTenantLabel from "@salesforce/label/c.OneKosmos_StepUp_Checking_Tenant";
import { isEmpEnabled } from "lightning/empApi";
import { emitMessage, resetEmpApi } from "jest-mocks/lightning/empApi";
import type { StepUpEventDetail } from "c/oneKosmosStepUp";
import {
  CHANNEL,
  FIVE_MINUTES,
  NOW,
  VERIFICATION_ID,
  byId,
  click,
  expectAccessible,
  flush,
  mount,
  removeAll,
  startResponse,
  statusResponse
} from "./helpers";
import type { Mounted } from "./helpers";

import type * as EmpApiMock from "jest-mocks/lightning/empApi";
import type * as FlowSupportMock from "jest-mocks/lightning/flowSupport";

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
jest.mock(
  "@salesforce/apex/OneKosmosStepUpController.reportStepUpUnreachable",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock("lightning/empApi", () =>
  jest.requireActual<typeof EmpApiMock>("jest-mocks/lightning/empApi")
);
jest.mock("lightning/flowSupport", () =>
  jest.requireActual<typeof FlowSupportMock>("jest-mocks/lightning/flowSupport")
);

const startMock = jest.mocked(startStepUp);
const statusMock = jest.mocked(getStepUpStatus);
const cancelMock = jest.mocked(cancelStepUp);
const isEmpEnabledMock = jest.mocked(isEmpEnabled);
const unreachableMock = jest.mocked(reportStepUpUnreachable);

interface Recorded {
  mounted: Mounted;
  verified: StepUpEventDetail[];
  statusChanges: StepUpEventDetail[];
  bubbles: boolean[];
}

/** Mounts, records the parent-facing events, starts and waits for the phone. */
async function startRecording(): Promise<Recorded> {
  const mounted = mount();
  const recorded: Recorded = {
    mounted,
    verified: [],
    statusChanges: [],
    bubbles: []
  };
  mounted.element.addEventListener("verified", (event) => {
    const custom = event as CustomEvent<StepUpEventDetail>;
    recorded.verified.push(custom.detail);
    recorded.bubbles.push(custom.bubbles || custom.composed);
  });
  mounted.element.addEventListener("statuschange", (event) => {
    const custom = event as CustomEvent<StepUpEventDetail>;
    recorded.statusChanges.push(custom.detail);
    recorded.bubbles.push(custom.bubbles || custom.composed);
  });
  click(mounted.element, "start");
  await flush();
  expect(byId(mounted.element, "waiting")).not.toBeNull();
  return recorded;
}

async function report(status: string, reasonCode?: string): Promise<void> {
  statusMock.mockResolvedValue(statusResponse(status, { reasonCode }));
  emitMessage(CHANNEL, { Verification_Id__c: VERIFICATION_ID });
  await flush();
}

beforeEach(() => {
  jest.useFakeTimers({ now: NOW });
  jest
    .spyOn(window, "open")
    .mockImplementation(() => ({ close: jest.fn() }) as unknown as Window);
  startMock.mockResolvedValue(startResponse());
  statusMock.mockResolvedValue(statusResponse("Pending"));
  cancelMock.mockResolvedValue(statusResponse("Cancelled"));
  isEmpEnabledMock.mockResolvedValue(true);
});

afterEach(() => {
  removeAll();
  resetEmpApi();
  jest.restoreAllMocks();
  jest.clearAllMocks();
  jest.useRealTimers();
});

describe("events for a parent component", () => {
  it("dispatches nothing while the verification is pending", async () => {
    const recorded = await startRecording();
    await report("Pending");
    expect(recorded.verified).toEqual([]);
    expect(recorded.statusChanges).toEqual([]);
  });

  it("dispatches verified with the verification id, once, and a statuschange", async () => {
    const recorded = await startRecording();
    await report("Verified");
    expect(recorded.verified).toEqual([
      { verificationId: VERIFICATION_ID, status: "Verified" }
    ]);
    expect(recorded.statusChanges).toEqual([
      { verificationId: VERIFICATION_ID, status: "Verified" }
    ]);
    // A later cue reads the same status again: no second event.
    emitMessage(CHANNEL, { Verification_Id__c: VERIFICATION_ID });
    await flush();
    expect(recorded.verified).toHaveLength(1);
    // Parent-facing events stay on the element (a parent listens on it directly).
    expect(recorded.bubbles).toEqual([false, false]);
  });

  it.each([
    ["Failed", "timeout"],
    ["Failed", "access_denied"],
    ["Cancelled", undefined],
    ["Expired", undefined]
  ])(
    "dispatches statuschange for %s (%s) and no verified event",
    async (status, reasonCode) => {
      const recorded = await startRecording();
      await report(status, reasonCode);
      const expected: StepUpEventDetail = {
        verificationId: VERIFICATION_ID,
        status
      };
      if (reasonCode) expected.reasonCode = reasonCode;
      expect(recorded.statusChanges).toEqual([expected]);
      expect(recorded.verified).toEqual([]);
    }
  );

  it("dispatches statuschange when the user cancels", async () => {
    const recorded = await startRecording();
    click(recorded.mounted.element, "cancel");
    await flush();
    expect(recorded.statusChanges).toEqual([
      { verificationId: VERIFICATION_ID, status: "Cancelled" }
    ]);
  });

  it("dispatches statuschange when the countdown runs out", async () => {
    isEmpEnabledMock.mockResolvedValue(false);
    const recorded = await startRecording();
    await jest.advanceTimersByTimeAsync(FIVE_MINUTES);
    expect(recorded.statusChanges).toEqual([
      { verificationId: VERIFICATION_ID, status: "Expired" }
    ]);
  });

  it("dispatches verified for a verification the action already spent", async () => {
    const recorded = await startRecording();
    await report("Consumed");
    expect(recorded.verified).toEqual([
      { verificationId: VERIFICATION_ID, status: "Consumed" }
    ]);
  });
});

describe("1Kosmos is not responding", () => {
  const REACHABLE =
    "1Kosmos is reachable. Finish the verification in the 1Kosmos window, or cancel and start again.";

  it("asks the server, which records the outage: failed with the reason, and a statuschange with it", async () => {
    const recorded = await startRecording();
    const { element } = recorded.mounted;
    let answer: (value: ReturnType<typeof statusResponse>) => void = () =>
      undefined;
    unreachableMock.mockReturnValue(
      new Promise((resolve) => {
        answer = resolve;
      })
    );
    click(element, "not-responding");
    await flush();
    expect(unreachableMock).toHaveBeenCalledWith({
      verificationId: VERIFICATION_ID
    });
    expect(byId(element, "live")!.textContent.trim()).toBe(checkingTenantLabel);
    expect(
      (byId(element, "cancel") as HTMLElement & { disabled: boolean }).disabled
    ).toBe(true);

    answer(statusResponse("Failed", { reasonCode: "timeout" }));
    await flush();
    expect(byId(element, "reason")!.textContent).toBe(reasonUnavailableLabel);
    expect(recorded.statusChanges).toEqual([
      {
        verificationId: VERIFICATION_ID,
        status: "Failed",
        reasonCode: "timeout"
      }
    ]);
    expect(recorded.verified).toEqual([]);
  });

  it("keeps waiting and shows the server's answer when 1Kosmos is reachable", async () => {
    unreachableMock.mockRejectedValue({ body: { message: REACHABLE } });
    const recorded = await startRecording();
    const { element } = recorded.mounted;
    click(element, "not-responding");
    await flush();
    expect(byId(element, "waiting")).not.toBeNull();
    expect(byId(element, "notice")!.textContent).toBe(REACHABLE);
    expect(byId(element, "live")!.textContent.trim()).toBe(REACHABLE);
    expect(recorded.statusChanges).toEqual([]);
    expect(
      (byId(element, "not-responding") as HTMLElement & { disabled: boolean })
        .disabled
    ).toBe(false);
    // sa11y refuses fake timers (helpers.expectAccessible switches to real ones).
    await expectAccessible(element);
  });

  it("shows a generic message when the server answers without one, and keeps a Pending step-up waiting", async () => {
    unreachableMock.mockRejectedValueOnce(new Error("network"));
    const recorded = await startRecording();
    const { element } = recorded.mounted;
    click(element, "not-responding");
    await flush();
    expect(byId(element, "notice")!.textContent).toBe(errorUnknownLabel);

    unreachableMock.mockResolvedValueOnce(statusResponse("Pending"));
    click(element, "not-responding");
    await flush();
    expect(byId(element, "waiting")).not.toBeNull();
    expect(recorded.statusChanges).toEqual([]);
  });

  it("ignores an answer that arrives after the step-up ended", async () => {
    const recorded = await startRecording();
    const { element } = recorded.mounted;
    let fail: (reason: unknown) => void = () => undefined;
    unreachableMock.mockReturnValue(
      new Promise((_resolve, reject) => {
        fail = reject;
      })
    );
    click(element, "not-responding");
    await flush();
    await report("Verified");
    fail({ body: { message: REACHABLE } });
    await flush();
    expect(byId(element, "verified")).not.toBeNull();
    expect(byId(element, "notice")).toBeNull();
  });
});

describe("abandon, for a parent that removes the step-up", () => {
  it("cancels the verification being waited for and closes its window", async () => {
    const recorded = await startRecording();
    const popup = jest.mocked(window.open).mock.results[0]?.value as {
      close: jest.Mock;
    };
    (recorded.mounted.element as unknown as { abandon: () => void }).abandon();
    await flush();
    expect(cancelMock).toHaveBeenCalledWith({
      verificationId: VERIFICATION_ID
    });
    expect(popup.close).toHaveBeenCalled();
    // The component is going away: no event and no second cancel.
    expect(recorded.statusChanges).toEqual([]);
    (recorded.mounted.element as unknown as { abandon: () => void }).abandon();
    expect(cancelMock).toHaveBeenCalledTimes(1);
  });

  it("does nothing before a verification was started", async () => {
    const mounted = mount();
    await flush();
    (mounted.element as unknown as { abandon: () => void }).abandon();
    await flush();
    expect(cancelMock).not.toHaveBeenCalled();
  });
});
