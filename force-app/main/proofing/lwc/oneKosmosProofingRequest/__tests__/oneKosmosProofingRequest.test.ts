// oneKosmosProofingRequest: options (enabled, unavailable with the reason, channels that cannot be used), sending by
// each channel, the on-screen link and QR code and their removal, errors, live updates that only cue a re-read,
// Check now and Cancel request, and accessibility.
import getProofingOptions from "@salesforce/apex/OneKosmosProofingController.getProofingOptions";
import startProofing from "@salesforce/apex/OneKosmosProofingController.startProofing";
import getProofingStatus from "@salesforce/apex/OneKosmosProofingController.getProofingStatus";
import checkProofingNow from "@salesforce/apex/OneKosmosProofingController.checkProofingNow";
import cancelProofing from "@salesforce/apex/OneKosmosProofingController.cancelProofing";
import { isEmpEnabled, subscribe, unsubscribe } from "lightning/empApi";
import {
  emitError,
  emitMessage,
  hasSubscribers,
  resetEmpApi
} from "jest-mocks/lightning/empApi";
import unavailableLabel from "@salesforce/label/c.OneKosmos_ProofingRequest_Unavailable";
import errorUnknownLabel from "@salesforce/label/c.OneKosmos_ProofingRequest_Error_Unknown";
import unsafeLinkLabel from "@salesforce/label/c.OneKosmos_ProofingRequest_Unsafe_Link";
import linkHiddenLabel from "@salesforce/label/c.OneKosmos_ProofingRequest_Link_Hidden";
import noChannelLabel from "@salesforce/label/c.OneKosmos_ProofingRequest_No_Channel";
import liveUnavailableLabel from "@salesforce/label/c.OneKosmos_ProofingRequest_Live_Unavailable";
import qrLabel from "@salesforce/label/c.OneKosmos_ProofingRequest_Qr_Label";
import sentLabel from "@salesforce/label/c.OneKosmos_ProofingRequest_Sent";
import checkQueuedLabel from "@salesforce/label/c.OneKosmos_ProofingRequest_Check_Queued";
import { decodePath } from "../../oneKosmosQrCode/__tests__/qrTestUtils";
import {
  CAPTURE_URL,
  CHANNEL,
  OTHER_RECORD_ID,
  RECORD_ID,
  VERIFICATION_ID,
  allMarkup,
  byId,
  channelDetail,
  channelInput,
  chooseChannel,
  chooseDocumentType,
  click,
  flush,
  liveText,
  mount,
  options,
  query,
  removeAll,
  started,
  status,
  text
} from "./helpers";
import type { ButtonElement, QrElement, RadioGroupElement } from "./helpers";

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
// Jest has no lightning/actions: a stand-in with a name the tests listen for.
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
// Jest resolves labels to their names; these need the placeholder of the real text.
jest.mock(
  "@salesforce/label/c.OneKosmos_ProofingRequest_Intro",
  () => ({ default: "Ask {0} to prove their identity." }),
  { virtual: true }
);
jest.mock(
  "@salesforce/label/c.OneKosmos_ProofingRequest_Sent_To",
  () => ({ default: "The link was sent to {0}." }),
  { virtual: true }
);
jest.mock(
  "@salesforce/label/c.OneKosmos_ProofingRequest_Status_Announcement",
  () => ({ default: "Identity proofing status: {0}" }),
  { virtual: true }
);

const optionsMock = jest.mocked(getProofingOptions);
const startMock = jest.mocked(startProofing);
const statusMock = jest.mocked(getProofingStatus);
const checkMock = jest.mocked(checkProofingNow);
const cancelMock = jest.mocked(cancelProofing);
const isEmpEnabledMock = jest.mocked(isEmpEnabled);

/** The shape an AuraHandledException reaches the component in. */
function auraError(message: string): unknown {
  return {
    status: 500,
    body: { message, exceptionType: "System.AuraHandledException" },
    statusText: "Server Error"
  };
}

function button(element: HTMLElement, id: string): ButtonElement | null {
  return byId<ButtonElement>(element, id);
}

