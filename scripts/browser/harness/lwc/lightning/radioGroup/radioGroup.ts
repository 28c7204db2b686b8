/**
 * Stand-in for lightning-radio-group: the SLDS radio group blueprint (fieldset, legend, native radios), so Tab reaches
 * the group and the arrow keys choose, as in the real component. Fires `change` with detail { value } when the user
 * picks an option.
 */
import { api } from "lwc";
import FormField from "../../formField";

interface Option {
  label: string;
  value: string;
}

export default class RadioGroup extends FormField {
  @api options: Option[] = [];

  get optionViews(): (Option & { checked: boolean; id: string })[] {
    return (this.options ?? []).map((option, index) => ({
      label: option.label,
      value: option.value,
      checked: option.value === this.current,
      id: `radio-${index}`
    }));
  }

  protected override get native(): HTMLInputElement | null {
    return this.template?.querySelector("input") ?? null;
  }

  handleChange(event: Event): void {
    event.stopPropagation();
    const input = event.target as HTMLInputElement;
    if (!input.checked) return;
    this.current = input.value;
    this.fireChange({ value: this.current });
  }
}
