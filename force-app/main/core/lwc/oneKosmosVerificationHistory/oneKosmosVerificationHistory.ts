import { LightningElement, api, wire } from "lwc";
import { refreshApex } from "@salesforce/apex";
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
}

/** The readable message of an Apex or fetch error, or undefined when it carries none. */
function errorMessageOf(error: ApexError | undefined): string | undefined {
  const body = error?.body;
  if (Array.isArray(body)) {
    const messages = body.map((entry) => entry.message).filter(Boolean);
    if (messages.length > 0) return messages.join(", ");
  } else if (body?.message) {
    return body.message;
  }
  return error?.statusText || undefined;
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
    completedAt: summary.completedAt
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
    columnCompleted
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
    return errorMessageOf(error) ?? unknownError;
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
  }
}
