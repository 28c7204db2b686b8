import { LightningElement, api } from "lwc";
import { ShowToastEvent } from "lightning/platformShowToastEvent";
import { notifyRecordUpdateAvailable } from "lightning/uiRecordApi";
import { CloseActionScreenEvent } from "lightning/actions";
import { apexErrorMessage, runDetached } from "c/oneKosmosUtils";
import type { StepUpEventDetail } from "c/oneKosmosStepUp";
import getApprovalForm from "@salesforce/apex/OneKosmosApproveAndSaveController.getApprovalForm";
import type {
  ApprovalForm,
  FormField
} from "@salesforce/apex/OneKosmosApproveAndSaveController.getApprovalForm";
import prepareApproval from "@salesforce/apex/OneKosmosApproveAndSaveController.prepareApproval";
import type { Preparation } from "@salesforce/apex/OneKosmosApproveAndSaveController.prepareApproval";
import saveApprovedChange from "@salesforce/apex/OneKosmosApproveAndSaveController.saveApprovedChange";
import type { SaveOutcome } from "@salesforce/apex/OneKosmosApproveAndSaveController.saveApprovedChange";
import title from "@salesforce/label/c.OneKosmos_Approve_Title";
import loadingText from "@salesforce/label/c.OneKosmos_Approve_Loading";
import intro from "@salesforce/label/c.OneKosmos_Approve_Intro";
import chooseAction from "@salesforce/label/c.OneKosmos_Approve_Choose_Action";
import chooseActionPlaceholder from "@salesforce/label/c.OneKosmos_Approve_Choose_Action_Placeholder";
import submit from "@salesforce/label/c.OneKosmos_Approve_Button_Submit";
import cancel from "@salesforce/label/c.OneKosmos_Approve_Button_Cancel";
// The step-up shows its own Cancel (of the verification): this one closes the action, and says so.
import close from "@salesforce/label/c.OneKosmos_Approve_Close";
import back from "@salesforce/label/c.OneKosmos_Approve_Button_Back";
import checkingText from "@salesforce/label/c.OneKosmos_Approve_Checking";
import stepUpNeeded from "@salesforce/label/c.OneKosmos_Approve_Step_Up_Needed";
import savingText from "@salesforce/label/c.OneKosmos_Approve_Saving";
import savedText from "@salesforce/label/c.OneKosmos_Approve_Saved";
import savedTitle from "@salesforce/label/c.OneKosmos_Approve_Saved_Title";
import notSaved from "@salesforce/label/c.OneKosmos_Approve_Not_Saved";
import errorUnknown from "@salesforce/label/c.OneKosmos_Approve_Error_Unknown";
import noEditable from "@salesforce/label/c.OneKosmos_Approve_No_Editable";

export type ApprovePhase =
  | "loading"
  | "unavailable"
  | "choose"
  | "form"
  | "checking"
  | "stepUp"
  | "saving";

type FieldValue = string | boolean | null;

/** One field of the form, ready for the template. */
interface FieldView {
  apiName: string;
  label: string;
  helpText?: string;
  editable: boolean;
  readOnly: boolean;
  required: boolean;
  isCheckbox: boolean;
  isPicklist: boolean;
  isTextarea: boolean;
  isInput: boolean;
  inputType: string;
  formatter?: string;
  step?: string;
  maxLength?: number;
  options: { label: string; value: string }[];
  value: string | null;
  checked: boolean;
}

/** Reasons the server records when 1Kosmos itself was unreachable: a fail-open policy may then let the save pass. */
const UNREACHABLE_REASONS: ReadonlySet<string> = new Set([
  "timeout",
  "server_error"
]);

/** lightning-input types and number formatters for the server's field types. */
const INPUT_TYPES: Readonly<Record<string, string>> = {
  currency: "number",
  number: "number",
  percent: "number",
  integer: "number",
  date: "date",
  datetime: "datetime",
  email: "email",
  tel: "tel",
  url: "url"
};
const FORMATTERS: Readonly<Record<string, string>> = {
  currency: "currency",
  percent: "percent-fixed"
};

