import { LightningElement, api } from "lwc";
import { onError, subscribe } from "lightning/empApi";
import type { EmpMessage, EmpSubscription } from "lightning/empApi";
import {
  FlowAttributeChangeEvent,
  FlowNavigationNextEvent
} from "lightning/flowSupport";
import {
  NEW_EVENTS_ONLY,
  RESULT_CHANNEL,
  apexErrorMessage,
  canReceiveResultEvents,
  runDetached,
  safeUnsubscribe,
  sameId
} from "c/oneKosmosUtils";
import startStepUp from "@salesforce/apex/OneKosmosStepUpController.startStepUp";
import type { StartResponse } from "@salesforce/apex/OneKosmosStepUpController.startStepUp";
import getStepUpStatus from "@salesforce/apex/OneKosmosStepUpController.getStepUpStatus";
import type { StatusResponse } from "@salesforce/apex/OneKosmosStepUpController.getStepUpStatus";
import cancelStepUp from "@salesforce/apex/OneKosmosStepUpController.cancelStepUp";
import reportStepUpUnreachable from "@salesforce/apex/OneKosmosStepUpController.reportStepUpUnreachable";
import title from "@salesforce/label/c.OneKosmos_StepUp_Title";
import buttonDefault from "@salesforce/label/c.OneKosmos_StepUp_Button_Default";
import readyMessage from "@salesforce/label/c.OneKosmos_StepUp_Ready";
import startingMessage from "@salesforce/label/c.OneKosmos_StepUp_Starting";
import waitingMessage from "@salesforce/label/c.OneKosmos_StepUp_Waiting";
import timeLeft from "@salesforce/label/c.OneKosmos_StepUp_Time_Left";
import reopenWindow from "@salesforce/label/c.OneKosmos_StepUp_Reopen_Window";
import cancelLabel from "@salesforce/label/c.OneKosmos_StepUp_Cancel";
import popupBlocked from "@salesforce/label/c.OneKosmos_StepUp_Popup_Blocked";
import openLink from "@salesforce/label/c.OneKosmos_StepUp_Open_Link";
import verifiedMessage from "@salesforce/label/c.OneKosmos_StepUp_Verified";
import failedMessage from "@salesforce/label/c.OneKosmos_StepUp_Failed";
import expiredMessage from "@salesforce/label/c.OneKosmos_StepUp_Expired";
import cancelledMessage from "@salesforce/label/c.OneKosmos_StepUp_Cancelled";
import errorMessageTitle from "@salesforce/label/c.OneKosmos_StepUp_Error";
import errorUnknown from "@salesforce/label/c.OneKosmos_StepUp_Error_Unknown";
import errorUntrustedUrl from "@salesforce/label/c.OneKosmos_StepUp_Error_Untrusted_Url";
import retry from "@salesforce/label/c.OneKosmos_StepUp_Retry";
import reasonGeneric from "@salesforce/label/c.OneKosmos_StepUp_Reason_Generic";
import reasonAccessDenied from "@salesforce/label/c.OneKosmos_StepUp_Reason_Access_Denied";
import reasonWrongUser from "@salesforce/label/c.OneKosmos_StepUp_Reason_Wrong_User";
import reasonWrongMethod from "@salesforce/label/c.OneKosmos_StepUp_Reason_Wrong_Method";
import reasonUnavailable from "@salesforce/label/c.OneKosmos_StepUp_Reason_Unavailable";
import validateRequired from "@salesforce/label/c.OneKosmos_StepUp_Validate_Required";
import notResponding from "@salesforce/label/c.OneKosmos_StepUp_Not_Responding";
import checkingTenant from "@salesforce/label/c.OneKosmos_StepUp_Checking_Tenant";

export type StepUpState =
  | "ready"
  | "starting"
  | "waiting"
  | "verified"
  | "failed"
  | "expired"
  | "error";

/** What the callback page posts to its opener: ids only, so the status is always re-read. */
const CALLBACK_MESSAGE_TYPE = "onekosmos:step-up";
const POPUP_NAME = "onekosmos_step_up";
const POPUP_FEATURES = "popup=yes,width=480,height=720";
/** Polling backoff where empApi is unavailable: start like the settings' 3 s, ×1.5, at most 15 s. */
const POLL_INITIAL_MS = 3000;
const POLL_FACTOR = 1.5;
const POLL_MAX_MS = 15000;
const COUNTDOWN_TICK_MS = 1000;

