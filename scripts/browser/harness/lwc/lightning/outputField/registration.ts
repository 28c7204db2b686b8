/** How a lightning-output-field stand-in finds the record of the lightning-record-view-form stand-in around it. */
export const REGISTER_FIELD = "harness__registerfield";

export interface FieldRegistration {
  /** The form calls this with a way to read its current record id. */
  connect(recordId: () => string | undefined): void;
}