const ANNOUNCEMENTS: Readonly<Partial<Record<ApprovePhase, string>>> = {
  loading: loadingText,
  checking: checkingText,
  saving: savingText
};

function stepOf(field: FormField): string | undefined {
  if (field.type === "integer") return "1";
  const scale = field.scale ?? 0;
  return scale > 0 ? (1 / 10 ** scale).toFixed(scale) : undefined;
}

function toView(field: FormField, value: FieldValue): FieldView {
  const type = field.type ?? "text";
  const editable = field.editable === true;
  const isCheckbox = type === "checkbox";
  const isPicklist = type === "picklist";
  const isTextarea = type === "textarea";
  const options = (field.options ?? []).map((option) => ({
    label: option.label ?? option.value ?? "",
    value: option.value ?? ""
  }));
  const text = typeof value === "string" ? value : null;
  return {
    apiName: field.apiName ?? "",
    label: field.label ?? field.apiName ?? "",
    helpText: field.helpText || undefined,
    editable,
    readOnly: !editable,
    required: editable && field.required === true,
    isCheckbox,
    isPicklist: isPicklist && editable,
    isTextarea,
    isInput: !isCheckbox && !isTextarea && !(isPicklist && editable),
    inputType: INPUT_TYPES[type] ?? "text",
    formatter: FORMATTERS[type],
    step: stepOf(field),
    maxLength: field.maxLength ?? undefined,
    options,
    // A read-only picklist is shown as text: its label, as the record page shows it, not the API value.
    value:
      isPicklist && !editable
        ? (options.find((option) => option.value === text)?.label ?? text)
        : text,
    checked: value === true
  };
}

function initialValue(field: FormField): FieldValue {
  if (field.type === "checkbox") return field.value === "true";
  return field.value ?? null;
}

/**
 * Verify and Save: the user enters the new values of the fields a step-up policy guards; Apex says whether the change
 * needs a LiveID step-up and returns the exact values to bind it to; the step-up component verifies the user; then
 * Apex saves the change in user mode, and the step-up gate on the object checks and spends the verification in that
 * save. Works as a screen quick action (no properties: the object's only action, or a choice) and on a record page.
 */
export default class OneKosmosApproveAndSave extends LightningElement {
  /** Record page property; a quick action cannot pass one, so the server picks or the user chooses. */
  @api actionName?: string;

  phase: ApprovePhase = "loading";
  announcement = loadingText;
  errors: string[] = [];
  errorHeading = "";
  reasonText = "";
  actionOptions: { label: string; value: string }[] = [];
  chosenAction?: string;
  fields: FieldView[] = [];
  guardedValuesJson = "";

  private recordIdValue?: string;
  private formFields: FormField[] = [];
  private initialValues: Record<string, FieldValue> = {};
  private values: Record<string, FieldValue> = {};
  private proposedValuesJson = "";
  private loadedFor?: string;
  private focusPending = false;

  readonly labels = {
    title,
    intro,
    chooseAction,
    chooseActionPlaceholder,
    submit,
    cancel,
    close,
    back,
    noEditable
  };

  /** Set by the record page or the quick action (sometimes only after connecting). */
  @api
  get recordId(): string | undefined {
    return this.recordIdValue;
  }
  set recordId(value: string | undefined) {
    this.recordIdValue = value;
    if (this.isConnected) this.loadOnce();
  }

  get isLoading(): boolean {
    return this.phase === "loading";
  }
  get isUnavailable(): boolean {
    return this.phase === "unavailable";
  }
  get isChoosing(): boolean {
    return this.phase === "choose";
  }
  get showForm(): boolean {
    return (
      this.phase === "form" ||
      this.phase === "checking" ||
      this.phase === "saving"
    );
  }
  get isStepUp(): boolean {
    return this.phase === "stepUp";
  }
  get isBusy(): boolean {
    return this.phase === "checking" || this.phase === "saving";
  }
  get busyText(): string {
    return this.phase === "saving" ? savingText : checkingText;
  }
  get loadingText(): string {
    return loadingText;
  }
  get errorItems(): { key: string; text: string }[] {
    return this.errors.map((text, index) => ({ key: `error-${index}`, text }));
  }
  get hasErrors(): boolean {
    return this.errors.length > 0;
  }
  get hasNoEditableField(): boolean {
    return this.fields.length > 0 && !this.fields.some((f) => f.editable);
  }
  get submitDisabled(): boolean {
    return this.isBusy || this.hasNoEditableField;
  }
  get autoStart(): boolean {
    return true;
  }

