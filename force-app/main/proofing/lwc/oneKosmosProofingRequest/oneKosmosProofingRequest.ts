import { LightningElement, api } from "lwc";
import { onError, subscribe } from "lightning/empApi";
import type { EmpMessage, EmpSubscription } from "lightning/empApi";
import { CloseActionScreenEvent } from "lightning/actions";
import { FlowAttributeChangeEvent } from "lightning/flowSupport";
import {
  NEW_EVENTS_ONLY,
  RESULT_CHANNEL,
  apexErrorMessage,
  canReceiveResultEvents,
  runDetached,
  safeUnsubscribe,
  sameId
} from "c/oneKosmosUtils";
import getProofingOptions from "@salesforce/apex/OneKosmosProofingController.getProofingOptions";
import type {
  Channel,
  Choice,
  ProofingOptions
} from "@salesforce/apex/OneKosmosProofingController.getProofingOptions";
import startProofing from "@salesforce/apex/OneKosmosProofingController.startProofing";
import type { ProofingStart } from "@salesforce/apex/OneKosmosProofingController.startProofing";
import getProofingStatus from "@salesforce/apex/OneKosmosProofingController.getProofingStatus";
import type { ProofingStatus } from "@salesforce/apex/OneKosmosProofingController.getProofingStatus";
import checkProofingNow from "@salesforce/apex/OneKosmosProofingController.checkProofingNow";
import cancelProofing from "@salesforce/apex/OneKosmosProofingController.cancelProofing";
import title from "@salesforce/label/c.OneKosmos_ProofingRequest_Title";
import loadingText from "@salesforce/label/c.OneKosmos_ProofingRequest_Loading";
import intro from "@salesforce/label/c.OneKosmos_ProofingRequest_Intro";
import introNoName from "@salesforce/label/c.OneKosmos_ProofingRequest_Intro_No_Name";
import unavailableDefault from "@salesforce/label/c.OneKosmos_ProofingRequest_Unavailable";
import documentTypeLabel from "@salesforce/label/c.OneKosmos_ProofingRequest_Document_Type";
import channelLabel from "@salesforce/label/c.OneKosmos_ProofingRequest_Channel";
import noChannel from "@salesforce/label/c.OneKosmos_ProofingRequest_No_Channel";
import sendLabel from "@salesforce/label/c.OneKosmos_ProofingRequest_Send";
import sendingText from "@salesforce/label/c.OneKosmos_ProofingRequest_Sending";
import sentTo from "@salesforce/label/c.OneKosmos_ProofingRequest_Sent_To";
import sentNoDestination from "@salesforce/label/c.OneKosmos_ProofingRequest_Sent";
import screenIntro from "@salesforce/label/c.OneKosmos_ProofingRequest_Screen_Intro";
import openLink from "@salesforce/label/c.OneKosmos_ProofingRequest_Open_Link";
import qrLabel from "@salesforce/label/c.OneKosmos_ProofingRequest_Qr_Label";
import hideLink from "@salesforce/label/c.OneKosmos_ProofingRequest_Hide_Link";
import linkHidden from "@salesforce/label/c.OneKosmos_ProofingRequest_Link_Hidden";
import linkExpires from "@salesforce/label/c.OneKosmos_ProofingRequest_Link_Expires";
import unsafeLink from "@salesforce/label/c.OneKosmos_ProofingRequest_Unsafe_Link";
import newRequest from "@salesforce/label/c.OneKosmos_ProofingRequest_New_Request";
import closeLabel from "@salesforce/label/c.OneKosmos_ProofingRequest_Close";
import retryLabel from "@salesforce/label/c.OneKosmos_ProofingRequest_Retry";
import errorTitle from "@salesforce/label/c.OneKosmos_ProofingRequest_Error_Title";
import errorUnknown from "@salesforce/label/c.OneKosmos_ProofingRequest_Error_Unknown";
import statusHeading from "@salesforce/label/c.OneKosmos_ProofingRequest_Status_Heading";
import statusLabel from "@salesforce/label/c.OneKosmos_ProofingRequest_Status";
import reasonLabel from "@salesforce/label/c.OneKosmos_ProofingRequest_Reason";
import requestedLabel from "@salesforce/label/c.OneKosmos_ProofingRequest_Requested";
import completedLabel from "@salesforce/label/c.OneKosmos_ProofingRequest_Completed";
import expiresLabel from "@salesforce/label/c.OneKosmos_ProofingRequest_Expires";
import assuranceLabel from "@salesforce/label/c.OneKosmos_ProofingRequest_Assurance";
import checkNow from "@salesforce/label/c.OneKosmos_ProofingRequest_Check_Now";
import checkingText from "@salesforce/label/c.OneKosmos_ProofingRequest_Checking";
import checkQueuedLive from "@salesforce/label/c.OneKosmos_ProofingRequest_Check_Queued";
import checkQueuedRefresh from "@salesforce/label/c.OneKosmos_ProofingRequest_Check_Queued_Refresh";
import checkNoResultYet from "@salesforce/label/c.OneKosmos_ProofingRequest_Check_No_Result_Yet";
import cancelRequest from "@salesforce/label/c.OneKosmos_ProofingRequest_Cancel_Request";
import cancellingText from "@salesforce/label/c.OneKosmos_ProofingRequest_Cancelling";
import statusAnnouncement from "@salesforce/label/c.OneKosmos_ProofingRequest_Status_Announcement";
import liveUnavailable from "@salesforce/label/c.OneKosmos_ProofingRequest_Live_Unavailable";