/** Reason codes (from the server's validator and callback) that a user can act on; others read generically. */
const REASON_LABELS: Readonly<Record<string, string>> = {
  access_denied: reasonAccessDenied,
  wrong_username: reasonWrongUser,
  wrong_acr: reasonWrongMethod,
  wrong_amr: reasonWrongMethod,
  timeout: reasonUnavailable,
  server_error: reasonUnavailable,
  jwks_unavailable: reasonUnavailable
};

const STATE_ANNOUNCEMENTS: Readonly<Record<StepUpState, string>> = {
  ready: readyMessage,
  starting: startingMessage,
  waiting: waitingMessage,
  verified: verifiedMessage,
  failed: failedMessage,
  expired: expiredMessage,
  error: errorMessageTitle
};

/**
 * Detail of the `verified` event (the verification became Verified) and of the `statuschange` event (it reached a
 * final status: Verified, Consumed, Failed, Cancelled or Expired), for a parent component that acts on the result.
 * The parent must still let the server decide: these events only say what the server reported.
 */
export interface StepUpEventDetail {
  verificationId?: string;
  status: string;
  /** Why it failed (from the server's status), when it did. */
  reasonCode?: string;
}

interface ResultEventPayload {
  Verification_Id__c?: string;
}

interface CallbackMessage {
  type: string;
  verificationId: string;
}

function isCallbackMessage(data: unknown): data is CallbackMessage {
  if (typeof data !== "object" || data === null) return false;
  const candidate = data as Record<string, unknown>;
  return (
    candidate.type === CALLBACK_MESSAGE_TYPE &&
    typeof candidate.verificationId === "string"
  );
}

/** Only an https URL whose origin is exactly the configured tenant's may be opened. */
function isTenantUrl(url?: string, tenantOrigin?: string): boolean {
  if (!url || !tenantOrigin) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" && parsed.origin === tenantOrigin;
  } catch {
    return false;
  }
}

