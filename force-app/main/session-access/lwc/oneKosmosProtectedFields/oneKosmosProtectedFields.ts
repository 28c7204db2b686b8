import { LightningElement, api } from "lwc";
import { notifyRecordUpdateAvailable } from "lightning/uiRecordApi";
import { apexErrorMessage, runDetached } from "c/oneKosmosUtils";
import type { StepUpEventDetail } from "c/oneKosmosStepUp";
import getSessionAccess from "@salesforce/apex/OneKosmosSessionAccessController.getSessionAccess";
import activateSessionAccess from "@salesforce/apex/OneKosmosSessionAccessController.activateSessionAccess";
import type { AccessResponse } from "@salesforce/apex/OneKosmosSessionAccessController.getSessionAccess";
import title from "@salesforce/label/c.OneKosmos_Protected_Title";
import checking from "@salesforce/label/c.OneKosmos_Protected_Checking";
import locked from "@salesforce/label/c.OneKosmos_Protected_Locked";
import activating from "@salesforce/label/c.OneKosmos_Protected_Activating";
import grantedUntil from "@salesforce/label/c.OneKosmos_Protected_Granted_Until";
import reloadHint from "@salesforce/label/c.OneKosmos_Protected_Reload_Hint";
import ended from "@salesforce/label/c.OneKosmos_Protected_Ended";
import errorPrefix from "@salesforce/label/c.OneKosmos_Protected_Error_Prefix";
import errorUnknown from "@salesforce/label/c.OneKosmos_Protected_Error_Unknown";
import tryAgain from "@salesforce/label/c.OneKosmos_Protected_Try_Again";
import noFields from "@salesforce/label/c.OneKosmos_Protected_No_Fields";

type State = "checking" | "locked" | "activating" | "granted" | "error";

/** setTimeout cannot wait longer than about 24.8 days; access lasts minutes, this only guards odd input. */
const MAX_TIMER_MS = 2147483647;

/** "A, B ,C" → ["A", "B", "C"]: API names, blanks dropped, each once. */
function parseFieldNames(value?: string): string[] {
  if (!value) return [];
  const names = value
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  return [...new Set(names)];
}

/** The end of access as the live region reads it (the visible time is lightning-formatted-date-time's). */
function announcedTime(isoDateTime: string): string {
  return new Date(isoDateTime).toLocaleTimeString(undefined, {
    hour: "2-digit",
    minute: "2-digit"
  });
}

/**
 * Fields readable only in a session where a fresh 1Kosmos LiveID step-up activated a session-based permission set
 * (a session access rule, e.g. Case_View_PHI). Shows "protected" and the step-up; once the step-up reports
 * `verified`, asks Apex to activate the access (the server checks the verification: own, fresh, unused, rule, record,
 * assignment) and then shows the fields with lightning-record-view-form. The server and the platform enforce the
 * access; this component only shows it. It returns to "protected" when the access ends.
 */
export default class OneKosmosProtectedFields extends LightningElement {
  @api recordId?: string;
  @api objectApiName?: string;
  /** The session access rule's action, e.g. View_PHI. */
  @api actionName = "View_PHI";
  /** Comma-separated API names of the protected fields. */
  @api fieldNames?: string;
  /** Card title; empty uses the default label. */
  @api cardTitle?: string;

  state: State = "checking";
  expiresAt?: string;
  errorMessage?: string;
  private hasEnded = false;
  private expiryTimer?: ReturnType<typeof setTimeout>;

  readonly labels = {
    checking,
    locked,
    activating,
    grantedUntil,
    reloadHint,
    ended,
    errorPrefix,
    tryAgain,
    noFields
  };

  override connectedCallback(): void {
    runDetached(this.loadAccess());
  }

  override disconnectedCallback(): void {
    this.clearExpiryTimer();
  }

  get titleText(): string {
    return this.cardTitle || title;
  }

  get fields(): string[] {
    return parseFieldNames(this.fieldNames);
  }

  get hasFields(): boolean {
    return this.fields.length > 0;
  }

  get isChecking(): boolean {
    return this.state === "checking";
  }

  get isLocked(): boolean {
    return this.state === "locked";
  }

  get isActivating(): boolean {
    return this.state === "activating";
  }

  get isGranted(): boolean {
    return this.state === "granted";
  }

  get isError(): boolean {
    return this.state === "error";
  }

  get lockedText(): string {
    return this.hasEnded ? ended : locked;
  }

  get ariaBusy(): string {
    return String(this.isChecking || this.isActivating);
  }

  /** What the live region announces: every state change is read out. */
  get announcement(): string {
    switch (this.state) {
      case "checking":
        return checking;
      case "activating":
        return activating;
      case "granted":
        return this.expiresAt
          ? `${grantedUntil} ${announcedTime(this.expiresAt)}`
          : grantedUntil;
      case "error":
        return `${errorPrefix} ${this.errorMessage ?? errorUnknown}`;
      default:
        return this.lockedText;
    }
  }

  /** The step-up reported Verified: let the server decide whether that unlocks the fields. */
  handleVerified(event: CustomEvent<StepUpEventDetail>): void {
    const verificationId = event.detail?.verificationId;
    if (!verificationId || this.state !== "locked") return;
    runDetached(this.activate(verificationId));
  }

  handleTryAgain(): void {
    // A fresh step-up component (a new verification): the locked branch is rendered anew.
    this.errorMessage = undefined;
    this.state = "locked";
  }

  private async loadAccess(): Promise<void> {
    if (!this.recordId) {
      this.state = "locked";
      return;
    }
    try {
      const access = await getSessionAccess({
        recordId: this.recordId,
        actionName: this.actionName
      });
      this.applyAccess(access);
    } catch {
      // Unknown is treated as not granted: the user can still verify, and the server decides.
      this.state = "locked";
    }
  }

  private async activate(verificationId: string): Promise<void> {
    this.state = "activating";
    try {
      const access = await activateSessionAccess({ verificationId });
      this.applyAccess(access);
      if (this.isGranted && this.recordId) {
        // The record's fields were loaded without the access: let Lightning Data Service read them again.
        await notifyRecordUpdateAvailable([{ recordId: this.recordId }]);
      } else if (!this.isGranted) {
        this.showError(undefined);
      }
    } catch (error) {
      this.showError(apexErrorMessage(error));
    }
  }

  private applyAccess(access: AccessResponse | null): void {
    const expiresAtMs = access?.expiresAt
      ? Date.parse(access.expiresAt)
      : Number.NaN;
    if (access?.active && expiresAtMs > Date.now()) {
      this.expiresAt = access.expiresAt;
      this.state = "granted";
      this.scheduleEnd(expiresAtMs - Date.now());
    } else {
      this.state = "locked";
    }
  }

  private showError(message: string | undefined): void {
    this.errorMessage = message ?? errorUnknown;
    this.state = "error";
  }

  /** The server ends the access on schedule; the component hides the fields when the time is up. */
  private scheduleEnd(delayMs: number): void {
    this.clearExpiryTimer();
    // One timer for the end of the access, cleared on disconnect.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.expiryTimer = setTimeout(
      () => {
        this.expiryTimer = undefined;
        this.expiresAt = undefined;
        this.hasEnded = true;
        this.state = "locked";
      },
      Math.min(delayMs, MAX_TIMER_MS)
    );
  }

  private clearExpiryTimer(): void {
    if (this.expiryTimer !== undefined) {
      clearTimeout(this.expiryTimer);
      this.expiryTimer = undefined;
    }
  }
}
