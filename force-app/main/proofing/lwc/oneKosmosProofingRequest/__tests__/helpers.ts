// Shared set-up for the oneKosmosProofingRequest tests: fixtures of the controller's answers, mounting and queries.
import { createElement } from "lwc";
import OneKosmosProofingRequest from "c/oneKosmosProofingRequest";
import type { ProofingOptions } from "@salesforce/apex/OneKosmosProofingController.getProofingOptions";
import type { ProofingStatus } from "@salesforce/apex/OneKosmosProofingController.getProofingStatus";
import type { ProofingStart } from "@salesforce/apex/OneKosmosProofingController.startProofing";
import { FlowAttributeChangeEventName } from "jest-mocks/lightning/flowSupport";
import type { FlowAttributeChange } from "jest-mocks/lightning/flowSupport";
import { CAPTURE_URL } from "../../oneKosmosQrCode/__tests__/qrTestUtils";

export { CAPTURE_URL };
export const RECORD_ID = "003000000000001AAA";
export const OTHER_RECORD_ID = "003000000000002AAA";
export const VERIFICATION_ID = "a01000000000001AAA";
export const CHANNEL = "/event/OneKosmos_Verification_Result__e";
export const CLOSE_EVENT = "test_close_action_screen";
export const REQUESTED_AT = "2026-11-28T21:00:00.000Z";
export const EXPIRES_AT = "2026-11-28T21:30:00.000Z";

export interface RequestElement extends HTMLElement {
  recordId?: string;
  hideClose: boolean;
  readonly verificationId?: string;
  readonly status?: string;
}

export interface ButtonElement extends HTMLElement {
  label: string;
  disabled: boolean;
}

export interface RadioGroupElement extends HTMLElement {
  label: string;
  value: string;
  options: { label: string; value: string }[];
  disabled: boolean;
}

export interface QrElement extends HTMLElement {
  value?: string;
  label?: string;
}

export function options(
  overrides: Partial<ProofingOptions> = {}
): ProofingOptions {
  return {
    enabled: true,
    subjectName: "Jane Doe",
    documentTypes: [
      { value: "dl", label: "Driver's license" },
      { value: "ppt", label: "Passport" },
      { value: "idcard", label: "ID card" }
    ],
    channels: [
      {
        value: "Email",
        label: "Email",
        available: true,
        destination: "j•••@example.com"
      },
      {
        value: "SMS",
        label: "Text message",
        available: false,
        unavailableReason: "This record has no mobile number."
      },
      { value: "Screen", label: "On this screen", available: true }
    ],
    ...overrides
  };
}

export function status(
  value: string,
  overrides: Partial<ProofingStatus> = {}
): ProofingStatus {
  const isFinal = value !== "Pending";
  return {
    verificationId: VERIFICATION_ID,
    status: value,
    statusLabel: `${value} (label)`,
    requestedAt: REQUESTED_AT,
    expiresAt: EXPIRES_AT,
    isFinal,
    canCancel: !isFinal,
    ...overrides
  };
}

export function started(
  channel: string,
  overrides: Partial<ProofingStart> = {}
): ProofingStart {
  return {
    verificationId: VERIFICATION_ID,
    status: "Pending",
    channel,
    destination: channel === "Email" ? "j•••@example.com" : undefined,
    captureUrl: channel === "Screen" ? CAPTURE_URL : undefined,
    expiresAt: EXPIRES_AT,
    ...overrides
  };
}

export interface Mounted {
  element: RequestElement;
  closes: Event[];
  flowChanges: FlowAttributeChange[];
}

/** Lets promises settle and LWC re-render. */
export async function flush(): Promise<void> {
  // eslint-disable-next-line no-await-in-loop -- each await lets one more step of a promise chain run
  for (let i = 0; i < 25; i++) await Promise.resolve();
}

export async function mount(
  props: Partial<RequestElement> = {}
): Promise<Mounted> {
  const element = createElement("c-one-kosmos-proofing-request", {
    is: OneKosmosProofingRequest
  }) as RequestElement;
  Object.assign(element, { recordId: RECORD_ID, ...props });
  const closes: Event[] = [];
  const flowChanges: FlowAttributeChange[] = [];
  element.addEventListener(CLOSE_EVENT, (event) => closes.push(event));
  element.addEventListener(FlowAttributeChangeEventName, (event) =>
    flowChanges.push((event as CustomEvent<FlowAttributeChange>).detail)
  );
  document.body.appendChild(element);
  await flush();
  return { element, closes, flowChanges };
}

export function query<T extends Element = HTMLElement>(
  element: HTMLElement,
  selector: string
): T | null {
  return element.shadowRoot!.querySelector<T>(selector);
}

export function byId<T extends Element = HTMLElement>(
  element: HTMLElement,
  id: string
): T | null {
  return query<T>(element, `[data-id='${id}']`);
}

export function text(element: HTMLElement, id: string): string {
  return byId(element, id)?.textContent.trim() ?? "";
}

export function liveText(element: HTMLElement): string {
  return text(element, "live");
}

export async function click(element: HTMLElement, id: string): Promise<void> {
  const target = byId(element, id);
  if (!target) throw new Error(`no [data-id='${id}'] to click`);
  target.click();
  await flush();
}

export function channelInput(
  element: HTMLElement,
  value: string
): HTMLInputElement {
  const input = query<HTMLInputElement>(element, `[data-channel='${value}']`);
  if (!input) throw new Error(`no channel ${value}`);
  return input;
}

export function channelDetail(element: HTMLElement, value: string): string {
  return query(element, `[data-detail='${value}']`)?.textContent.trim() ?? "";
}

export async function chooseChannel(
  element: HTMLElement,
  value: string
): Promise<void> {
  channelInput(element, value).click();
  await flush();
}

export async function chooseDocumentType(
  element: HTMLElement,
  value: string
): Promise<void> {
  byId(element, "document-type")!.dispatchEvent(
    new CustomEvent("change", { detail: { value } })
  );
  await flush();
}

/**
 * Every attribute value and text of the component's shadow tree and of the shadow trees inside it (the QR code's),
 * to prove a link is gone from the page.
 */
export function allMarkup(element: HTMLElement): string {
  const parts: string[] = [];
  const visit = (root: ShadowRoot): void => {
    for (const node of Array.from(root.querySelectorAll("*"))) {
      for (const attribute of Array.from(node.attributes)) {
        parts.push(attribute.value);
      }
      parts.push(node.textContent);
      if (node.shadowRoot) visit(node.shadowRoot);
    }
  };
  visit(element.shadowRoot!);
  return parts.join("\n");
}

export function removeAll(): void {
  while (document.body.firstChild)
    document.body.removeChild(document.body.firstChild);
}