function formatRemaining(milliseconds: number): string {
  const totalSeconds = Math.max(0, Math.ceil(milliseconds / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}:${String(seconds).padStart(2, "0")}`;
}

/**
 * LiveID step-up: the user proves with the 1Kosmos app that it is them before a risky action. Apex starts a
 * verification and returns the 1Kosmos authorize URL, which opens in a popup; the server completes the
 * verification in its callback. The component learns of the result from the callback's postMessage, from the
 * result platform event (desktop Lightning) or by polling, and in every case re-reads the status through Apex:
 * neither a message nor an event is trusted.
 */
export default class OneKosmosStepUp extends LightningElement {
  @api recordId?: string;
  @api actionName?: string;
  @api guardedValuesJson?: string;
  @api buttonLabel?: string;
  @api autoStart = false;
  /** Flow screens: go to the next screen once verified (when the flow offers NEXT). */
  @api advanceOnSuccess = false;
  /** Set by the flow runtime on flow screens. */
  @api availableActions: string[] = [];

  state: StepUpState = "ready";
  announcement = "";
  errorMessage = "";
  reasonMessage = "";
  remainingText = "";
  isPopupBlocked = false;
  isCancelling = false;
  /** While the server checks whether 1Kosmos answers (the user said it does not). */
  isReporting = false;
  /** What the server found when asked (e.g. 1Kosmos is reachable after all). */
  noticeMessage = "";
  authorizeUrl = "";

  private currentVerificationId?: string;
  private currentStatus?: string;
  private callbackOrigin?: string;
  private expiresAtMs = 0;
  private countdownTimer?: ReturnType<typeof setInterval>;
  private pollTimer?: ReturnType<typeof setTimeout>;
  private pollDelayMs = POLL_INITIAL_MS;
  private subscription?: EmpSubscription;
  private listening = false;
  private errorHandlerRegistered = false;
  private refreshInFlight?: Promise<void>;
  private focusPending = false;
  private popup: Window | null = null;
  private readonly messageHandler = (event: MessageEvent): void =>
    this.handleWindowMessage(event);

  readonly labels = {
    title,
    reopenWindow,
    notResponding,
    cancel: cancelLabel,
    popupBlocked,
    openLink,
    retry
  };

  /** Flow output: the verification started last. */
  @api
  get verificationId(): string | undefined {
    return this.currentVerificationId;
  }

  /** Flow output: its status API value (Pending, Verified, Failed, Cancelled, Expired). */
  @api
  get status(): string | undefined {
    return this.currentStatus;
  }

  /** Flow output. */
  @api
  get isVerified(): boolean {
    return this.state === "verified";
  }

  /** Flow screens call this on Next: the flow cannot go on until the user is verified. */
  @api
  validate(): { isValid: boolean; errorMessage?: string } {
    if (this.isVerified) return { isValid: true };
    return { isValid: false, errorMessage: validateRequired };
  }

  get startLabel(): string {
    return this.buttonLabel || buttonDefault;
  }

  get isReady(): boolean {
    return this.state === "ready";
  }
  get isStarting(): boolean {
    return this.state === "starting";
  }
  get isWaiting(): boolean {
    return this.state === "waiting";
  }
  get isVerifiedState(): boolean {
    return this.state === "verified";
  }
  get isFailed(): boolean {
    return this.state === "failed";
  }
  get isExpired(): boolean {
    return this.state === "expired";
  }
  get isError(): boolean {
    return this.state === "error";
  }
  get canRetry(): boolean {
    return this.isFailed || this.isExpired || this.isError;
  }
  get readyText(): string {
    return readyMessage;
  }
  get startingText(): string {
    return startingMessage;
  }
  get waitingText(): string {
    return waitingMessage;
  }
  get verifiedText(): string {
    return verifiedMessage;
  }
  get failedText(): string {
    return failedMessage;
  }
  get expiredText(): string {
    return expiredMessage;
  }
  get errorTitle(): string {
    return errorMessageTitle;
  }

  override connectedCallback(): void {
    if (this.autoStart) runDetached(this.start());
  }

  override disconnectedCallback(): void {
    this.stopWaiting();
  }

  override renderedCallback(): void {
    if (!this.focusPending) return;
    this.focusPending = false;
    // Each state marks the element that takes focus, so focus never falls back to the page when the
    // focused button disappears; a blocked popup's link is what the user needs next.
    const selector =
      this.isWaiting && this.isPopupBlocked
        ? "[data-id='open-link']"
        : "[data-focus]";
    this.template?.querySelector<HTMLElement>(selector)?.focus();
  }

  handleStart(): void {
    runDetached(this.start());
  }

  handleRetry(): void {
    runDetached(this.start());
  }

  handleReopen(): void {
    this.openPopup();
  }

  get isBusyWaiting(): boolean {
    return this.isCancelling || this.isReporting;
  }

  /**
   * The user says the 1Kosmos page does not load. Only the server can tell: it calls 1Kosmos itself and, when it is
   * unreachable, records the step-up as Failed with that reason (which a fail-open policy accepts); otherwise the
   * step-up stays Pending and the server's message says so.
   */
  async handleNotResponding(): Promise<void> {
    const verificationId = this.currentVerificationId;
    if (!verificationId || this.isReporting) return;
    this.isReporting = true;
    this.noticeMessage = "";
    this.announcement = checkingTenant;
    try {
      const response = await reportStepUpUnreachable({ verificationId });
      if (response && verificationId === this.currentVerificationId) {
        this.applyStatus(response);
      }
    } catch (error) {
      if (this.isWaiting) {
        this.noticeMessage = apexErrorMessage(error) ?? errorUnknown;
        this.announcement = this.noticeMessage;
      }
    } finally {
      this.isReporting = false;
    }
  }

  /**
   * For a parent that removes this component mid-verification (Verify and Save's Back or Close): cancels the
   * verification being waited for, so it does not stay Pending with its 1Kosmos window open. Best effort and silent:
   * the component is about to go, and a Pending row expires anyway.
   */
  @api
  abandon(): void {
    const verificationId = this.currentVerificationId;
    if (!this.isWaiting || !verificationId) return;
    this.stopWaiting();
    this.closePopup();
    // Quietly back to ready: no event for a parent that is removing this component.
    this.state = "ready";
    runDetached(cancelStepUp({ verificationId }));
  }

  async handleCancel(): Promise<void> {
    const verificationId = this.currentVerificationId;
    this.isCancelling = true;
    this.stopWaiting();
    this.closePopup();
    try {
      const response = await cancelStepUp({ verificationId });
      // Completed just before the cancel arrived: the server's answer wins.
      if (response?.status && response.status !== "Cancelled") {
        this.applyStatus(response);
        return;
      }
      this.setStatus("Cancelled");
      this.enterState("ready", cancelledMessage);
    } catch (error) {
      this.showError(apexErrorMessage(error) ?? errorUnknown);
    } finally {
      this.isCancelling = false;
    }
  }

  private async start(): Promise<void> {
    if (this.isStarting || this.isWaiting) return;
    this.resetAttempt();
    this.enterState("starting");
    let response: StartResponse | null;
    try {
      response = await startStepUp({
        recordId: this.recordId ?? null,
        actionName: this.actionName ?? null,
        guardedValuesJson: this.guardedValuesJson ?? null
      });
    } catch (error) {
      this.showError(apexErrorMessage(error) ?? errorUnknown);
      return;
    }
    if (!this.isConnected) return;
    if (!response?.verificationId || !response.expiresAt) {
      this.showError(errorUnknown);
      return;
    }
    if (!isTenantUrl(response.authorizeUrl, response.tenantOrigin)) {
      this.showError(errorUntrustedUrl);
      return;
    }
    this.beginWaiting(response);
  }

  private beginWaiting(response: StartResponse): void {
    this.currentVerificationId = response.verificationId;
    this.authorizeUrl = response.authorizeUrl ?? "";
    this.callbackOrigin = response.callbackOrigin;
    this.expiresAtMs = Date.parse(response.expiresAt ?? "");
    this.fireFlowChange("verificationId", this.currentVerificationId);
    this.setStatus(response.status ?? "Pending");
    this.openPopup();
    this.enterState(
      "waiting",
      this.isPopupBlocked ? `${waitingMessage} ${popupBlocked}` : undefined
    );
    this.startCountdown();
    this.listening = true;
    window.addEventListener("message", this.messageHandler);
    runDetached(this.listenForResult());
  }

  private openPopup(): void {
    // Not noopener: the callback page needs window.opener to post its completion message back.
    this.popup = window.open(this.authorizeUrl, POPUP_NAME, POPUP_FEATURES);
    const wasBlocked = this.isPopupBlocked;
    this.isPopupBlocked = this.popup === null;
    if (this.isPopupBlocked && !wasBlocked && this.isWaiting) {
      this.announcement = popupBlocked;
      this.focusPending = true;
    }
  }

  private closePopup(): void {
    try {
      this.popup?.close();
    } catch {
      // The popup may already be gone or on another origin; closing it is a courtesy.
    }
    this.popup = null;
  }

  private startCountdown(): void {
    this.tickCountdown();
    // The countdown is the visible expiry; the server expires the row on its own as well.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.countdownTimer = setInterval(
      () => this.tickCountdown(),
      COUNTDOWN_TICK_MS
    );
  }

  private tickCountdown(): void {
    const remaining = this.expiresAtMs - Date.now();
    if (!(remaining > 0)) {
      this.stopWaiting();
      this.closePopup();
      this.setStatus("Expired");
      this.enterState("expired");
      return;
    }
    this.remainingText = timeLeft.replace("{0}", formatRemaining(remaining));
  }

  /** empApi on desktop Lightning where the org allows it; polling everywhere else and on any empApi error. */
  private async listenForResult(): Promise<void> {
    const useEmpApi = await canReceiveResultEvents();
    if (!this.listening) return;
    if (!useEmpApi) {
      this.startPolling();
      return;
    }
    try {
      this.registerEmpErrorHandler();
      const subscription = await subscribe<ResultEventPayload>(
        RESULT_CHANNEL,
        NEW_EVENTS_ONLY,
        (message) => this.handleResultEvent(message)
      );
      if (!this.listening) {
        runDetached(safeUnsubscribe(subscription));
        return;
      }
      this.subscription = subscription;
      // The result may have landed while we subscribed.
      runDetached(this.refreshStatus());
    } catch {
      this.fallBackToPolling();
    }
  }

  private registerEmpErrorHandler(): void {
    if (this.errorHandlerRegistered) return;
    this.errorHandlerRegistered = true;
    // onError cannot be unregistered, so the handler checks that this component still waits on empApi.
    onError(() => {
      if (this.listening && this.subscription) this.fallBackToPolling();
    });
  }

  private fallBackToPolling(): void {
    const subscription = this.subscription;
    this.subscription = undefined;
    if (subscription) runDetached(safeUnsubscribe(subscription));
    if (this.listening) this.startPolling();
  }

  private handleResultEvent(message: EmpMessage<ResultEventPayload>): void {
    // Every subscriber sees every result event; only ours matters, and only as a cue to re-read.
    const eventVerificationId = message?.data?.payload?.Verification_Id__c;
    if (!sameId(eventVerificationId, this.currentVerificationId)) return;
    runDetached(this.refreshStatus());
  }

  private handleWindowMessage(event: MessageEvent): void {
    if (!this.callbackOrigin || event.origin !== this.callbackOrigin) return;
    if (!isCallbackMessage(event.data)) return;
    if (!sameId(event.data.verificationId, this.currentVerificationId)) return;
    runDetached(this.refreshStatus());
  }

  private startPolling(): void {
    if (this.pollTimer !== undefined) return;
    this.pollDelayMs = POLL_INITIAL_MS;
    this.schedulePoll();
  }

  private schedulePoll(): void {
    // Polling is the documented fallback where empApi cannot be used (Experience Cloud, mobile, login flows).
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      runDetached(this.pollOnce());
    }, this.pollDelayMs);
  }

  private async pollOnce(): Promise<void> {
    await this.refreshStatus();
    if (!this.listening || this.pollTimer !== undefined) return;
    this.pollDelayMs = Math.min(this.pollDelayMs * POLL_FACTOR, POLL_MAX_MS);
    this.schedulePoll();
  }

  /** One status read at a time; a cue that arrives meanwhile is answered by the read in flight. */
  private refreshStatus(): Promise<void> {
    this.refreshInFlight ??= this.readStatus().finally(() => {
      this.refreshInFlight = undefined;
    });
    return this.refreshInFlight;
  }

  private async readStatus(): Promise<void> {
    const verificationId = this.currentVerificationId;
    if (!this.listening || !verificationId) return;
    let response: StatusResponse | null;
    try {
      response = await getStepUpStatus({ verificationId });
    } catch {
      // A failed read is not a result: keep waiting (polling retries) until the countdown ends.
      if (this.listening && this.subscription) this.fallBackToPolling();
      return;
    }
    if (!this.listening || verificationId !== this.currentVerificationId)
      return;
    if (response) this.applyStatus(response);
  }

  private applyStatus(response: StatusResponse): void {
    const status = response.status;
    if (status === "Pending" || (!status && !response.isFinal)) {
      const expiresAtMs = Date.parse(response.expiresAt ?? "");
      if (!Number.isNaN(expiresAtMs)) this.expiresAtMs = expiresAtMs;
      return;
    }
    this.stopWaiting();
    this.closePopup();
    this.setStatus(status, response.reasonCode);
    // Consumed: already spent by the guarded action, which accepts only a verified row.
    if (status === "Verified" || status === "Consumed") {
      this.enterState("verified");
      this.dispatchResult("verified", status);
      this.advanceFlow();
    } else if (status === "Expired") {
      this.enterState("expired");
    } else {
      this.reasonMessage =
        REASON_LABELS[response.reasonCode ?? ""] ?? reasonGeneric;
      this.enterState("failed", `${failedMessage} ${this.reasonMessage}`);
    }
  }

  private advanceFlow(): void {
    if (this.advanceOnSuccess && this.availableActions?.includes("NEXT")) {
      this.dispatchEvent(new FlowNavigationNextEvent());
    }
  }

  private showError(message: string): void {
    this.stopWaiting();
    this.errorMessage = message;
    // The live region names the state; the alert itself reads the message.
    this.enterState("error");
  }

  private resetAttempt(): void {
    this.stopWaiting();
    this.closePopup();
    this.errorMessage = "";
    this.reasonMessage = "";
    this.noticeMessage = "";
    this.remainingText = "";
    this.isPopupBlocked = false;
    this.authorizeUrl = "";
    this.callbackOrigin = undefined;
    if (this.currentVerificationId) {
      this.currentVerificationId = undefined;
      this.fireFlowChange("verificationId", undefined);
    }
  }

  private enterState(next: StepUpState, announcement?: string): void {
    const wasVerified = this.isVerified;
    this.state = next;
    this.announcement = announcement ?? STATE_ANNOUNCEMENTS[next];
    this.focusPending = true;
    if (wasVerified !== this.isVerified) {
      this.fireFlowChange("isVerified", this.isVerified);
    }
  }

  private setStatus(status: string | undefined, reasonCode?: string): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    this.fireFlowChange("status", status);
    if (status && status !== "Pending") {
      this.dispatchResult("statuschange", status, reasonCode);
    }
  }

  /** Tells a parent component (not the flow) about the result; the events neither bubble nor cross the shadow. */
  private dispatchResult(
    name: "verified" | "statuschange",
    status: string,
    reasonCode?: string
  ): void {
    const detail: StepUpEventDetail = {
      verificationId: this.currentVerificationId,
      status
    };
    if (reasonCode) detail.reasonCode = reasonCode;
    this.dispatchEvent(new CustomEvent<StepUpEventDetail>(name, { detail }));
  }

  private fireFlowChange(name: string, value: unknown): void {
    this.dispatchEvent(new FlowAttributeChangeEvent(name, value));
  }

  /** Ends everything a wait started: message listener, empApi subscription, countdown and polling. */
  private stopWaiting(): void {
    this.listening = false;
    window.removeEventListener("message", this.messageHandler);
    if (this.countdownTimer !== undefined) clearInterval(this.countdownTimer);
    if (this.pollTimer !== undefined) clearTimeout(this.pollTimer);
    this.countdownTimer = undefined;
    this.pollTimer = undefined;
    const subscription = this.subscription;
    this.subscription = undefined;
    if (subscription) runDetached(safeUnsubscribe(subscription));
  }
}