export type ProofingPhase =
  "loading" | "failed" | "unavailable" | "form" | "sending" | "sent";

/** The delivery channel whose link is shown here (Email and SMS deliver it to the person; the server says where). */
const CHANNEL_SCREEN = "Screen";

/**
 * After Check now, the status is read once more this long after the check was queued: no result event comes when
 * the person has not finished the capture yet or the background check failed (401, configuration), and the
 * "Checking" note must not promise a result for ever.
 */
const CHECK_FOLLOW_UP_MS = 45_000;

interface ResultEventPayload {
  Related_Record_Id__c?: string;
}

/** A channel ready for the template: a native radio with its destination or the reason it cannot be used. */
interface ChannelView {
  value: string;
  label: string;
  available: boolean;
  disabled: boolean;
  checked: boolean;
  detail: string;
  inputId: string;
  detailId: string;
}

/** Only an https link may become an href: anything else (javascript:, data:) is refused, not shown. */
function isHttpsUrl(url?: string): boolean {
  if (!url) return false;
  try {
    return new URL(url).protocol === "https:";
  } catch {
    return false;
  }
}

function format(template: string, value: string): string {
  return template.replace("{0}", value);
}

/**
 * Identity proofing request (quick action on Contact, Lead and person Account; record page; flow screen): shows what
 * the server allows for this record, sends a 1Kosmos document-and-selfie session by email or SMS, or shows its link and
 * QR code for a person at the desk, and follows the latest proofing's status.
 *
 * The capture link is a bearer link: it lives only in this component's memory while shown (never in an @api
 * property, an event, storage or the console), and is dropped on "Hide link", on a new request and on disconnect.
 * Result events only say that something changed for this record; the status is always re-read through Apex.
 */
export default class OneKosmosProofingRequest extends LightningElement {
  /** Record pages and flow screens: no Close button (it closes a quick action and does nothing elsewhere). */
  @api hideClose = false;

  phase: ProofingPhase = "loading";
  announcement = "";
  errorMessage = "";
  subjectName = "";
  unavailableReason = "";
  documentTypes: Choice[] = [];
  channels: Channel[] = [];
  selectedDocumentType = "";
  selectedChannel = "";
  latest?: ProofingStatus;
  isChecking = false;
  /** The Pending proofing whose check the server queued (its result arrives later); "" when none. */
  checkQueuedFor = "";
  /** The follow-up read after Check now found the proofing still Pending: the note says there is no result yet. */
  checkFoundNoResult = false;
  isCancelling = false;
  liveUpdatesOff = false;
  /** Screen delivery: the bearer link, in memory only, while shown. */
  captureUrl = "";
  linkWasHidden = false;
  sentChannel = "";
  sentDestination = "";
  linkExpiresAt = "";

  private currentRecordId?: string;
  private connected = false;
  private loadedFor?: string;
  private subscription?: EmpSubscription;
  private listening = false;
  private errorHandlerRegistered = false;
  private refreshInFlight?: Promise<boolean>;
  private focusPending = false;
  private checkFollowUpTimer?: ReturnType<typeof setTimeout>;

