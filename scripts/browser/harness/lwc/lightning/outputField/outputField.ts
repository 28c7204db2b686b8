/**
 * Stand-in for lightning-output-field: the field's label and display value from the harness's record store, for the
 * record of the lightning-record-view-form around it. A field the store does not have for the user (not readable) shows
 * nothing. After notifyRecordUpdateAvailable it reads the store again, as Lightning Data Service would.
 */
import { LightningElement, api } from "lwc";
import type { FakeRecordField } from "../../../controls";
import { onRecordUpdate, readField } from "../../../fakes/uiRecordApi";
import { REGISTER_FIELD, type FieldRegistration } from "./registration";

export default class OutputField extends LightningElement {
  @api fieldName?: string;
  @api variant?: string;

  /** Bumped when the store may have changed, so the template reads the field again. */
  private version = 0;
  private recordIdOf: () => string | undefined = () => undefined;
  private stopListening?: () => void;

  override connectedCallback(): void {
    const registration: FieldRegistration = {
      connect: (recordId) => {
        this.recordIdOf = recordId;
        this.version += 1;
      }
    };
    this.dispatchEvent(
      new CustomEvent(REGISTER_FIELD, { bubbles: true, detail: registration })
    );
    this.stopListening = onRecordUpdate(() => {
      this.version += 1;
    });
  }

  override disconnectedCallback(): void {
    this.stopListening?.();
  }

  get field(): FakeRecordField | undefined {
    // Reading version makes the template depend on it: a bump renders the field again.
    if (this.version < 0) return undefined;
    return readField(this.recordIdOf(), this.fieldName);
  }
}
