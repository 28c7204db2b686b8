/**
 * Stand-in for lightning-input: a native SLDS input (or checkbox) with its label, so typing, Tab order and the
 * browser's own validation are real. Like the real component it fires `change` (detail { value } or { checked }) on
 * every edit, and reportValidity() shows "Complete this field." under a missing required value.
 */
import { api } from "lwc";
import FormField from "../../formField";

/** lightning-input types the harness renders as a native input of that type; the rest are text. */
const NATIVE_TYPES: ReadonlySet<string> = new Set([
  "number",
  "date",
  "email",
  "tel",
  "url",
  "password",
  "search",
  "time"
]);

/** "2026-11-28T14:35:00.000Z" → "2026-11-28T14:35" (the page runs in UTC), as a datetime-local input wants it. */
function toLocalDateTime(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? "" : date.toISOString().slice(0, 16);
}

export default class Input extends FormField {
  @api type = "text";
  @api formatter?: string;
  @api step?: string;
  @api min?: string;
  @api max?: string;
  @api maxLength?: number;
  @api readOnly = false;

  private currentChecked = false;

  @api
  get checked(): boolean {
    return this.currentChecked;
  }
  set checked(value: boolean) {
    this.currentChecked = Boolean(value);
  }

  get isCheckbox(): boolean {
    return this.type === "checkbox" || this.type === "toggle";
  }

  get nativeType(): string {
    if (this.type === "datetime") return "datetime-local";
    return NATIVE_TYPES.has(this.type) ? this.type : "text";
  }

  get inputValue(): string {
    if (this.current === null) return "";
    return this.type === "datetime"
      ? toLocalDateTime(this.current)
      : this.current;
  }

  get checkedValue(): boolean {
    return this.currentChecked;
  }

  protected override get native(): HTMLInputElement | null {
    return this.template?.querySelector("input") ?? null;
  }

  handleInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    const raw = input.value;
    this.current =
      this.type === "datetime" && raw ? new Date(`${raw}Z`).toISOString() : raw;
    if (this.errorMessage) this.reportValidity();
    this.fireChange({ value: this.current });
  }

  handleCheckboxChange(event: Event): void {
    event.stopPropagation();
    this.currentChecked = (event.target as HTMLInputElement).checked;
    this.fireChange({ checked: this.currentChecked });
  }

  @api showHelpMessageIfInvalid(): void {
    this.reportValidity();
  }

  @api blur(): void {
    this.native?.blur();
  }
}