async function sendBy(element: HTMLElement, channel: string): Promise<void> {
  startMock.mockResolvedValue(started(channel));
  statusMock.mockResolvedValue(status("Pending"));
  await chooseChannel(element, channel);
  await click(element, "send");
}

beforeEach(() => {
  optionsMock.mockResolvedValue(options());
  statusMock.mockResolvedValue(null);
  isEmpEnabledMock.mockResolvedValue(true);
});

afterEach(() => {
  removeAll();
  resetEmpApi();
  jest.clearAllMocks();
  jest.restoreAllMocks();
});

describe("options", () => {
  it("shows a spinner until the options arrive", async () => {
    optionsMock.mockReturnValue(new Promise(() => undefined));
    const { element } = await mount();
    expect(query(element, "lightning-spinner")).not.toBeNull();
    expect(byId(element, "loading")).not.toBeNull();
    expect(byId(element, "send")).toBeNull();
  });

  it("renders the document types and channels, the unavailable channel disabled with its reason", async () => {
    const { element } = await mount();
    expect(optionsMock).toHaveBeenCalledWith({ recordId: RECORD_ID });
    expect(text(element, "intro")).toBe(
      "Ask Jane Doe to prove their identity."
    );
    const documentType = byId<RadioGroupElement>(element, "document-type")!;
    expect(documentType.options).toEqual([
      { value: "dl", label: "Driver's license" },
      { value: "ppt", label: "Passport" },
      { value: "idcard", label: "ID card" }
    ]);
    expect(documentType.value).toBe("dl");

    const email = channelInput(element, "Email");
    expect(email.disabled).toBe(false);
    expect(email.checked).toBe(true);
    expect(channelDetail(element, "Email")).toBe("j•••@example.com");
    const sms = channelInput(element, "SMS");
    expect(sms.disabled).toBe(true);
    expect(sms.checked).toBe(false);
    expect(channelDetail(element, "SMS")).toBe(
      "This record has no mobile number."
    );
    // The reason is the radio's description for assistive technology.
    expect(sms.getAttribute("aria-describedby")).toBe(
      query(element, "[data-detail='SMS']")!.getAttribute("id")
    );
    expect(channelInput(element, "Screen").disabled).toBe(false);
    expect(button(element, "send")!.disabled).toBe(false);
    expect(byId(element, "status")).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("explains why proofing is unavailable and offers no form", async () => {
    optionsMock.mockResolvedValue(
      options({
        enabled: false,
        unavailableReason: "Identity proofing needs a person account."
      })
    );
    const { element } = await mount();
    expect(text(element, "unavailable")).toBe(
      "Identity proofing needs a person account."
    );
    expect(liveText(element)).toBe("Identity proofing needs a person account.");
    expect(byId(element, "send")).toBeNull();
    expect(byId(element, "document-type")).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("lists why each channel cannot be used when none can", async () => {
    optionsMock.mockResolvedValue(
      options({
        enabled: false,
        unavailableReason: "This record has no email address.",
        channels: [
          {
            value: "Email",
            label: "Email",
            available: false,
            unavailableReason: "This record has no email address."
          },
          {
            value: "SMS",
            label: "Text message",
            available: false,
            unavailableReason: "This record has no mobile number."
          }
        ]
      })
    );
    const { element } = await mount();
    expect(text(element, "unavailable")).toBe(
      "This record has no email address."
    );
    const reasons = Array.from(
      element.shadowRoot!.querySelectorAll("[data-reason]")
    ).map((item) => item.textContent.trim());
    expect(reasons).toEqual([
      "Email: This record has no email address.",
      "Text message: This record has no mobile number."
    ]);
    expect(byId(element, "send")).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("falls back to a general reason when the server gives none", async () => {
    optionsMock.mockResolvedValue({ enabled: false });
    const { element } = await mount();
    expect(text(element, "unavailable")).toBe(unavailableLabel);
  });

  it("still shows the latest proofing when proofing is unavailable", async () => {
    optionsMock.mockResolvedValue(
      options({ enabled: false, latest: status("Verified") })
    );
    const { element } = await mount();
    expect(text(element, "status-label")).toBe("Verified (label)");
  });

  it("cannot send when no channel is available", async () => {
    optionsMock.mockResolvedValue(
      options({
        channels: [
          {
            value: "Email",
            label: "Email",
            available: false,
            unavailableReason: "This record has no email address."
          }
        ]
      })
    );
    const { element } = await mount();
    expect(channelInput(element, "Email").disabled).toBe(true);
    expect(text(element, "no-channel")).toBe(noChannelLabel);
    expect(button(element, "send")!.disabled).toBe(true);
    await click(element, "send");
    expect(startMock).not.toHaveBeenCalled();
  });

  it("loads once the quick action sets the record id after connecting", async () => {
    const { element } = await mount({ recordId: undefined });
    expect(optionsMock).not.toHaveBeenCalled();
    element.recordId = RECORD_ID;
    await flush();
    expect(optionsMock).toHaveBeenCalledWith({ recordId: RECORD_ID });
    expect(byId(element, "send")).not.toBeNull();
  });

  it("shows a load error in the alert and loads again on Try again", async () => {
    optionsMock.mockRejectedValueOnce(
      auraError("You do not have access to identity proofing.")
    );
    const { element } = await mount();
    expect(text(element, "error")).toBe(
      "You do not have access to identity proofing."
    );
    expect(byId(element, "errors")!.getAttribute("role")).toBe("alert");
    expect(byId(element, "send")).toBeNull();
    await expect(element).toBeAccessible();
    await click(element, "retry");
    expect(optionsMock).toHaveBeenCalledTimes(2);
    expect(byId(element, "error")).toBeNull();
    expect(byId(element, "send")).not.toBeNull();
  });

  it("shows a general message for an error without one", async () => {
    optionsMock.mockRejectedValue(new Error("network"));
    const { element } = await mount();
    expect(text(element, "error")).toBe(errorUnknownLabel);
  });
});

describe("sending", () => {
  it("sends by email with the chosen document type and says where it went", async () => {
    const { element, flowChanges } = await mount();
    await chooseDocumentType(element, "ppt");
    await sendBy(element, "Email");
    expect(startMock).toHaveBeenCalledWith({
      recordId: RECORD_ID,
      documentType: "ppt",
      channel: "Email"
    });
    expect(text(element, "sent")).toBe(
      "The link was sent to j•••@example.com."
    );
    // Announced once; the re-read that follows finds the same status and does not talk over it.
    expect(liveText(element)).toBe("The link was sent to j•••@example.com.");
    expect(byId(element, "capture-link")).toBeNull();
    expect(query(element, "c-one-kosmos-qr-code")).toBeNull();
    // The status is re-read from the server after the start.
    expect(statusMock).toHaveBeenCalledWith({ recordId: RECORD_ID });
    expect(text(element, "status-label")).toBe("Pending (label)");
    expect(element.verificationId).toBe(VERIFICATION_ID);
    expect(element.status).toBe("Pending");
    expect(flowChanges).toContainEqual({
      attributeName: "verificationId",
      attributeValue: VERIFICATION_ID
    });
    await expect(element).toBeAccessible();
  });

  it("sends by SMS when that channel is available", async () => {
    const base = options();
    optionsMock.mockResolvedValue(
      options({
        channels: base.channels!.map((channel) => {
          if (channel.value !== "SMS") return channel;
          return { ...channel, available: true, destination: "•••• 1234" };
        })
      })
    );
    const { element } = await mount();
    expect(channelInput(element, "SMS").disabled).toBe(false);
    startMock.mockResolvedValue(started("SMS", { destination: "•••• 1234" }));
    await chooseChannel(element, "SMS");
    await click(element, "send");
    expect(startMock).toHaveBeenCalledWith({
      recordId: RECORD_ID,
      documentType: "dl",
      channel: "SMS"
    });
    expect(text(element, "sent")).toBe("The link was sent to •••• 1234.");
  });

  it("on screen: shows the link (new window, no opener, no referrer) and a QR code that decodes to it", async () => {
    const { element, flowChanges } = await mount();
    const storage = jest.spyOn(Storage.prototype, "setItem");
    const consoleSpies = (
      ["log", "info", "warn", "error", "debug"] as const
    ).map((method) => jest.spyOn(console, method));
    await sendBy(element, "Screen");
    expect(startMock).toHaveBeenCalledWith({
      recordId: RECORD_ID,
      documentType: "dl",
      channel: "Screen"
    });
    const link = byId<HTMLAnchorElement>(element, "capture-link")!;
    expect(link.getAttribute("href")).toBe(CAPTURE_URL);
    expect(link.getAttribute("target")).toBe("_blank");
    expect(link.getAttribute("rel")).toBe("noopener noreferrer");
    const qr = query<QrElement>(element, "c-one-kosmos-qr-code")!;
    expect(qr.label).toBe(qrLabel);
    const svg = qr.shadowRoot!.querySelector("svg")!;
    const path = qr.shadowRoot!.querySelector("path")!;
    expect(
      decodePath(path.getAttribute("d")!, svg.getAttribute("viewBox")!)
    ).toBe(CAPTURE_URL);
    // The link never leaves the component: not an output, not in an event, not stored, not logged.
    expect(JSON.stringify(flowChanges)).not.toContain(CAPTURE_URL);
    expect(
      JSON.stringify([element.verificationId, element.status])
    ).not.toContain(CAPTURE_URL);
    expect(storage).not.toHaveBeenCalled();
    for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });

  it("Hide link removes the link and the QR code from the page for good", async () => {
    const { element } = await mount();
    await sendBy(element, "Screen");
    expect(allMarkup(element)).toContain("idproofing/session");
    await click(element, "hide-link");
    expect(byId(element, "capture-link")).toBeNull();
    expect(query(element, "c-one-kosmos-qr-code")).toBeNull();
    expect(allMarkup(element)).not.toContain("idproofing/session");
    expect(text(element, "link-hidden")).toBe(linkHiddenLabel);
    expect(liveText(element)).toBe(linkHiddenLabel);
    // A new status read does not bring it back.
    emitMessage(CHANNEL, { Related_Record_Id__c: RECORD_ID });
    await flush();
    expect(allMarkup(element)).not.toContain("idproofing/session");
  });

  it("drops the link when the component is removed, and does not show it again", async () => {
    const { element } = await mount();
    await sendBy(element, "Screen");
    document.body.removeChild(element);
    expect(unsubscribe).toHaveBeenCalled();
    expect(hasSubscribers(CHANNEL)).toBe(false);
    document.body.appendChild(element);
    await flush();
    expect(byId(element, "capture-link")).toBeNull();
    expect(allMarkup(element)).not.toContain("idproofing/session");
    expect(byId(element, "send")).not.toBeNull();
  });

  it("drops the link on a new request", async () => {
    const { element } = await mount();
    await sendBy(element, "Screen");
    await click(element, "new-request");
    expect(allMarkup(element)).not.toContain("idproofing/session");
    expect(byId(element, "send")).not.toBeNull();
  });

  it("drops the link once the proofing is final", async () => {
    const { element } = await mount();
    await sendBy(element, "Screen");
    statusMock.mockResolvedValue(status("Verified"));
    emitMessage(CHANNEL, { Related_Record_Id__c: RECORD_ID });
    await flush();
    expect(byId(element, "capture-link")).toBeNull();
    expect(text(element, "link-hidden")).toBe(linkHiddenLabel);
  });

  it("refuses a link that is not https", async () => {
    const { element } = await mount();
    startMock.mockResolvedValue(
      // eslint-disable-next-line no-script-url -- the unsafe link the component must refuse
      started("Screen", { captureUrl: "javascript:alert(1)" })
    );
    await chooseChannel(element, "Screen");
    await click(element, "send");
    expect(text(element, "error")).toBe(unsafeLinkLabel);
    expect(byId(element, "capture-link")).toBeNull();
    expect(query(element, "c-one-kosmos-qr-code")).toBeNull();
  });

  it.each([
    ["not a link"],
    [""],
    ["http://acme.1kosmos.net/idproofing/session/1"]
  ])("refuses the on-screen link %p", async (captureUrl) => {
    const { element } = await mount();
    startMock.mockResolvedValue(started("Screen", { captureUrl }));
    await chooseChannel(element, "Screen");
    await click(element, "send");
    expect(text(element, "error")).toBe(unsafeLinkLabel);
    expect(byId(element, "capture-link")).toBeNull();
  });

  it("says the link was sent when the server names no destination", async () => {
    const { element } = await mount();
    startMock.mockResolvedValue(started("Email", { destination: undefined }));
    await click(element, "send");
    expect(text(element, "sent")).toBe(sentLabel);
  });

  it("loads the options again for another record", async () => {
    const { element } = await mount();
    optionsMock.mockResolvedValue(options({ subjectName: "John Roe" }));
    element.recordId = OTHER_RECORD_ID;
    await flush();
    expect(optionsMock).toHaveBeenLastCalledWith({ recordId: OTHER_RECORD_ID });
    expect(text(element, "intro")).toBe(
      "Ask John Roe to prove their identity."
    );
    // The same record again (15-character form) is not loaded twice.
    element.recordId = OTHER_RECORD_ID.slice(0, 15);
    await flush();
    expect(optionsMock).toHaveBeenCalledTimes(2);
  });

  it("shows the server's refusal in the alert and keeps the form", async () => {
    const { element } = await mount();
    startMock.mockRejectedValue(
      auraError("A proofing request for this person is already pending.")
    );
    await click(element, "send");
    expect(text(element, "error")).toBe(
      "A proofing request for this person is already pending."
    );
    expect(byId(element, "send")).not.toBeNull();
    expect(button(element, "send")!.disabled).toBe(false);
    await expect(element).toBeAccessible();
  });

  it("treats an answer without a verification as an error", async () => {
    const { element } = await mount();
    startMock.mockResolvedValue(null);
    await click(element, "send");
    expect(text(element, "error")).toBe(errorUnknownLabel);
  });

  it("disables the form while sending", async () => {
    const { element } = await mount();
    startMock.mockReturnValue(new Promise(() => undefined));
    await click(element, "send");
    expect(button(element, "send")!.disabled).toBe(true);
    expect(byId<RadioGroupElement>(element, "document-type")!.disabled).toBe(
      true
    );
    expect(channelInput(element, "Email").disabled).toBe(true);
    expect(byId(element, "sending")).not.toBeNull();
  });

  it("closes the quick action", async () => {
    const { element, closes } = await mount();
    await click(element, "close");
    expect(closes).toHaveLength(1);
  });

  it("hides Close where there is no action to close", async () => {
    const { element } = await mount({ hideClose: true });
    expect(byId(element, "close")).toBeNull();
  });
});

describe("status and live updates", () => {
  it("shows the latest proofing with its details", async () => {
    optionsMock.mockResolvedValue(
      options({
        latest: status("Failed", {
          reasonMessage: "The document could not be read.",
          assuranceLevel: "IAL1",
          completedAt: "2026-11-28T21:10:00.000Z"
        })
      })
    );
    const { element } = await mount();
    expect(text(element, "status-label")).toBe("Failed (label)");
    expect(text(element, "status-reason")).toBe(
      "The document could not be read."
    );
    expect(text(element, "status-assurance")).toBe("IAL1");
    expect(byId(element, "status-requested")).not.toBeNull();
    expect(byId(element, "status-completed")).not.toBeNull();
    expect(byId(element, "status-expires")).not.toBeNull();
    // Final: nothing to check or cancel.
    expect(byId(element, "check-now")).toBeNull();
    expect(byId(element, "cancel-request")).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("re-reads the status on a result event for this record and announces the change", async () => {
    optionsMock.mockResolvedValue(options({ latest: status("Pending") }));
    const { element } = await mount();
    expect(subscribe).toHaveBeenCalledWith(CHANNEL, -1, expect.any(Function));
    statusMock.mockResolvedValue(
      status("Verified", { assuranceLevel: "IAL2" })
    );
    // The event's own status is not believed: only the re-read counts.
    emitMessage(CHANNEL, {
      Related_Record_Id__c: RECORD_ID.slice(0, 15),
      Status__c: "Failed"
    });
    await flush();
    expect(statusMock).toHaveBeenCalledWith({ recordId: RECORD_ID });
    expect(text(element, "status-label")).toBe("Verified (label)");
    expect(liveText(element)).toBe(
      "Identity proofing status: Verified (label)"
    );
    expect(byId(element, "live")!.getAttribute("aria-live")).toBe("polite");
  });

  it("ignores a result event for another record", async () => {
    optionsMock.mockResolvedValue(options({ latest: status("Pending") }));
    const { element } = await mount();
    emitMessage(CHANNEL, { Related_Record_Id__c: OTHER_RECORD_ID });
    emitMessage(CHANNEL, {});
    await flush();
    expect(statusMock).not.toHaveBeenCalled();
    expect(text(element, "status-label")).toBe("Pending (label)");
  });

  it("shows a failed re-read in the alert", async () => {
    optionsMock.mockResolvedValue(options({ latest: status("Pending") }));
    const { element } = await mount();
    statusMock.mockRejectedValue(auraError("The proofing was not found."));
    emitMessage(CHANNEL, { Related_Record_Id__c: RECORD_ID });
    await flush();
    expect(text(element, "error")).toBe("The proofing was not found.");
  });

  it("says live updates are off after a streaming error, and stops listening", async () => {
    optionsMock.mockResolvedValue(options({ latest: status("Pending") }));
    const { element } = await mount();
    expect(byId(element, "live-off")).toBeNull();
    emitError({ error: "403::Unknown client" });
    await flush();
    expect(unsubscribe).toHaveBeenCalled();
    expect(text(element, "live-off")).toBe(liveUnavailableLabel);
    expect(liveText(element)).toBe(liveUnavailableLabel);
  });

  it("says live updates are off where empApi is unavailable", async () => {
    isEmpEnabledMock.mockResolvedValue(false);
    optionsMock.mockResolvedValue(options({ latest: status("Pending") }));
    const { element } = await mount();
    expect(subscribe).not.toHaveBeenCalled();
    expect(text(element, "live-off")).toBe(liveUnavailableLabel);
  });

  it.each([
    [
      "isEmpEnabled fails",
      () => isEmpEnabledMock.mockRejectedValue(new Error("no"))
    ],
    [
      "subscribe fails",
      () => jest.mocked(subscribe).mockRejectedValueOnce(new Error("no"))
    ]
  ])("says live updates are off when %s", async (_case, arrange) => {
    arrange();
    optionsMock.mockResolvedValue(options({ latest: status("Pending") }));
    const { element } = await mount();
    expect(text(element, "live-off")).toBe(liveUnavailableLabel);
  });

  it("does not subscribe when removed before empApi answered", async () => {
    let resolveEnabled: (value: boolean) => void = () => undefined;
    isEmpEnabledMock.mockReturnValue(
      new Promise<boolean>((resolve) => {
        resolveEnabled = resolve;
      })
    );
    const { element } = await mount();
    document.body.removeChild(element);
    resolveEnabled(true);
    await flush();
    expect(subscribe).not.toHaveBeenCalled();
  });

  it("unsubscribes a subscription that completes after the component was removed", async () => {
    const late = { id: "late", channel: CHANNEL, replayId: -1 };
    let resolveSubscribe: (value: typeof late) => void = () => undefined;
    jest.mocked(subscribe).mockReturnValueOnce(
      new Promise((resolve) => {
        resolveSubscribe = resolve;
      })
    );
    const { element } = await mount();
    document.body.removeChild(element);
    resolveSubscribe(late);
    await flush();
    expect(unsubscribe).toHaveBeenCalledWith(late);
  });

  it("Check now queues a check, says so, and the result event brings the answer", async () => {
    optionsMock.mockResolvedValue(options({ latest: status("Pending") }));
    const { element } = await mount();
    expect(byId(element, "check-queued")).toBeNull();
    // The server only queues the check: the answer is the status as it is now.
    checkMock.mockResolvedValue(status("Pending", { checkQueued: true }));
    await click(element, "check-now");
    expect(checkMock).toHaveBeenCalledWith({ verificationId: VERIFICATION_ID });
    expect(text(element, "status-label")).toBe("Pending (label)");
    expect(text(element, "check-queued")).toBe(checkQueuedLabel);
    expect(liveText(element)).toBe(checkQueuedLabel);
    expect(button(element, "check-now")!.disabled).toBe(false);
    // The job's result is a result event: the component re-reads the status and the note goes.
    statusMock.mockResolvedValue(status("Verified"));
    emitMessage(CHANNEL, { Related_Record_Id__c: RECORD_ID });
    await flush();
    expect(text(element, "status-label")).toBe("Verified (label)");
    expect(byId(element, "check-queued")).toBeNull();
    expect(byId(element, "check-now")).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("Check now of a row that finished meanwhile shows it without a queued note", async () => {
    optionsMock.mockResolvedValue(options({ latest: status("Pending") }));
    const { element } = await mount();
    checkMock.mockResolvedValue(status("Failed", { checkQueued: false }));
    await click(element, "check-now");
    expect(text(element, "status-label")).toBe("Failed (label)");
    expect(byId(element, "check-queued")).toBeNull();
    expect(liveText(element)).toBe("Identity proofing status: Failed (label)");
  });

  it("shows a Check now error in the alert", async () => {
    optionsMock.mockResolvedValue(options({ latest: status("Pending") }));
    const { element } = await mount();
    checkMock.mockRejectedValue(auraError("1Kosmos did not answer."));
    await click(element, "check-now");
    expect(text(element, "error")).toBe("1Kosmos did not answer.");
    expect(button(element, "check-now")!.disabled).toBe(false);
  });

  it("Cancel request cancels the pending proofing and hides its link", async () => {
    const { element } = await mount();
    await sendBy(element, "Screen");
    expect(byId(element, "cancel-request")).not.toBeNull();
    cancelMock.mockResolvedValue(status("Cancelled"));
    await click(element, "cancel-request");
    expect(cancelMock).toHaveBeenCalledWith({
      verificationId: VERIFICATION_ID
    });
    expect(text(element, "status-label")).toBe("Cancelled (label)");
    expect(byId(element, "cancel-request")).toBeNull();
    expect(byId(element, "capture-link")).toBeNull();
    expect(liveText(element)).toBe(
      "Identity proofing status: Cancelled (label)"
    );
  });

  it("offers Cancel request only when the server allows it", async () => {
    optionsMock.mockResolvedValue(
      options({ latest: status("Pending", { canCancel: false }) })
    );
    const { element } = await mount();
    expect(byId(element, "check-now")).not.toBeNull();
    expect(byId(element, "cancel-request")).toBeNull();
  });

  it("shows a Cancel error in the alert (e.g. not the requester)", async () => {
    optionsMock.mockResolvedValue(options({ latest: status("Pending") }));
    const { element } = await mount();
    cancelMock.mockRejectedValue(
      auraError("Only the person who requested it can cancel it.")
    );
    await click(element, "cancel-request");
    expect(text(element, "error")).toBe(
      "Only the person who requested it can cancel it."
    );
    expect(text(element, "status-label")).toBe("Pending (label)");
  });

  it("unsubscribes when removed", async () => {
    const { element } = await mount();
    expect(hasSubscribers(CHANNEL)).toBe(true);
    document.body.removeChild(element);
    await flush();
    expect(hasSubscribers(CHANNEL)).toBe(false);
  });
});

describe("keyboard", () => {
  it("moves focus to the result after sending", async () => {
    const { element } = await mount();
    const focus = jest.spyOn(HTMLElement.prototype, "focus");
    await sendBy(element, "Email");
    expect(focus.mock.contexts).toContain(byId(element, "sent"));
  });

  it("moves focus to the alert on an error", async () => {
    const { element } = await mount();
    const focus = jest.spyOn(HTMLElement.prototype, "focus");
    startMock.mockRejectedValue(auraError("No."));
    await click(element, "send");
    expect(focus.mock.contexts).toContain(byId(element, "error-box"));
  });

  it("does not take the focus when it loads (a record page)", async () => {
    const focus = jest.spyOn(HTMLElement.prototype, "focus");
    await mount();
    expect(focus).not.toHaveBeenCalled();
  });
});
