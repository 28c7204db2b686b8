// Shared set-up for the oneKosmosStepUp tests: a mounted component, Apex responses and DOM queries.
import { createElement } from "lwc";
import OneKosmosStepUp from "c/oneKosmosStepUp";
import type { StartResponse } from "@salesforce/apex/OneKosmosStepUpController.startStepUp";
import type { StatusResponse } from "@salesforce/apex/OneKosmosStepUpController.getStepUpStatus";
import {
  FlowAttributeChangeEventName,
  FlowNavigationNextEventName
} from "jest-mocks/lightning/flowSupport";
import type { FlowAttributeChange } from "jest-mocks/lightning/flowSupport";

export const NOW = Date.parse("2026-01-01T10:00:00.000Z");
export const RECORD_ID = "006000000000001AAA";
export const VERIFICATION_ID = "a01000000000001AAA";
export const OTHER_VERIFICATION_ID = "a01000000000002AAA";
export const TENANT_ORIGIN = "https://acme.1kosmos.net";
export const CALLBACK_ORIGIN = "https://acme--c.vf.force.com";
export const AUTHORIZE_URL = `${TENANT_ORIGIN}/oauth2/community/default/v1/authorize?state=s&nonce=n`;
export const CHANNEL = "/event/OneKosmos_Verification_Result__e";
export const FIVE_MINUTES = 5 * 60 * 1000;

export interface StepUpElement extends HTMLElement {
  recordId?: string;
  actionName?: string;
  guardedValuesJson?: string;
  buttonLabel?: string;
  autoStart: boolean;
  advanceOnSuccess: boolean;
  availableActions: string[];
  readonly verificationId?: string;
  readonly status?: string;
  readonly isVerified: boolean;
  validate(): { isValid: boolean; errorMessage?: string };
}

export interface ButtonElement extends HTMLElement {
  label: string;
  disabled: boolean;
}

export function startResponse(
  overrides: Partial<StartResponse> = {}
): StartResponse {
  return {
    verificationId: VERIFICATION_ID,
    authorizeUrl: AUTHORIZE_URL,
    tenantOrigin: TENANT_ORIGIN,
    callbackOrigin: CALLBACK_ORIGIN,
    expiresAt: new Date(NOW + FIVE_MINUTES).toISOString(),
    status: "Pending",
    ...overrides
  };
}

export function statusResponse(
  status: string,
  overrides: Partial<StatusResponse> = {}
): StatusResponse {
  return {
    verificationId: VERIFICATION_ID,
    status,
    statusLabel: status,
    isFinal: status !== "Pending",
    expiresAt: new Date(NOW + FIVE_MINUTES).toISOString(),
    ...overrides
  };
}

export interface Mounted {
  element: StepUpElement;
  flowChanges: FlowAttributeChange[];
  nextEvents: Event[];
}

export function mount(props: Partial<StepUpElement> = {}): Mounted {
  const element = createElement("c-one-kosmos-step-up", {
    is: OneKosmosStepUp
  }) as StepUpElement;
  element.recordId = RECORD_ID;
  element.actionName = "Large_Transfer";
  Object.assign(element, props);
  const flowChanges: FlowAttributeChange[] = [];
  const nextEvents: Event[] = [];
  element.addEventListener(FlowAttributeChangeEventName, (event) =>
    flowChanges.push((event as CustomEvent<FlowAttributeChange>).detail)
  );
  element.addEventListener(FlowNavigationNextEventName, (event) =>
    nextEvents.push(event)
  );
  document.body.appendChild(element);
  return { element, flowChanges, nextEvents };
}

/** Lets promises settle and LWC re-render (fake timers leave microtasks alone). */
export async function flush(): Promise<void> {
  // eslint-disable-next-line no-await-in-loop -- each await lets one more step of a promise chain run
  for (let i = 0; i < 25; i++) await Promise.resolve();
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

export function liveText(element: HTMLElement): string {
  return byId(element, "live")!.textContent.trim();
}

export function click(element: HTMLElement, id: string): void {
  const target = byId(element, id);
  if (!target) throw new Error(`no [data-id='${id}'] to click`);
  target.click();
}

/**
 * Runs the sa11y check, which refuses fake timers: it switches to real ones for the rest of the test,
 * so call it after the steps that need the fake clock.
 */
export async function expectAccessible(element: HTMLElement): Promise<void> {
  jest.useRealTimers();
  await expect(element).toBeAccessible();
}

/** The element focus() was last called on (stub base components are not focusable in jsdom). */
export function lastFocused(focusSpy: jest.SpyInstance): unknown {
  const contexts = focusSpy.mock.contexts;
  return contexts[contexts.length - 1];
}

export function postCallbackMessage(origin: string, data: unknown): void {
  window.dispatchEvent(new MessageEvent("message", { origin, data }));
}

export function removeAll(): void {
  while (document.body.firstChild)
    document.body.removeChild(document.body.firstChild);
}
