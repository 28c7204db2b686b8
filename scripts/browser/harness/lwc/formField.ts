/**
 * What the form-field stand-ins (lightning-input, -textarea, -combobox) share: their common public properties, the
 * value, the SLDS error state of the template and the `change` event the real components fire. Each stand-in keeps its
 * own template, native element and validation message.
 */
import { LightningElement, api } from "lwc";

export type NativeField =
  HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

export default class FormField extends LightningElement {
  @api label?: string;
  @api name?: string;
  @api placeholder?: string;
  @api disabled = false;
  @api required = false;
  @api fieldLevelHelp?: string;
  @api variant?: string;

  errorMessage = "";
  protected current: string | null = null;

  @api
  get value(): string | null {
    return this.current;
  }
  set value(value: string | null) {
    this.current = value ?? null;
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

  /** The native control the stand-in renders (input, textarea or select). */
  protected get native(): NativeField | null {
    return null;
  }

  /** The host's `change`, as the real component fires it on every edit. */
  protected fireChange(
    detail: { value: string | null } | { checked: boolean }
  ): void {
    this.dispatchEvent(
      new CustomEvent("change", { bubbles: true, composed: true, detail })
    );
  }

  /** The native change stays inside: the host's change is fireChange's, as the real component fires. */
  handleNativeChange(event: Event): void {
    event.stopPropagation();
  }

  @api checkValidity(): boolean {
    return this.native?.checkValidity() ?? true;
  }

  /** "Complete this field." under a missing required value, else the browser's own message. */
  @api reportValidity(): boolean {
    const native = this.native;
    const valid = native?.checkValidity() ?? true;
    this.errorMessage =
      valid || !native
        ? ""
        : native.validity.valueMissing
          ? "Complete this field."
          : native.validationMessage;
    return valid;
  }

  @api setCustomValidity(message: string): void {
    this.native?.setCustomValidity(message);
  }

  @api focus(): void {
    this.native?.focus();
  }
}
