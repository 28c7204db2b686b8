import { LightningElement, api, wire } from "lwc";
import { refreshApex } from "@salesforce/apex";
import { onError, subscribe } from "lightning/empApi";
import type { EmpMessage, EmpSubscription } from "lightning/empApi";
import {
  NEW_EVENTS_ONLY,
  RESULT_CHANNEL,
  apexErrorMessage,
  canReceiveResultEvents,
  runDetached,
  safeUnsubscribe,
  sameId
} from "c/oneKosmosUtils";
import type { ApexError, ApexWireResult } from "@salesforce/apex";
import getVerificationsForRecord from "@salesforce/apex/OneKosmosVerificationController.getVerificationsForRecord";
import type { VerificationSummary } from "@salesforce/apex/OneKosmosVerificationController.getVerificationsForRecord";
import title from "@salesforce/label/c.OneKosmos_History_Title";
import loading from "@salesforce/label/c.OneKosmos_History_Loading";
import empty from "@salesforce/label/c.OneKosmos_History_Empty";
import errorPrefix from "@salesforce/label/c.OneKosmos_History_Error_Prefix";
import unknownError from "@salesforce/label/c.OneKosmos_History_Error_Unknown";
import refresh from "@salesforce/label/c.OneKosmos_History_Refresh";
import columnName from "@salesforce/label/c.OneKosmos_History_Column_Name";
import columnType from "@salesforce/label/c.OneKosmos_History_Column_Type";
import columnMethod from "@salesforce/label/c.OneKosmos_History_Column_Method";
import columnAction from "@salesforce/label/c.OneKosmos_History_Column_Action";
import columnStatus from "@salesforce/label/c.OneKosmos_History_Column_Status";
import columnAssurance from "@salesforce/label/c.OneKosmos_History_Column_Assurance";
import columnReason from "@salesforce/label/c.OneKosmos_History_Column_Reason";
import columnCreated from "@salesforce/label/c.OneKosmos_History_Column_Created";
import columnCompleted from "@salesforce/label/c.OneKosmos_History_Column_Completed";
import columnWho from "@salesforce/label/c.OneKosmos_History_Column_Who";
import columnPolicy from "@salesforce/label/c.OneKosmos_History_Column_Policy";
import columnEvidence from "@salesforce/label/c.OneKosmos_History_Column_Evidence";

interface ResultEventPayload {
  Related_Record_Id__c?: string;
}

/** SLDS badge per status API value; Pending, Consumed and anything new stay neutral. */
const BADGE_CLASS_BY_STATUS: Readonly<Record<string, string>> = {
  Verified: "slds-badge slds-theme_success",
  Failed: "slds-badge slds-theme_error",
  Cancelled: "slds-badge slds-theme_warning",
  Expired: "slds-badge slds-theme_warning"
};
const NEUTRAL_BADGE_CLASS = "slds-badge";

interface VerificationRow {
  key: string;
  name: string;
  type: string;
  method: string;
  actionName: string;
  status: string;
  badgeClass: string;
  assuranceLevel: string;
  reasonCode: string;
  createdDate?: string;
  completedAt?: string;
  subjectName: string;
  policy: string;
  /** The full evidence hash, and a short form that fits the table. */
  evidenceHash: string;
  evidenceShort: string;
}

/** 64 hex characters do not fit a table cell: show the first 12, the full hash stays in the title. */
const EVIDENCE_SHORT_LENGTH = 12;

function shortHash(hash: string): string {
  return hash.length > EVIDENCE_SHORT_LENGTH
    ? `${hash.slice(0, EVIDENCE_SHORT_LENGTH)}…`
    : hash;
}

function policyText(summary: VerificationSummary): string {
  if (!summary.policyName) return "";
  return summary.policyVersion == null
    ? summary.policyName
    : `${summary.policyName} v${summary.policyVersion}`;
}

function toRow(summary: VerificationSummary, index: number): VerificationRow {
  return {
    // Ids are unique; the index only keeps keys unique should Apex ever omit one.
    key: summary.id ?? `row-${index}`,
    name: summary.name ?? "",
    type: summary.type ?? "",
    method: summary.method ?? "",
    actionName: summary.actionName ?? "",
    status: summary.status ?? summary.statusValue ?? "",
    badgeClass:
      BADGE_CLASS_BY_STATUS[summary.statusValue ?? ""] ?? NEUTRAL_BADGE_CLASS,
    assuranceLevel: summary.assuranceLevel ?? "",
    reasonCode: summary.reasonCode ?? "",
    createdDate: summary.createdDate,
    completedAt: summary.completedAt,
    subjectName: summary.subjectName ?? "",
    policy: policyText(summary),
    evidenceHash: summary.evidenceHash ?? "",
    evidenceShort: shortHash(summary.evidenceHash ?? "")
  };
}

