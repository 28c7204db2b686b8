/**
 * Stand-in for lightning-combobox: a native SLDS select with its label. The real combobox is an ARIA listbox; a native
 * select is operated the same way from the keyboard (Tab to it, arrows choose) and needs no popup positioning. Fires
 * `change` with detail { value } when the user picks an option, as the real component does.
 */
import { LightningElement, api } from "lwc";

interface Option {
  label: string;
  value: string;
}

export default class Combobox extends LightningElement {
  @api label?: string;
  @api name?: string;
  @api placeholder?: string;
  @api disabled = false;
  @api required = false;
  @api fieldLevelHelp?: string;
  @api variant?: string;
  @api options: Option[] = [];

  errorMessage = "";
  private current: string | null = null;

  @api
  get value(): string | null {
    return this.current;
  }
  set value(value: string | null) {
    this.current = value ?? null;
  }

  get placeholderText(): string {
    return this.placeholder ?? "Select an Option";
  }

  /** Without a value the select shows the placeholder, as the real combobox does. */
  get showPlaceholder(): boolean {
    return !this.optionViews.some((option) => option.selected);
  }

  get optionViews(): (Option & { selected: boolean })[] {
    return (this.options ?? []).map((option) => ({
      label: option.label,
      value: option.value,
      selected: option.value === this.current
    }));
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

  private get native(): HTMLSelectElement | null {
    return this.template?.querySelector("select") ?? null;
  }

  handleChange(event: Event): void {
    event.stopPropagation();
    this.current = (event.target as HTMLSelectElement).value || null;
    if (this.errorMessage) this.reportValidity();
    this.dispatchEvent(
      new CustomEvent("change", {
        bubbles: true,
        composed: true,
        detail: { value: this.current }
      })
    );
  }

  @api checkValidity(): boolean {
    return this.native?.checkValidity() ?? true;
  }

  @api reportValidity(): boolean {
    const valid = this.checkValidity();
    this.errorMessage = valid ? "" : "Complete this field.";
    return valid;
  }

  @api focus(): void {
    this.native?.focus();
  }
}
