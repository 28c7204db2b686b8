/**
 * Stand-in for lightning-textarea: a native SLDS textarea with its label; fires `change` (detail { value }) on every
 * edit like the real component, and reportValidity() shows "Complete this field." under a missing required value.
 */
import { LightningElement, api } from "lwc";

export default class Textarea extends LightningElement {
  @api label?: string;
  @api name?: string;
  @api placeholder?: string;
  @api maxLength?: number;
  @api readOnly = false;
  @api disabled = false;
  @api required = false;
  @api fieldLevelHelp?: string;
  @api variant?: string;

  errorMessage = "";
  private current: string | null = null;

  @api
  get value(): string | null {
    return this.current;
  }
  set value(value: string | null) {
    this.current = value ?? null;
  }

  get textValue(): string {
    return this.current ?? "";
  }

  get formElementClass(): string {
    return this.errorMessage
      ? "slds-form-element slds-has-error"
      : "slds-form-element";
  }

  get invalidState(): string | undefined {
    return this.errorMessage ? "true" : undefined;
  }

  get describedBy(): string | undefined {
    return this.errorMessage ? "help" : undefined;
  }

  private get native(): HTMLTextAreaElement | null {
    return this.template?.querySelector("textarea") ?? null;
  }

  /** The template cannot bind a textarea's value property: set it here, as the user's typing already did. */
  override renderedCallback(): void {
    const textarea = this.native;
    if (textarea && textarea.value !== this.textValue) {
      textarea.value = this.textValue;
    }
  }

  handleInput(event: Event): void {
    this.current = (event.target as HTMLTextAreaElement).value;
    if (this.errorMessage) this.reportValidity();
    this.dispatchEvent(
      new CustomEvent("change", {
        bubbles: true,
        composed: true,
        detail: { value: this.current }
      })
    );
  }

  handleNativeChange(event: Event): void {
    event.stopPropagation();
  }

  @api checkValidity(): boolean {
    return this.native?.checkValidity() ?? true;
  }

  @api reportValidity(): boolean {
    const textarea = this.native;
    const valid = textarea?.checkValidity() ?? true;
    this.errorMessage =
      valid || !textarea
        ? ""
        : textarea.validity.valueMissing
          ? "Complete this field."
          : textarea.validationMessage;
    return valid;
  }

  @api setCustomValidity(message: string): void {
    this.native?.setCustomValidity(message);
  }

  @api focus(): void {
    this.native?.focus();
  }
}