  readonly labels = {
    title,
    documentType: documentTypeLabel,
    channel: channelLabel,
    noChannel,
    send: sendLabel,
    screenIntro,
    openLink,
    qrLabel,
    hideLink,
    linkHidden,
    linkExpires,
    newRequest,
    close: closeLabel,
    retry: retryLabel,
    errorTitle,
    statusHeading,
    status: statusLabel,
    reason: reasonLabel,
    requested: requestedLabel,
    completed: completedLabel,
    expires: expiresLabel,
    assurance: assuranceLabel,
    checkNow,
    cancelRequest,
    liveUnavailable,
    loading: loadingText,
    sending: sendingText
  };

  /** The Contact, Lead or person Account (quick actions set it after the component connects). */
  @api
  get recordId(): string | undefined {
    return this.currentRecordId;
  }
  set recordId(value: string | undefined) {
    this.currentRecordId = value;
    if (this.connected) this.startForRecord();
  }

  /** Flow output: the proofing started on this screen (never its link). */
  @api
  get verificationId(): string | undefined {
    return this.latest?.verificationId;
  }

  /** Flow output: the latest proofing's status API value (Pending, Verified, Failed, Expired, Cancelled). */
  @api
  get status(): string | undefined {
    return this.latest?.status;
  }

  override connectedCallback(): void {
    this.connected = true;
    this.startForRecord();
  }

  override disconnectedCallback(): void {
    this.connected = false;
    this.loadedFor = undefined;
    this.forgetLink();
    this.stopListening();
    this.stopCheckFollowUp();
  }

  override renderedCallback(): void {
    if (!this.focusPending) return;
    this.focusPending = false;
    // An error takes focus (the alert says what went wrong); otherwise the element each state marks.
    const selector = this.hasError ? "[data-id='error-box']" : "[data-focus]";
    this.template?.querySelector<HTMLElement>(selector)?.focus();
  }

  // ----- template state --------------------------------------------------------------------------------------------

  get isLoading(): boolean {
    return this.phase === "loading";
  }
  get isFailed(): boolean {
    return this.phase === "failed";
  }
  get isUnavailable(): boolean {
    return this.phase === "unavailable";
  }
  get showForm(): boolean {
    return this.phase === "form" || this.phase === "sending";
  }
  get isSending(): boolean {
    return this.phase === "sending";
  }
  get isSent(): boolean {
    return this.phase === "sent";
  }
  get hasError(): boolean {
    return this.errorMessage !== "";
  }

  get introText(): string {
    return this.subjectName ? format(intro, this.subjectName) : introNoName;
  }

  get documentTypeOptions(): { label: string; value: string }[] {
    return this.documentTypes.map((choice) => ({
      label: choice.label || choice.value || "",
      value: choice.value ?? ""
    }));
  }

  get channelViews(): ChannelView[] {
    return this.channels.map((channel, index) => {
      const value = channel.value ?? "";
      const available = channel.available === true;
      return {
        value,
        label: channel.label || value,
        available,
        disabled: !available || this.isSending,
        checked: available && value === this.selectedChannel,
        detail: available
          ? (channel.destination ?? "")
          : (channel.unavailableReason ?? ""),
        inputId: `channel-${index}`,
        detailId: `channel-detail-${index}`
      };
    });
  }

  /** Where proofing is unavailable: each channel the server named and why it cannot be used. */
  get channelReasons(): { value: string; text: string }[] {
    return this.channelViews
      .filter((channel) => !channel.available && channel.detail)
      .map((channel) => ({
        value: channel.value,
        text: `${channel.label}: ${channel.detail}`
      }));
  }

  get hasChannelReasons(): boolean {
    return this.channelReasons.length > 0;
  }

  get noAvailableChannel(): boolean {
    return !this.channels.some((channel) => channel.available === true);
  }

  get showClose(): boolean {
    return !this.hideClose;
  }

  get sendDisabled(): boolean {
    return (
      this.isSending ||
      !this.selectedDocumentType ||
      !this.isAvailableChannel(this.selectedChannel)
    );
  }