  override connectedCallback(): void {
    this.loadOnce();
  }

  override renderedCallback(): void {
    if (!this.focusPending) return;
    this.focusPending = false;
    this.template?.querySelector<HTMLElement>("[data-focus]")?.focus();
  }

  handleActionChange(event: CustomEvent<{ value?: string }>): void {
    const action = event.detail?.value;
    if (action) runDetached(this.load(action));
  }

  handleFieldChange(
    event: CustomEvent<{ value?: unknown; checked?: boolean }>
  ): void {
    const target = event.currentTarget as HTMLElement | null;
    const apiName = target?.dataset.field;
    const field = this.fields.find(
      (candidate) => candidate.apiName === apiName
    );
    if (!field?.editable) return;
    const detail = event.detail ?? {};
    const value = field.isCheckbox
      ? detail.checked === true
      : typeof detail.value === "string" && detail.value !== ""
        ? detail.value
        : null;
    this.values[field.apiName] = value;
    // The form is rendered again after the step-up (Change the values, or a refused save): it shows what was entered.
    this.fields = this.fields.map((view) => {
      if (view.apiName !== field.apiName) return view;
      return {
        ...view,
        value: typeof value === "string" ? value : null,
        checked: value === true
      };
    });
  }

  handleSubmit(): void {
    if (this.isBusy || !this.allValid()) return;
    runDetached(this.prepare());
  }

  handleVerified(event: CustomEvent<StepUpEventDetail>): void {
    if (!this.isStepUp) return;
    runDetached(this.save(event.detail?.verificationId ?? null));
  }

  handleStatusChange(event: CustomEvent<StepUpEventDetail>): void {
    const detail = event.detail;
    // 1Kosmos could not be reached (the server checked): a fail-open policy lets this one save through, and the
    // gate decides; for any other policy the save is refused with the gate's message.
    if (
      this.isStepUp &&
      detail?.status === "Failed" &&
      UNREACHABLE_REASONS.has(detail.reasonCode ?? "")
    ) {
      runDetached(this.save(null));
    }
  }

  handleBack(): void {
    this.abandonStepUp();
    this.errors = [];
    this.enterPhase("form");
  }

  handleCancel(): void {
    this.abandonStepUp();
    this.values = { ...this.initialValues };
    this.errors = [];
    this.fields = this.formFields.map((field) =>
      toView(field, this.values[field.apiName ?? ""] ?? null)
    );
    this.dispatchEvent(new CloseActionScreenEvent());
    if (this.phase !== "loading" && this.phase !== "unavailable") {
      this.enterPhase(this.chosenAction ? "form" : "choose");
    }
  }

  /** Leaving the step-up: a verification still waited for is cancelled, not left Pending with its window open. */
  private abandonStepUp(): void {
    const stepUp = this.template?.querySelector<
      HTMLElement & { abandon?: () => void }
    >("c-one-kosmos-step-up");
    stepUp?.abandon?.();
  }

  private loadOnce(): void {
    const key = `${this.recordIdValue ?? ""}|${this.actionName ?? ""}`;
    if (!this.recordIdValue || this.loadedFor === key) return;
    this.loadedFor = key;
    runDetached(this.load(this.actionName));
  }

  private async load(action?: string): Promise<void> {
    this.errors = [];
    this.enterPhase("loading");
    let form: ApprovalForm | null;
    try {
      form = await getApprovalForm({
        recordId: this.recordIdValue ?? null,
        actionName: action || null
      });
    } catch (error) {
      this.showErrors([apexErrorMessage(error) ?? errorUnknown], "");
      this.enterPhase("unavailable");
      return;
    }
    this.applyForm(form);
  }

