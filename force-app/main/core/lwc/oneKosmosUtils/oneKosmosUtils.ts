/**
 * Helpers shared by the 1Kosmos components (a service module: no template). Kept here so both components read result
 * events, compare ids and report Apex errors the same way.
 */
import { isEmpEnabled, unsubscribe } from "lightning/empApi";
import formFactor from "@salesforce/client/formFactor";
import type { EmpSubscription } from "lightning/empApi";
import type { ApexError } from "@salesforce/apex";

/** The platform event channel of verification results (ids only: a cue to re-read, never a status to believe). */
export const RESULT_CHANNEL = "/event/OneKosmos_Verification_Result__e";

/** empApi replay id -1: new events only. */
export const NEW_EVENTS_ONLY = -1;

/**
 * Whether result events can be received here: empApi works on desktop Lightning where the org enables it, not in the
 * mobile app, on small screens, in Experience Cloud or LWR sites. Any empApi error counts as no.
 */
export async function canReceiveResultEvents(): Promise<boolean> {
  try {
    return formFactor === "Large" && (await isEmpEnabled()) === true;
  } catch {
    return false;
  }
}

/** Salesforce ids compare equal in their 15- and 18-character forms. */
export function sameId(left?: string | null, right?: string | null): boolean {
  if (!left || !right) return false;
  if (left === right) return true;
  return (
    (left.length === 15 || right.length === 15) &&
    left.slice(0, 15) === right.slice(0, 15)
  );
}

/** Starts work nobody awaits; each such method handles its own errors, so a rejection is never unhandled. */
export function runDetached(work: Promise<unknown>): void {
  work.catch(() => undefined);
}

/** Unsubscribes and ignores failure: the connection is gone either way. */
export async function safeUnsubscribe(
  subscription: EmpSubscription
): Promise<void> {
  try {
    await unsubscribe(subscription);
  } catch {
    // Nothing to do.
  }
}

/** The readable message of an Apex or fetch error, or undefined when it carries none. */
export function apexErrorMessage(error: unknown): string | undefined {
  const apexError = error as ApexError | undefined;
  const body = apexError?.body;
  if (Array.isArray(body)) {
    const messages = body.map((entry) => entry.message).filter(Boolean);
    if (messages.length > 0) return messages.join(", ");
  } else if (body?.message) {
    return body.message;
  }
  return apexError?.statusText || undefined;
}