/**
 * The running user's 1Kosmos verifications for the record on the page (sharing limits the rows to
 * the user's own), newest first as Apex returns them.
 */
export default class OneKosmosVerificationHistory extends LightningElement {
  @api recordId?: string;

  @wire(getVerificationsForRecord, { recordId: "$recordId" })
  wiredVerifications?: ApexWireResult<VerificationSummary[] | null>;

  isRefreshing = false;
  refreshError?: ApexError;

  private subscription?: EmpSubscription;
  private connected = false;
  private refreshQueued = false;

  readonly labels = {
    title,
    loading,
    empty,
    errorPrefix,
    refresh,
    columnName,
    columnType,
    columnMethod,
    columnAction,
    columnStatus,
    columnAssurance,
    columnReason,
    columnCreated,
    columnCompleted,
    columnWho,
    columnPolicy,
    columnEvidence
  };

  /** Without a record the wire never runs, so there is nothing to wait for. */
  get isLoading(): boolean {
    if (this.isRefreshing) return true;
    if (!this.recordId) return false;
    const wired = this.wiredVerifications;
    return !wired || (wired.data === undefined && !wired.error);
  }

  get ariaBusy(): string {
    return String(this.isLoading);
  }

  get errorMessage(): string | undefined {
    const error = this.wiredVerifications?.error ?? this.refreshError;
    if (!error) return undefined;
    return apexErrorMessage(error) ?? unknownError;
  }

  get rows(): VerificationRow[] {
    if (this.wiredVerifications?.error) return [];
    return (this.wiredVerifications?.data ?? []).map(toRow);
  }

  get hasRows(): boolean {
    return this.rows.length > 0;
  }

  get isEmpty(): boolean {
    return !this.isLoading && !this.errorMessage && !this.hasRows;
  }

  get isRefreshDisabled(): boolean {
    return this.isRefreshing || !this.recordId;
  }

  override connectedCallback(): void {
    this.connected = true;
    runDetached(this.subscribeToResults());
  }

  override disconnectedCallback(): void {
    this.connected = false;
    this.dropSubscription();
  }

  /**
   * Live refresh where empApi works (desktop Lightning, enabled in the org). Elsewhere (mobile, Experience
   * Cloud, LWR) or on any error the list simply stays as loaded: the Refresh button still works.
   */
  private async subscribeToResults(): Promise<void> {
    if (!this.recordId) return;
    try {
      if (!(await canReceiveResultEvents())) return;
      if (!this.connected) return;
      onError(() => this.dropSubscription());
      const subscription = await subscribe<ResultEventPayload>(
        RESULT_CHANNEL,
        NEW_EVENTS_ONLY,
        (message) => this.handleResultEvent(message)
      );
      if (this.connected) this.subscription = subscription;
      else runDetached(safeUnsubscribe(subscription));
    } catch {
      // Silent by design: live updates are a convenience, not a requirement.
    }
  }

  private dropSubscription(): void {
    const subscription = this.subscription;
    this.subscription = undefined;
    if (subscription) runDetached(safeUnsubscribe(subscription));
  }

  /** Every subscriber sees every result event; the event only prompts a re-read of this record's list. */
  private handleResultEvent(message: EmpMessage<ResultEventPayload>): void {
    const relatedRecordId = message?.data?.payload?.Related_Record_Id__c;
    if (!sameId(relatedRecordId, this.recordId)) return;
    runDetached(this.refreshForEvent());
  }

  /** An event during a refresh may describe a row that refresh missed, so it refreshes once more afterwards. */
  private async refreshForEvent(): Promise<void> {
    if (this.isRefreshing) {
      this.refreshQueued = true;
      return;
    }
    await this.handleRefresh();
  }

  async handleRefresh(): Promise<void> {
    const wired = this.wiredVerifications;
    if (!wired || this.isRefreshDisabled) return;
    this.isRefreshing = true;
    this.refreshError = undefined;
    try {
      await refreshApex(wired);
    } catch (error) {
      // A failed refresh rejects with the same fetch error shape as the wire.
      this.refreshError = error as ApexError;
    } finally {
      this.isRefreshing = false;
    }
    if (this.refreshQueued && this.connected) {
      this.refreshQueued = false;
      await this.handleRefresh();
    }
  }
}