  get isScreenResult(): boolean {
    return this.sentChannel === CHANNEL_SCREEN;
  }
  get showLink(): boolean {
    return this.isScreenResult && this.captureUrl !== "";
  }
  get sentText(): string {
    return this.sentDestination
      ? format(sentTo, this.sentDestination)
      : sentNoDestination;
  }

  get hasLatest(): boolean {
    return this.latest?.verificationId !== undefined;
  }
  get latestStatusText(): string {
    return this.latest?.statusLabel || this.latest?.status || "";
  }
  get canCheck(): boolean {
    return this.hasLatest && this.latest?.isFinal !== true;
  }
  get canCancel(): boolean {
    return this.hasLatest && this.latest?.canCancel === true;
  }
  /** A queued check of the shown proofing, still without a final answer. */
  get showCheckQueued(): boolean {
    return (
      this.checkQueuedFor !== "" &&
      sameId(this.checkQueuedFor, this.latest?.verificationId) &&
      this.latest?.isFinal !== true
    );
  }
  /**
   * Desktop: the result event brings the answer (and, once the follow-up read still found no result, the note says
   * so instead of promising one). Otherwise the user looks again.
   */
  get checkQueuedText(): string {
    if (this.liveUpdatesOff) return checkQueuedRefresh;
    return this.checkFoundNoResult ? checkNoResultYet : checkQueuedLive;
  }
  get statusBusy(): boolean {
    return this.isChecking || this.isCancelling;
  }

  // ----- handlers --------------------------------------------------------------------------------------------------

  handleDocumentTypeChange(event: CustomEvent<{ value: string }>): void {
    this.selectedDocumentType = event.detail.value;
  }

  handleChannelChange(event: Event): void {
    const input = event.target as HTMLInputElement;
    if (input.checked) this.selectedChannel = input.value;
  }

  handleSend(): void {
    runDetached(this.send());
  }

  /** Drops the link from memory and from the page; it cannot be shown again (the server never kept it). */
  handleHideLink(): void {
    this.forgetLink();
    this.linkWasHidden = true;
    this.announcement = linkHidden;
    this.focusPending = true;
  }

  handleNewRequest(): void {
    this.forgetLink();
    this.errorMessage = "";
    this.enterPhase("form");
  }

  handleRetry(): void {
    this.loadedFor = undefined;
    this.startForRecord();
  }

  handleClose(): void {
    this.forgetLink();
    this.stopCheckFollowUp();
    this.dispatchEvent(new CloseActionScreenEvent());
  }

  async handleCheckNow(): Promise<void> {
    const verificationId = this.latest?.verificationId;
    if (!verificationId || this.statusBusy) return;
    this.isChecking = true;
    this.errorMessage = "";
    this.announcement = checkingText;
    try {
      // The server only queues the check (a result with images is too large for this request): the answer is the
      // status as it is now, and the result comes later (result event on desktop; Check now again elsewhere).
      const status = await checkProofingNow({ verificationId });
      this.applyStatus(status, true);
      if (status?.checkQueued === true && status.isFinal !== true) {
        this.checkQueuedFor = status.verificationId ?? "";
        this.checkFoundNoResult = false;
        this.announcement = this.checkQueuedText;
        // A new Check now starts the wait again.
        this.startCheckFollowUp();
      }
    } catch (error) {
      this.showError(error);
    } finally {
      this.isChecking = false;
    }
  }

  async handleCancelRequest(): Promise<void> {
    const verificationId = this.latest?.verificationId;
    if (!verificationId || this.statusBusy) return;
    this.isCancelling = true;
    this.errorMessage = "";
    this.announcement = cancellingText;
    try {
      const status = await cancelProofing({ verificationId });
      // A cancelled session's link is worthless: stop showing it.
      this.forgetLink();
      this.applyStatus(status, true);
    } catch (error) {
      this.showError(error);
    } finally {
      this.isCancelling = false;
    }
  }

  // ----- loading and sending ---------------------------------------------------------------------------------------

  private startForRecord(): void {
    const recordId = this.currentRecordId;
    if (!recordId || sameId(recordId, this.loadedFor)) return;
    this.loadedFor = recordId;
    this.checkQueuedFor = "";
    this.checkFoundNoResult = false;
    this.stopCheckFollowUp();
    this.forgetLink();
    runDetached(this.load(recordId));
    runDetached(this.listen());
  }

