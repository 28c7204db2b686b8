import startStepUp from "@salesforce/apex/OneKosmosStepUpController.startStepUp";
import getStepUpStatus from "@salesforce/apex/OneKosmosStepUpController.getStepUpStatus";
import cancelStepUp from "@salesforce/apex/OneKosmosStepUpController.cancelStepUp";
import {
  isEmpEnabled,
  onError,
  subscribe,
  unsubscribe
} from "lightning/empApi";
import {
  emitError,
  emitMessage,
  hasSubscribers,
  resetEmpApi
} from "jest-mocks/lightning/empApi";
import buttonDefaultLabel from "@salesforce/label/c.OneKosmos_StepUp_Button_Default";
import readyLabel from "@salesforce/label/c.OneKosmos_StepUp_Ready";
import startingLabel from "@salesforce/label/c.OneKosmos_StepUp_Starting";
import waitingLabel from "@salesforce/label/c.OneKosmos_StepUp_Waiting";
import popupBlockedLabel from "@salesforce/label/c.OneKosmos_StepUp_Popup_Blocked";
import openLinkLabel from "@salesforce/label/c.OneKosmos_StepUp_Open_Link";
import verifiedLabel from "@salesforce/label/c.OneKosmos_StepUp_Verified";
import failedLabel from "@salesforce/label/c.OneKosmos_StepUp_Failed";
import expiredLabel from "@salesforce/label/c.OneKosmos_StepUp_Expired";
import cancelledLabel from "@salesforce/label/c.OneKosmos_StepUp_Cancelled";
import errorLabel from "@salesforce/label/c.OneKosmos_StepUp_Error";
import errorUnknownLabel from "@salesforce/label/c.OneKosmos_StepUp_Error_Unknown";
import untrustedUrlLabel from "@salesforce/label/c.OneKosmos_StepUp_Error_Untrusted_Url";
import reasonGenericLabel from "@salesforce/label/c.OneKosmos_StepUp_Reason_Generic";
import reasonAccessDeniedLabel from "@salesforce/label/c.OneKosmos_StepUp_Reason_Access_Denied";
import reasonWrongMethodLabel from "@salesforce/label/c.OneKosmos_StepUp_Reason_Wrong_Method";
import validateRequiredLabel from "@salesforce/label/c.OneKosmos_StepUp_Validate_Required";
import {
  AUTHORIZE_URL,
  CALLBACK_ORIGIN,
  CHANNEL,
  FIVE_MINUTES,
  NOW,
  OTHER_VERIFICATION_ID,
  RECORD_ID,
  TENANT_ORIGIN,
  VERIFICATION_ID,
  byId,
  click,
  expectAccessible,
  flush,
  lastFocused,
  liveText,
  mount,
  postCallbackMessage,
  removeAll,
  startResponse,
  statusResponse
} from "./helpers";
import type { ButtonElement, Mounted } from "./helpers";

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
// Jest resolves labels to their names; the countdown needs the placeholder of the real text.
jest.mock(
  "@salesforce/label/c.OneKosmos_StepUp_Time_Left",
  () => ({ default: "Time left: {0}" }),
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
const subscribeMock = jest.mocked(subscribe);
const unsubscribeMock = jest.mocked(unsubscribe);

let popup: { close: jest.Mock };
let openSpy: jest.SpiedFunction<typeof window.open>;
let focusSpy: jest.SpyInstance;

/** Mounts the component, presses Start and waits until it waits for the phone. */
async function startWaiting(
  props: Parameters<typeof mount>[0] = {}
): Promise<Mounted> {
  const mounted = mount(props);
  click(mounted.element, "start");
  await flush();
  expect(byId(mounted.element, "waiting")).not.toBeNull();
  return mounted;
}

function flowValues(mounted: Mounted, name: string): unknown[] {
  return mounted.flowChanges
    .filter((change) => change.attributeName === name)
    .map((change) => change.attributeValue);
}

beforeEach(() => {
  jest.useFakeTimers({ now: NOW });
  popup = { close: jest.fn() };
  openSpy = jest
    .spyOn(window, "open")
    .mockImplementation(() => popup as unknown as Window);
  focusSpy = jest.spyOn(HTMLElement.prototype, "focus");
  startMock.mockResolvedValue(startResponse());
  statusMock.mockResolvedValue(statusResponse("Pending"));
  cancelMock.mockResolvedValue(statusResponse("Cancelled"));
  isEmpEnabledMock.mockResolvedValue(true);
});

afterEach(() => {
  removeAll();
  resetEmpApi();
  jest.clearAllMocks();
  openSpy.mockRestore();
  focusSpy.mockRestore();
  jest.useRealTimers();
});

describe("ready", () => {
  it("offers a start button with the default label and explains what happens", async () => {
    const { element } = mount();
    await flush();

    const button = byId<ButtonElement>(element, "start")!;
    expect(button.label).toBe(buttonDefaultLabel);
    expect(byId(element, "ready")!.textContent).toBe(readyLabel);
    // Nothing is announced before anything happens.
    expect(liveText(element)).toBe("");
    expect(byId(element, "live")!.getAttribute("role")).toBe("status");
    expect(byId(element, "live")!.getAttribute("aria-live")).toBe("polite");
    expect(startMock).not.toHaveBeenCalled();
    expect(element.isVerified).toBe(false);
    await expectAccessible(element);
  });

  it("uses the configured button label", async () => {
    const { element } = mount({ buttonLabel: "Approve transfer" });
    await flush();
    expect(byId<ButtonElement>(element, "start")!.label).toBe(
      "Approve transfer"
    );
  });

  it("starts by itself when autoStart is set", async () => {
    const { element } = mount({ autoStart: true });
    await flush();
    expect(startMock).toHaveBeenCalledTimes(1);
    expect(byId(element, "waiting")).not.toBeNull();
  });
});

describe("starting", () => {
  it("shows and announces progress while Apex starts the verification", async () => {
    startMock.mockReturnValue(new Promise(() => undefined));
    const { element } = mount({ guardedValuesJson: '{"amount":100}' });
    click(element, "start");
    await flush();

    expect(startMock).toHaveBeenCalledWith({
      recordId: RECORD_ID,
      actionName: "Large_Transfer",
      guardedValuesJson: '{"amount":100}'
    });
    expect(byId(element, "start")).toBeNull();
    expect(byId(element, "starting")!.textContent).toBe(startingLabel);
    expect(liveText(element)).toBe(startingLabel);
    // Focus follows the state instead of falling back to the page.
    expect(lastFocused(focusSpy)).toBe(byId(element, "starting"));
    await expectAccessible(element);
  });

  it("passes nulls for inputs that are not set", async () => {
    const { element } = mount({ actionName: undefined, recordId: undefined });
    click(element, "start");
    await flush();
    expect(startMock).toHaveBeenCalledWith({
      recordId: null,
      actionName: null,
      guardedValuesJson: null
    });
  });

  it("does nothing when removed before Apex answers", async () => {
    let answer: (value: ReturnType<typeof startResponse>) => void = () =>
      undefined;
    startMock.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const { element } = mount();
    click(element, "start");
    await flush();
    removeAll();
    answer(startResponse());
    await flush();

    expect(openSpy).not.toHaveBeenCalled();
    expect(subscribeMock).not.toHaveBeenCalled();
    expect(jest.getTimerCount()).toBe(0);
    expect(element.verificationId).toBeUndefined();
  });
});

describe("waiting", () => {
  it("opens the tenant's authorize URL in a named popup, counts down and tells the flow", async () => {
    const mounted = await startWaiting();
    const { element } = mounted;

    expect(openSpy).toHaveBeenCalledTimes(1);
    const [url, name, features] = openSpy.mock.calls[0] as string[];
    expect(url).toBe(AUTHORIZE_URL);
    expect(name).toBe("onekosmos_step_up");
    expect(features).toContain("popup");
    expect(features).not.toContain("noopener");
    expect(liveText(element)).toBe(waitingLabel);
    expect(byId(element, "countdown")!.textContent.trim()).toBe(
      "Time left: 5:00"
    );
    expect(byId(element, "popup-blocked")).toBeNull();
    expect(element.verificationId).toBe(VERIFICATION_ID);
    expect(element.status).toBe("Pending");
    expect(flowValues(mounted, "verificationId")).toEqual([VERIFICATION_ID]);
    expect(flowValues(mounted, "status")).toEqual(["Pending"]);

    await jest.advanceTimersByTimeAsync(61_000);
    expect(byId(element, "countdown")!.textContent.trim()).toBe(
      "Time left: 3:59"
    );
    await expectAccessible(element);
  });

  it("ignores a result event for another verification and re-reads the status for its own", async () => {
    const mounted = await startWaiting();
    const { element } = mounted;
    expect(subscribeMock).toHaveBeenCalledWith(
      CHANNEL,
      -1,
      expect.any(Function)
    );
    // One read right after subscribing catches a result that landed meanwhile.
    expect(statusMock).toHaveBeenCalledTimes(1);

    emitMessage(CHANNEL, {
      Verification_Id__c: OTHER_VERIFICATION_ID,
      Related_Record_Id__c: RECORD_ID,
      Status__c: "Verified"
    });
    await flush();
    expect(statusMock).toHaveBeenCalledTimes(1);
    expect(byId(element, "waiting")).not.toBeNull();

    // The event's status is never believed: Apex still says Pending.
    emitMessage(CHANNEL, {
      Verification_Id__c: VERIFICATION_ID,
      Status__c: "Verified"
    });
    await flush();
    expect(statusMock).toHaveBeenCalledTimes(2);
    expect(statusMock).toHaveBeenLastCalledWith({
      verificationId: VERIFICATION_ID
    });
    expect(byId(element, "waiting")).not.toBeNull();
    expect(element.isVerified).toBe(false);

    statusMock.mockResolvedValue(statusResponse("Verified"));
    emitMessage(CHANNEL, { Verification_Id__c: VERIFICATION_ID.slice(0, 15) });
    await flush();

    expect(statusMock).toHaveBeenCalledTimes(3);
    expect(byId(element, "verified")!.textContent.trim()).toBe(verifiedLabel);
    expect(liveText(element)).toBe(verifiedLabel);
    expect(element.isVerified).toBe(true);
    expect(element.status).toBe("Verified");
    expect(flowValues(mounted, "isVerified")).toEqual([true]);
    expect(flowValues(mounted, "status")).toEqual(["Pending", "Verified"]);
    expect(unsubscribeMock).toHaveBeenCalledTimes(1);
    expect(popup.close).toHaveBeenCalled();
    expect(jest.getTimerCount()).toBe(0);
    expect(lastFocused(focusSpy)).toBe(byId(element, "verified"));
    await expectAccessible(element);
  });

  it("re-reads on the callback's message only from the callback origin, for its own verification", async () => {
    const { element } = await startWaiting();
    const readsBefore = statusMock.mock.calls.length;
    statusMock.mockResolvedValue(statusResponse("Verified"));

    postCallbackMessage("https://evil.example.com", {
      type: "onekosmos:step-up",
      verificationId: VERIFICATION_ID
    });
    postCallbackMessage(TENANT_ORIGIN, {
      type: "onekosmos:step-up",
      verificationId: VERIFICATION_ID
    });
    postCallbackMessage(CALLBACK_ORIGIN, {
      type: "something-else",
      verificationId: VERIFICATION_ID
    });
    postCallbackMessage(CALLBACK_ORIGIN, {
      type: "onekosmos:step-up",
      verificationId: OTHER_VERIFICATION_ID
    });
    postCallbackMessage(CALLBACK_ORIGIN, "onekosmos:step-up");
    postCallbackMessage(CALLBACK_ORIGIN, null);
    await flush();
    expect(statusMock).toHaveBeenCalledTimes(readsBefore);
    expect(element.isVerified).toBe(false);

    postCallbackMessage(CALLBACK_ORIGIN, {
      type: "onekosmos:step-up",
      verificationId: VERIFICATION_ID
    });
    await flush();
    expect(statusMock).toHaveBeenCalledTimes(readsBefore + 1);
    expect(element.isVerified).toBe(true);
  });

  it("ignores a status read that returns after the user cancelled", async () => {
    const { element } = await startWaiting();
    let answer: (value: ReturnType<typeof statusResponse>) => void = () =>
      undefined;
    statusMock.mockReturnValueOnce(
      new Promise((resolve) => (answer = resolve))
    );
    emitMessage(CHANNEL, { Verification_Id__c: VERIFICATION_ID });
    await flush();
    click(element, "cancel");
    await flush();
    answer(statusResponse("Verified"));
    await flush();
    expect(element.isVerified).toBe(false);
    expect(byId(element, "start")).not.toBeNull();
  });

  it("keeps waiting when a status read returns nothing", async () => {
    statusMock.mockResolvedValue(null);
    const { element } = await startWaiting();
    expect(statusMock).toHaveBeenCalledTimes(1);
    expect(byId(element, "waiting")).not.toBeNull();
  });

  it("answers cues that arrive together with one status read", async () => {
    await startWaiting();
    const readsBefore = statusMock.mock.calls.length;
    emitMessage(CHANNEL, { Verification_Id__c: VERIFICATION_ID });
    postCallbackMessage(CALLBACK_ORIGIN, {
      type: "onekosmos:step-up",
      verificationId: VERIFICATION_ID
    });
    await flush();
    expect(statusMock).toHaveBeenCalledTimes(readsBefore + 1);
  });

  it("extends the countdown when Apex reports a later expiry", async () => {
    statusMock.mockResolvedValue(
      statusResponse("Pending", {
        expiresAt: new Date(NOW + 2 * FIVE_MINUTES).toISOString()
      })
    );
    const { element } = await startWaiting();
    await jest.advanceTimersByTimeAsync(FIVE_MINUTES + 1000);
    expect(byId(element, "waiting")).not.toBeNull();
    expect(byId(element, "countdown")!.textContent.trim()).toBe(
      "Time left: 4:59"
    );
  });

  it("reopens the window on request", async () => {
    const { element } = await startWaiting();
    click(element, "reopen");
    await flush();
    expect(openSpy).toHaveBeenCalledTimes(2);
    expect(openSpy.mock.calls[1][0]).toBe(AUTHORIZE_URL);
  });
});

describe("polling", () => {
  it("polls with backoff (3 s ×1.5, at most 15 s) where empApi is not enabled, until final", async () => {
    isEmpEnabledMock.mockResolvedValue(false);
    const { element } = await startWaiting();
    expect(subscribeMock).not.toHaveBeenCalled();
    expect(onError).not.toHaveBeenCalled();
    expect(statusMock).not.toHaveBeenCalled();

    const delays = [3000, 4500, 6750, 10125, 15000, 15000];
    for (const [index, delay] of delays.entries()) {
      // eslint-disable-next-line no-await-in-loop -- the polls are sequential by design
      await jest.advanceTimersByTimeAsync(delay - 1);
      expect(statusMock).toHaveBeenCalledTimes(index);
      // eslint-disable-next-line no-await-in-loop -- as above
      await jest.advanceTimersByTimeAsync(1);
      expect(statusMock).toHaveBeenCalledTimes(index + 1);
    }

    statusMock.mockResolvedValue(statusResponse("Verified"));
    await jest.advanceTimersByTimeAsync(15000);
    expect(element.isVerified).toBe(true);
    const reads = statusMock.mock.calls.length;
    await jest.advanceTimersByTimeAsync(60000);
    expect(statusMock).toHaveBeenCalledTimes(reads);
    expect(jest.getTimerCount()).toBe(0);
  });

  it("falls back to polling on an empApi error", async () => {
    const { element } = await startWaiting();
    expect(onError).toHaveBeenCalledTimes(1);
    const readsBefore = statusMock.mock.calls.length;

    emitError({ error: "403::Unknown client" });
    await flush();
    expect(unsubscribeMock).toHaveBeenCalledTimes(1);
    expect(hasSubscribers(CHANNEL)).toBe(false);

    statusMock.mockResolvedValue(statusResponse("Verified"));
    await jest.advanceTimersByTimeAsync(3000);
    expect(statusMock).toHaveBeenCalledTimes(readsBefore + 1);
    expect(element.isVerified).toBe(true);
  });

  it("falls back to polling when subscribing fails", async () => {
    subscribeMock.mockRejectedValueOnce(new Error("handshake failed"));
    const { element } = await startWaiting();
    expect(statusMock).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(3000);
    expect(statusMock).toHaveBeenCalledTimes(1);
    expect(byId(element, "waiting")).not.toBeNull();
  });

  it("falls back to polling when isEmpEnabled fails", async () => {
    isEmpEnabledMock.mockRejectedValueOnce(new Error("no empApi here"));
    await startWaiting();
    expect(subscribeMock).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(3000);
    expect(statusMock).toHaveBeenCalledTimes(1);
  });

  it("falls back to polling when a status read fails while on empApi, and keeps waiting", async () => {
    statusMock.mockRejectedValueOnce({ body: { message: "timeout" } });
    const { element } = await startWaiting();
    expect(unsubscribeMock).toHaveBeenCalledTimes(1);
    expect(byId(element, "waiting")).not.toBeNull();
    await jest.advanceTimersByTimeAsync(3000);
    expect(statusMock).toHaveBeenCalledTimes(2);
  });

  it("ignores empApi errors once it no longer waits on empApi", async () => {
    statusMock.mockResolvedValue(statusResponse("Verified"));
    const { element } = mount();
    click(element, "start");
    await flush();
    expect(element.isVerified).toBe(true);
    emitError({ error: "late" });
    await flush();
    expect(jest.getTimerCount()).toBe(0);
  });
});

describe("popup blocked", () => {
  it("shows a link that opens the authorize URL in a new tab, announces it and focuses it", async () => {
    openSpy.mockReturnValue(null);
    const { element } = await startWaiting();

    const link = byId<HTMLAnchorElement>(element, "open-link")!;
    expect(link.getAttribute("href")).toBe(AUTHORIZE_URL);
    expect(link.getAttribute("target")).toBe("_blank");
    expect(link.getAttribute("rel")).toBe("noopener");
    expect(link.textContent).toBe(openLinkLabel);
    expect(byId(element, "popup-blocked")!.textContent).toContain(
      popupBlockedLabel
    );
    expect(liveText(element)).toContain(popupBlockedLabel);
    expect(lastFocused(focusSpy)).toBe(link);
    await expectAccessible(element);

    // Reopening once the user allowed popups hides the link again.
    openSpy.mockImplementation(() => popup as unknown as Window);
    click(element, "reopen");
    await flush();
    expect(byId(element, "open-link")).toBeNull();
  });

  it("announces a popup blocked on reopen", async () => {
    const { element } = await startWaiting();
    openSpy.mockReturnValue(null);
    click(element, "reopen");
    await flush();
    expect(liveText(element)).toBe(popupBlockedLabel);
    expect(byId(element, "open-link")).not.toBeNull();
  });
});

describe("untrusted URL", () => {
  it.each([
    ["another host", "https://evil.example.com/authorize", TENANT_ORIGIN],
    ["a look-alike host", `${TENANT_ORIGIN}.evil.com/authorize`, TENANT_ORIGIN],
    ["plain http", AUTHORIZE_URL.replace("https:", "http:"), TENANT_ORIGIN],
    [
      "an http tenant",
      "http://acme.1kosmos.net/authorize",
      "http://acme.1kosmos.net"
    ],
    // eslint-disable-next-line no-script-url -- proves such a URL is refused
    ["a javascript: URL", "javascript:alert(1)", TENANT_ORIGIN],
    ["a relative URL", "/authorize", TENANT_ORIGIN],
    ["no tenant origin", AUTHORIZE_URL, undefined],
    ["no URL", undefined, TENANT_ORIGIN]
  ])(
    "refuses %s: error state, nothing opened",
    async (_name, authorizeUrl, tenantOrigin) => {
      startMock.mockResolvedValue(
        startResponse({ authorizeUrl, tenantOrigin })
      );
      const { element } = mount();
      click(element, "start");
      await flush();

      expect(openSpy).not.toHaveBeenCalled();
      expect(subscribeMock).not.toHaveBeenCalled();
      const alert = byId(element, "error")!;
      expect(alert.getAttribute("role")).toBe("alert");
      expect(alert.textContent).toContain(untrustedUrlLabel);
      expect(byId(element, "open-link")).toBeNull();
      expect(jest.getTimerCount()).toBe(0);
    }
  );
});

describe("expired", () => {
  it("expires when the countdown reaches zero, stops polling and offers a retry", async () => {
    isEmpEnabledMock.mockResolvedValue(false);
    const mounted = await startWaiting();
    const { element } = mounted;

    await jest.advanceTimersByTimeAsync(FIVE_MINUTES - 1000);
    expect(byId(element, "waiting")).not.toBeNull();
    const reads = statusMock.mock.calls.length;

    await jest.advanceTimersByTimeAsync(1000);
    expect(byId(element, "expired")!.textContent).toBe(expiredLabel);
    expect(liveText(element)).toBe(expiredLabel);
    expect(element.status).toBe("Expired");
    expect(flowValues(mounted, "status")).toEqual(["Pending", "Expired"]);
    expect(popup.close).toHaveBeenCalled();
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(60000);
    expect(statusMock).toHaveBeenCalledTimes(reads);
    expect(lastFocused(focusSpy)).toBe(byId(element, "retry"));

    // Retry starts a new verification (before the accessibility check leaves the fake clock).
    startMock.mockResolvedValue(
      startResponse({
        expiresAt: new Date(Date.now() + FIVE_MINUTES).toISOString()
      })
    );
    click(element, "retry");
    await flush();
    expect(startMock).toHaveBeenCalledTimes(2);
    expect(byId(element, "waiting")).not.toBeNull();
  });

  it("is accessible when expired", async () => {
    const { element } = await startWaiting();
    await jest.advanceTimersByTimeAsync(FIVE_MINUTES);
    expect(byId(element, "expired")).not.toBeNull();
    await expectAccessible(element);
  });

  it("shows expired when Apex says so", async () => {
    // The read right after subscribing already finds it expired.
    statusMock.mockResolvedValue(statusResponse("Expired"));
    const { element } = mount();
    click(element, "start");
    await flush();
    expect(byId(element, "expired")).not.toBeNull();
    expect(element.status).toBe("Expired");
  });
});

describe("cancel", () => {
  it("cancels through Apex, closes the popup, stops listening and returns to ready", async () => {
    const mounted = await startWaiting();
    const { element } = mounted;
    let answer: (value: ReturnType<typeof statusResponse>) => void = () =>
      undefined;
    cancelMock.mockReturnValue(new Promise((resolve) => (answer = resolve)));

    click(element, "cancel");
    await flush();
    expect(cancelMock).toHaveBeenCalledWith({
      verificationId: VERIFICATION_ID
    });
    expect(byId<ButtonElement>(element, "cancel")!.disabled).toBe(true);
    expect(byId<ButtonElement>(element, "reopen")!.disabled).toBe(true);

    answer(statusResponse("Cancelled"));
    await flush();
    expect(popup.close).toHaveBeenCalled();
    expect(unsubscribeMock).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(0);
    expect(byId(element, "start")).not.toBeNull();
    expect(liveText(element)).toBe(cancelledLabel);
    expect(element.status).toBe("Cancelled");
    expect(flowValues(mounted, "status")).toEqual(["Pending", "Cancelled"]);
    expect(lastFocused(focusSpy)).toBe(byId(element, "start"));
    await expectAccessible(element);

    // A later event for the cancelled verification changes nothing.
    emitMessage(CHANNEL, { Verification_Id__c: VERIFICATION_ID });
    await flush();
    expect(byId(element, "start")).not.toBeNull();
  });

  it("shows verified when the verification completed just before the cancel", async () => {
    cancelMock.mockResolvedValue(statusResponse("Verified"));
    const { element } = await startWaiting();
    click(element, "cancel");
    await flush();
    expect(element.isVerified).toBe(true);
  });

  it("shows the error when cancelling fails", async () => {
    cancelMock.mockRejectedValue({
      body: { message: "Not your verification" }
    });
    const { element } = await startWaiting();
    click(element, "cancel");
    await flush();
    expect(byId(element, "error")!.textContent).toContain(
      "Not your verification"
    );
  });

  it("survives a popup that cannot be closed", async () => {
    popup.close.mockImplementation(() => {
      throw new Error("cross-origin");
    });
    const { element } = await startWaiting();
    click(element, "cancel");
    await flush();
    expect(byId(element, "start")).not.toBeNull();
  });
});

describe("failed", () => {
  it.each([
    ["access_denied", "Failed", reasonAccessDeniedLabel],
    ["access_denied", "Cancelled", reasonAccessDeniedLabel],
    ["wrong_acr", "Failed", reasonWrongMethodLabel],
    ["IDV0011", "Failed", reasonGenericLabel],
    [undefined, "Failed", reasonGenericLabel]
  ])(
    "reads reason %s (%s) from the labels",
    async (reasonCode, status, expected) => {
      const mounted = await startWaiting();
      const { element } = mounted;
      statusMock.mockResolvedValue(
        statusResponse(status, { reasonCode, reasonMessage: "<b>raw</b>" })
      );
      emitMessage(CHANNEL, { Verification_Id__c: VERIFICATION_ID });
      await flush();

      expect(byId(element, "failed")!.textContent).toContain(failedLabel);
      expect(byId(element, "reason")!.textContent).toBe(expected);
      expect(liveText(element)).toBe(`${failedLabel} ${expected}`);
      expect(element.status).toBe(status);
      expect(element.isVerified).toBe(false);
      expect(flowValues(mounted, "isVerified")).toEqual([]);
      expect(lastFocused(focusSpy)).toBe(byId(element, "retry"));
      await expectAccessible(element);
    }
  );

  it("treats a final status without a value as failed", async () => {
    const { element } = await startWaiting();
    statusMock.mockResolvedValue({ isFinal: true });
    emitMessage(CHANNEL, { Verification_Id__c: VERIFICATION_ID });
    await flush();
    expect(byId(element, "reason")!.textContent).toBe(reasonGenericLabel);
  });

  it("retries with a new verification", async () => {
    const mounted = await startWaiting();
    statusMock.mockResolvedValue(statusResponse("Failed"));
    emitMessage(CHANNEL, { Verification_Id__c: VERIFICATION_ID });
    await flush();
    startMock.mockResolvedValue(
      startResponse({ verificationId: OTHER_VERIFICATION_ID })
    );
    statusMock.mockResolvedValue(statusResponse("Pending"));

    click(mounted.element, "retry");
    await flush();
    expect(mounted.element.verificationId).toBe(OTHER_VERIFICATION_ID);
    expect(flowValues(mounted, "verificationId")).toEqual([
      VERIFICATION_ID,
      undefined,
      OTHER_VERIFICATION_ID
    ]);
  });
});

describe("error", () => {
  it("shows why Apex refused to start, in an alert, and retries", async () => {
    startMock.mockRejectedValueOnce({
      body: { message: "Your user has no 1Kosmos username." }
    });
    const { element } = mount();
    click(element, "start");
    await flush();

    const alert = byId(element, "error")!;
    expect(alert.getAttribute("role")).toBe("alert");
    expect(alert.textContent).toContain(errorLabel);
    expect(alert.textContent).toContain("Your user has no 1Kosmos username.");
    expect(liveText(element)).toBe(errorLabel);
    expect(openSpy).not.toHaveBeenCalled();

    click(element, "retry");
    await flush();
    expect(startMock).toHaveBeenCalledTimes(2);
    expect(byId(element, "error")).toBeNull();
    expect(byId(element, "waiting")).not.toBeNull();
  });

  it("is accessible in the error state", async () => {
    startMock.mockRejectedValueOnce({ body: { message: "No username." } });
    const { element } = mount();
    click(element, "start");
    await flush();
    expect(byId(element, "error")).not.toBeNull();
    await expectAccessible(element);
  });

  it.each([
    [
      "a list body",
      { body: [{ message: "One" }, { message: "Two" }] },
      "One, Two"
    ],
    ["an empty list body", { body: [] }, errorUnknownLabel],
    ["no body", new Error("network"), errorUnknownLabel]
  ])("reads %s", async (_name, error, expected) => {
    startMock.mockRejectedValueOnce(error);
    const { element } = mount();
    click(element, "start");
    await flush();
    expect(byId(element, "error")!.textContent).toContain(expected);
  });

  it.each([
    ["no response", null],
    ["no verification id", startResponse({ verificationId: undefined })],
    ["no expiry", startResponse({ expiresAt: undefined })]
  ])("refuses a start response with %s", async (_name, response) => {
    startMock.mockResolvedValueOnce(response);
    const { element } = mount();
    click(element, "start");
    await flush();
    expect(byId(element, "error")!.textContent).toContain(errorUnknownLabel);
    expect(openSpy).not.toHaveBeenCalled();
  });
});

describe("flow", () => {
  it("blocks Next until verified, then advances when asked to and the flow offers NEXT", async () => {
    const mounted = await startWaiting({
      advanceOnSuccess: true,
      availableActions: ["BACK", "NEXT"]
    });
    expect(mounted.element.validate()).toEqual({
      isValid: false,
      errorMessage: validateRequiredLabel
    });
    expect(mounted.nextEvents).toHaveLength(0);

    statusMock.mockResolvedValue(statusResponse("Verified"));
    emitMessage(CHANNEL, { Verification_Id__c: VERIFICATION_ID });
    await flush();

    expect(mounted.element.validate()).toEqual({ isValid: true });
    expect(mounted.nextEvents).toHaveLength(1);
    expect(flowValues(mounted, "verificationId")).toEqual([VERIFICATION_ID]);
    expect(flowValues(mounted, "status")).toEqual(["Pending", "Verified"]);
    expect(flowValues(mounted, "isVerified")).toEqual([true]);
  });

  it.each([
    [
      "advanceOnSuccess is off",
      { advanceOnSuccess: false, availableActions: ["NEXT"] }
    ],
    [
      "the flow offers no NEXT",
      { advanceOnSuccess: true, availableActions: ["FINISH"] }
    ]
  ])("does not advance when %s", async (_name, props) => {
    statusMock.mockResolvedValue(statusResponse("Consumed"));
    const mounted = mount(props);
    click(mounted.element, "start");
    await flush();
    expect(mounted.element.isVerified).toBe(true);
    expect(mounted.nextEvents).toHaveLength(0);
  });

  it("reports isVerified false again when a new verification starts", async () => {
    statusMock.mockResolvedValue(statusResponse("Verified"));
    const mounted = mount({ autoStart: true });
    await flush();
    expect(mounted.element.isVerified).toBe(true);
    expect(mounted.element.validate().isValid).toBe(true);
  });
});

describe("disconnect", () => {
  it("unsubscribes, removes the message listener and clears every timer", async () => {
    const { element } = await startWaiting();
    expect(hasSubscribers(CHANNEL)).toBe(true);
    expect(jest.getTimerCount()).toBeGreaterThan(0);
    const reads = statusMock.mock.calls.length;

    removeAll();
    await flush();
    expect(unsubscribeMock).toHaveBeenCalledTimes(1);
    expect(hasSubscribers(CHANNEL)).toBe(false);
    expect(jest.getTimerCount()).toBe(0);

    postCallbackMessage(CALLBACK_ORIGIN, {
      type: "onekosmos:step-up",
      verificationId: VERIFICATION_ID
    });
    await jest.advanceTimersByTimeAsync(FIVE_MINUTES);
    expect(statusMock).toHaveBeenCalledTimes(reads);
    expect(element.isConnected).toBe(false);
  });

  it("clears the polling timer", async () => {
    isEmpEnabledMock.mockResolvedValue(false);
    await startWaiting();
    await jest.advanceTimersByTimeAsync(3000);
    removeAll();
    expect(jest.getTimerCount()).toBe(0);
    expect(subscribeMock).not.toHaveBeenCalled();
  });

  it("unsubscribes a subscription that completes after removal", async () => {
    let finishSubscribe: () => void = () => undefined;
    subscribeMock.mockImplementationOnce(
      (channel, replayId) =>
        new Promise((resolve) => {
          finishSubscribe = () => resolve({ channel, replayId });
        })
    );
    await startWaiting();
    removeAll();
    finishSubscribe();
    await flush();
    expect(unsubscribeMock).toHaveBeenCalledWith({
      channel: CHANNEL,
      replayId: -1
    });
  });

  it("does not subscribe when removed while checking empApi", async () => {
    let answer: (enabled: boolean) => void = () => undefined;
    isEmpEnabledMock.mockReturnValueOnce(
      new Promise((resolve) => (answer = resolve))
    );
    await startWaiting();
    removeAll();
    answer(true);
    await flush();
    expect(subscribeMock).not.toHaveBeenCalled();
    expect(jest.getTimerCount()).toBe(0);
  });

  it("tolerates an unsubscribe that fails", async () => {
    unsubscribeMock.mockRejectedValueOnce(new Error("gone"));
    await startWaiting();
    removeAll();
    await flush();
    expect(unsubscribeMock).toHaveBeenCalledTimes(1);
  });
});