  private applyForm(form: ApprovalForm | null): void {
    this.actionOptions = (form?.actionNames ?? []).map((name) => ({
      label: name,
      value: name
    }));
    this.chosenAction = form?.actionName ?? undefined;
    if (!this.chosenAction) {
      this.fields = [];
      this.enterPhase(this.actionOptions.length > 0 ? "choose" : "unavailable");
      if (this.actionOptions.length === 0) this.showErrors([errorUnknown], "");
      return;
    }
    this.formFields = form?.fields ?? [];
    this.initialValues = {};
    for (const field of this.formFields) {
      this.initialValues[field.apiName ?? ""] = initialValue(field);
    }
    this.values = { ...this.initialValues };
    this.fields = this.formFields.map((field) =>
      toView(field, this.values[field.apiName ?? ""] ?? null)
    );
    this.enterPhase("form");
  }

  private allValid(): boolean {
    const inputs =
      this.template?.querySelectorAll<HTMLElement>("[data-field]") ?? [];
    let valid = true;
    for (const input of Array.from(inputs)) {
      const check = (input as unknown as { reportValidity?: () => boolean })
        .reportValidity;
      if (typeof check === "function" && check.call(input) === false) {
        valid = false;
      }
    }
    return valid;
  }

  /** Only the values the user changed, as plain JSON values. */
  private proposal(): string {
    const changed: Record<string, FieldValue> = {};
    for (const field of this.fields) {
      const value = this.values[field.apiName] ?? null;
      if (
        field.editable &&
        value !== (this.initialValues[field.apiName] ?? null)
      ) {
        changed[field.apiName] = value;
      }
    }
    return JSON.stringify(changed);
  }

  private async prepare(): Promise<void> {
    this.errors = [];
    this.proposedValuesJson = this.proposal();
    this.enterPhase("checking");
    let preparation: Preparation | null;
    try {
      preparation = await prepareApproval({
        recordId: this.recordIdValue ?? null,
        actionName: this.chosenAction ?? null,
        proposedValuesJson: this.proposedValuesJson
      });
    } catch (error) {
      this.showErrors([apexErrorMessage(error) ?? errorUnknown], notSaved);
      this.enterPhase("form");
      return;
    }
    if (preparation?.stepUpRequired) {
      // Passed on unchanged: the gate computes the binding from exactly these values when the record is saved.
      this.guardedValuesJson = preparation.guardedValuesJson ?? "";
      this.reasonText = stepUpNeeded.replace("{0}", preparation.reason ?? "");
      this.enterPhase("stepUp", this.reasonText);
      return;
    }
    await this.save(null);
  }

  private async save(verificationId: string | null): Promise<void> {
    this.errors = [];
    this.enterPhase("saving");
    let outcome: SaveOutcome | null;
    try {
      outcome = await saveApprovedChange({
        recordId: this.recordIdValue ?? null,
        actionName: this.chosenAction ?? null,
        proposedValuesJson: this.proposedValuesJson,
        verificationId
      });
    } catch (error) {
      this.showErrors([apexErrorMessage(error) ?? errorUnknown], notSaved);
      this.enterPhase("form");
      return;
    }
    if (!outcome?.saved) {
      const errors = outcome?.errors ?? [];
      this.showErrors(errors.length > 0 ? errors : [errorUnknown], notSaved);
      this.enterPhase("form");
      return;
    }
    await this.afterSave();
  }

  private async afterSave(): Promise<void> {
    this.dispatchEvent(
      new ShowToastEvent({
        title: savedTitle,
        message: savedText,
        variant: "success"
      })
    );
    try {
      await notifyRecordUpdateAvailable([
        { recordId: this.recordIdValue ?? "" }
      ]);
    } catch {
      // The record page refreshes on its next load; the save itself succeeded.
    }
    this.dispatchEvent(new CloseActionScreenEvent());
    // On a record page the component stays: show the saved values.
    await this.load(this.chosenAction);
    this.announcement = savedText;
  }

  private showErrors(errors: string[], heading: string): void {
    this.errors = errors;
    this.errorHeading = heading;
  }

  private enterPhase(next: ApprovePhase, announcement?: string): void {
    this.phase = next;
    this.announcement = announcement ?? ANNOUNCEMENTS[next] ?? "";
    // While Apex checks, focus stays on the button the user pressed.
    this.focusPending = next !== "checking";
  }
}