  private async load(recordId: string): Promise<void> {
    this.errorMessage = "";
    this.enterPhase("loading", loadingText, false);
    let options: ProofingOptions | null;
    try {
      options = await getProofingOptions({ recordId });
    } catch (error) {
      if (recordId !== this.currentRecordId) return;
      this.showError(error);
      this.enterPhase("failed", errorTitle);
      return;
    }
    if (recordId !== this.currentRecordId || !this.connected) return;
    this.applyOptions(options ?? {});
  }

  private applyOptions(options: ProofingOptions): void {
    this.subjectName = options.subjectName ?? "";
    this.documentTypes = options.documentTypes ?? [];
    this.channels = options.channels ?? [];
    this.selectedDocumentType = this.documentTypes[0]?.value ?? "";
    this.selectedChannel =
      this.channels.find((channel) => channel.available === true)?.value ?? "";
    this.applyStatus(options.latest ?? null, false);
    if (options.enabled !== true) {
      this.unavailableReason = options.unavailableReason || unavailableDefault;
      this.enterPhase("unavailable", this.unavailableReason, false);
      return;
    }
    this.unavailableReason = "";
    this.enterPhase("form", this.introText, false);
  }

  private isAvailableChannel(value: string): boolean {
    return this.channels.some(
      (channel) => channel.value === value && channel.available === true
    );
  }

  private async send(): Promise<void> {
    if (this.sendDisabled) return;
    const recordId = this.currentRecordId;
    const channel = this.selectedChannel;
    this.errorMessage = "";
    this.forgetLink();
    this.enterPhase("sending", sendingText);
    let response: ProofingStart | null;
    try {
      response = await startProofing({
        recordId: recordId ?? null,
        documentType: this.selectedDocumentType,
        channel
      });
    } catch (error) {
      this.showError(error);
      this.enterPhase("form", errorTitle);
      return;
    }
    if (!this.connected || recordId !== this.currentRecordId) return;
    this.showResult(response, channel);
  }

  private showResult(response: ProofingStart | null, channel: string): void {
    const sentChannel = response?.channel || channel;
    if (!response?.verificationId) {
      this.showError(undefined);
      this.enterPhase("form", errorTitle);
      return;
    }
    if (sentChannel === CHANNEL_SCREEN && !isHttpsUrl(response.captureUrl)) {
      this.errorMessage = unsafeLink;
      this.enterPhase("form", errorTitle);
      runDetached(this.refreshStatus());
      return;
    }
    this.sentChannel = sentChannel;
    this.sentDestination = response.destination ?? "";
    this.linkExpiresAt = response.expiresAt ?? "";
    this.captureUrl =
      sentChannel === CHANNEL_SCREEN ? (response.captureUrl ?? "") : "";
    this.linkWasHidden = false;
    this.latest = {
      verificationId: response.verificationId,
      status: response.status,
      statusLabel: response.status,
      expiresAt: response.expiresAt
    };
    this.enterPhase("sent", this.isScreenResult ? screenIntro : this.sentText);
    this.fireFlowChange("verificationId", response.verificationId);
    this.fireFlowChange("status", response.status);
    // The server's view of the new row (labels, dates, whether it may be cancelled).
    runDetached(this.refreshStatus());
  }

  // ----- status ----------------------------------------------------------------------------------------------------

  /** Applies a status the server returned; announces a change of status when asked to. */
  private applyStatus(status: ProofingStatus | null, announce: boolean): void {
    const previous = this.latest;
    if (!status?.verificationId) {
      if (!announce) this.latest = undefined;
      return;
    }
    this.latest = status;
    const changed =
      previous?.verificationId !== status.verificationId ||
      previous?.status !== status.status;
    if (changed) {
      if (previous?.verificationId !== status.verificationId) {
        this.fireFlowChange("verificationId", status.verificationId);
      }
      this.fireFlowChange("status", status.status);
    }
    if (announce && (changed || this.isChecking)) {
      this.announcement = format(statusAnnouncement, this.latestStatusText);
    }
    // A final status ends the session: the link no longer works, so it is not shown either; nothing is left to wait
    // for after Check now.
    if (status.isFinal === true) {
      this.forgetLink();
      this.stopCheckFollowUp();
    }
  }

