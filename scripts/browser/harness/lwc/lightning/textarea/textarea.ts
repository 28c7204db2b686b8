/**
 * Stand-in for lightning-textarea: a native SLDS textarea with its label; fires `change` (detail { value }) on every
 * edit like the real component, and reportValidity() shows "Complete this field." under a missing required value.
 */
import { api } from "lwc";
import FormField from "../../formField";

export default class Textarea extends FormField {
  @api maxLength?: number;
  @api readOnly = false;

  get textValue(): string {
    return this.current ?? "";
  }

  protected override get native(): HTMLTextAreaElement | null {
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
    this.fireChange({ value: this.current });
  }
}
