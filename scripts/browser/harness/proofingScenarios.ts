/**
 * Scenarios of the identity proofing request (oneKosmosProofingRequest): the options form, proofing unavailable, the
 * on-screen link with its QR code (reached by choosing "On this screen" and pressing Send), and a pending proofing with
 * Check now and Cancel request. Dates are fixed so screenshots do not change from run to run.
 */
import type { HarnessControls, Scenario } from "./controls";

export const PROOFING = "oneKosmosProofingRequest";
export const PROOFING_OPTIONS_APEX =
  "OneKosmosProofingController.getProofingOptions";
export const PROOFING_START_APEX = "OneKosmosProofingController.startProofing";
export const PROOFING_STATUS_APEX =
  "OneKosmosProofingController.getProofingStatus";
export const PROOFING_CHECK_APEX =
  "OneKosmosProofingController.checkProofingNow";
export const PROOFING_CANCEL_APEX =
  "OneKosmosProofingController.cancelProofing";
export const CONTACT_ID = "003000000000001AAA";
export const PROOFING_ID = "a0B000000000009AAA";
export const PROOFING_PROPS = { recordId: CONTACT_ID };
/** A capture link of the real shape (a bearer link: the component shows it once and keeps it in memory only). */
export const CAPTURE_URL =
  "https://acme.1kosmos.net/idproofing/session/6f1c2a9e-4b7d-4e21-9c3a-0d5e8f7a1b2c?tenant=acme&community=default";

/** What getProofingOptions returns for a Contact with an email address and no mobile number. */
export function proofingOptions(extra: Record<string, unknown> = {}): object {
  return {
    enabled: true,
    subjectName: "Dana Whitfield",
    documentTypes: [
      { value: "dl_object", label: "Driver's license" },
      { value: "ppt_object", label: "Passport" },
      { value: "idcard_object", label: "National ID card" }
    ],
    channels: [
      {
        value: "Email",
        label: "Email",
        available: true,
        destination: "d•••@example.com"
      },
      {
        value: "SMS",
        label: "Text message",
        available: false,
        unavailableReason: "This record has no mobile phone number."
      },
      { value: "Screen", label: "On this screen", available: true }
    ],
    ...extra
  };
}

/** A proofing status as the controller returns it. */
export function proofingStatus(
  status: string,
  extra: Record<string, unknown> = {}
): object {
  const isFinal = status !== "Pending";
  return {
    verificationId: PROOFING_ID,
    status,
    statusLabel: status,
    requestedAt: "2026-11-28T14:05:00.000Z",
    expiresAt: "2026-11-28T14:35:00.000Z",
    completedAt: isFinal ? "2026-11-28T14:12:00.000Z" : undefined,
    isFinal,
    canCancel: !isFinal,
    ...extra
  };
}

/** The server side of a record that may be proofed: every start succeeds, the status is Pending until told otherwise. */
function proofingServer(h: HarnessControls, options = proofingOptions()): void {
  h.apex.set(PROOFING_OPTIONS_APEX, { resolve: options });
  h.apex.set(PROOFING_START_APEX, {
    resolve: {
      verificationId: PROOFING_ID,
      status: "Pending",
      channel: "Screen",
      captureUrl: CAPTURE_URL,
      expiresAt: "2026-11-28T14:35:00.000Z"
    }
  });
  h.apex.set(PROOFING_STATUS_APEX, { resolve: proofingStatus("Pending") });
  // Check now only queues a check on the server: the answer is the status as it is now.
  h.apex.set(PROOFING_CHECK_APEX, {
    resolve: proofingStatus("Pending", { checkQueued: true })
  });
  h.apex.set(PROOFING_CANCEL_APEX, { resolve: proofingStatus("Cancelled") });
}

async function waitFor<T>(
  find: () => T | null | undefined,
  what: string
): Promise<T> {
  for (let waited = 0; waited < 5000; waited += 20) {
    const found = find();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${what} did not appear`);
}

function inShadow(
  host: Element | null | undefined,
  selector: string
): HTMLElement | null {
  return host?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
}

export const QR_CODE = "oneKosmosQrCode";

export const proofingScenarios: Scenario[] = [
  {
    // Also brings the QR code component into the page for the request component, which shows it in its template.
    id: "qrcode-link",
    title: "QR code: a capture link (version 7, level M, quiet zone of 4)",
    component: QR_CODE,
    props: { value: CAPTURE_URL, label: "QR code of the verification link" },
    setup: () => undefined
  },
  {
    id: "proofing-form",
    title: "Identity proofing: choose the document and how to send the link",
    component: PROOFING,
    props: PROOFING_PROPS,
    setup: (h) => proofingServer(h)
  },
  {
    id: "proofing-unavailable",
    title: "Identity proofing: not available (a business account)",
    component: PROOFING,
    props: PROOFING_PROPS,
    setup: (h) =>
      proofingServer(h, {
        enabled: false,
        unavailableReason:
          "Identity proofing is for people: this is a business account."
      })
  },
  {
    id: "proofing-screen",
    title: "Identity proofing: link and QR code on this screen",
    component: PROOFING,
    props: PROOFING_PROPS,
    setup: (h) => proofingServer(h),
    act: async (host) => {
      const screen = await waitFor(
        () => inShadow(host, '[data-channel="Screen"]'),
        "the Screen channel"
      );
      screen.click();
      await waitFor(
        () => ((screen as HTMLInputElement).checked ? screen : null),
        "the Screen channel checked"
      );
      inShadow(host, 'lightning-button[data-id="send"]')
        ?.shadowRoot?.querySelector("button")
        ?.click();
      await waitFor(
        () => inShadow(host, '[data-id="capture-link"]'),
        "the capture link"
      );
    }
  },
  {
    id: "proofing-pending",
    title: "Identity proofing: a pending request, Check now and Cancel request",
    component: PROOFING,
    props: PROOFING_PROPS,
    setup: (h) =>
      proofingServer(h, proofingOptions({ latest: proofingStatus("Pending") }))
  }
];