  /**
   * One status read at a time; a cue that arrives meanwhile is answered by the read in flight. Resolves to true when
   * the status was read and applied.
   */
  private refreshStatus(): Promise<boolean> {
    this.refreshInFlight ??= this.readStatus().finally(() => {
      this.refreshInFlight = undefined;
    });
    return this.refreshInFlight;
  }

  private async readStatus(): Promise<boolean> {
    const recordId = this.currentRecordId;
    if (!recordId) return false;
    try {
      const status = await getProofingStatus({ recordId });
      if (!this.connected || recordId !== this.currentRecordId) return false;
      this.applyStatus(status, true);
      return true;
    } catch (error) {
      if (this.connected) this.showError(error);
      return false;
    }
  }

  // ----- after Check now --------------------------------------------------------------------------------------------

  private startCheckFollowUp(): void {
    this.stopCheckFollowUp();
    // One delayed status read (not polling): the result event may never come, and events carry no authority anyway.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.checkFollowUpTimer = setTimeout(() => {
      this.checkFollowUpTimer = undefined;
      runDetached(this.followUpCheck());
    }, CHECK_FOLLOW_UP_MS);
  }

  private stopCheckFollowUp(): void {
    if (this.checkFollowUpTimer !== undefined) {
      clearTimeout(this.checkFollowUpTimer);
    }
    this.checkFollowUpTimer = undefined;
  }

  /** Reads the status again; a final one shows as usual, a row still Pending changes the note to "no result yet". */
  private async followUpCheck(): Promise<void> {
    const read = await this.refreshStatus();
    // A Check now clicked meanwhile starts its own wait; a failed read already shows its error.
    if (!read || !this.connected || this.isChecking) return;
    if (!this.showCheckQueued || this.checkFoundNoResult) return;
    const before = this.checkQueuedText;
    this.checkFoundNoResult = true;
    // Desktop only: without live updates the note already asks the user to select Check now again.
    if (this.checkQueuedText !== before) {
      this.announcement = this.checkQueuedText;
    }
  }

  // ----- live updates ----------------------------------------------------------------------------------------------

  private async listen(): Promise<void> {
    if (this.listening) return;
    this.listening = true;
    // empApi is desktop-only: the mobile app and small screens use Check now.
    const enabled = await canReceiveResultEvents();
    if (!this.listening) return;
    if (!enabled) {
      this.liveUpdatesOff = true;
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
    } catch {
      this.liveUpdatesOff = true;
    }
  }

  private registerEmpErrorHandler(): void {
    if (this.errorHandlerRegistered) return;
    this.errorHandlerRegistered = true;
    // onError cannot be unregistered: the handler checks that this component still listens.
    onError(() => {
      if (!this.listening || !this.subscription) return;
      const subscription = this.subscription;
      this.subscription = undefined;
      runDetached(safeUnsubscribe(subscription));
      this.liveUpdatesOff = true;
      this.announcement = liveUnavailable;
    });
  }

  private handleResultEvent(message: EmpMessage<ResultEventPayload>): void {
    // Every subscriber sees every result event; only this record's matters, and only as a cue to re-read.
    const related = message?.data?.payload?.Related_Record_Id__c;
    if (!sameId(related, this.currentRecordId)) return;
    runDetached(this.refreshStatus());
  }

  private stopListening(): void {
    this.listening = false;
    const subscription = this.subscription;
    this.subscription = undefined;
    if (subscription) runDetached(safeUnsubscribe(subscription));
  }

  // ----- helpers ---------------------------------------------------------------------------------------------------

  private forgetLink(): void {
    this.captureUrl = "";
  }

  private showError(error: unknown): void {
    this.errorMessage = apexErrorMessage(error) ?? errorUnknown;
    if (this.phase !== "loading") this.focusPending = true;
  }

  /** Moves to a phase; `focus` false where nobody acted (loading on a record page must not steal the focus). */
  private enterPhase(
    next: ProofingPhase,
    announcement?: string,
    focus = true
  ): void {
    this.phase = next;
    if (announcement !== undefined) this.announcement = announcement;
    if (focus) this.focusPending = true;
  }

  private fireFlowChange(name: string, value: unknown): void {
    this.dispatchEvent(new FlowAttributeChangeEvent(name, value));
  }
}
