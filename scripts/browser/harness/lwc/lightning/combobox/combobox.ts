/**
 * Stand-in for lightning-combobox: a native SLDS select with its label. The real combobox is an ARIA listbox; a native
 * select is operated the same way from the keyboard (Tab to it, arrows choose) and needs no popup positioning. Fires
 * `change` with detail { value } when the user picks an option, as the real component does.
 */
import { api } from "lwc";
import FormField from "../../formField";

interface Option {
  label: string;
  value: string;
}

export default class Combobox extends FormField {
  @api options: Option[] = [];

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

  protected override get native(): HTMLSelectElement | null {
    return this.template?.querySelector("select") ?? null;
  }

  handleChange(event: Event): void {
    event.stopPropagation();
    this.current = (event.target as HTMLSelectElement).value || null;
    if (this.errorMessage) this.reportValidity();
    this.fireChange({ value: this.current });
  }
}
