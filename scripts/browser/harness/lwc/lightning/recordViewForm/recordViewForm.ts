/**
 * Stand-in for lightning-record-view-form: tells the lightning-output-field stand-ins inside it which record they
 * show (they ask with a bubbling event when they connect, as the real fields register with their form). The record's
 * fields come from the harness's record store (fakes/uiRecordApi: `harness.records.set`).
 */
import { LightningElement, api } from "lwc";
import {
  REGISTER_FIELD,
  type FieldRegistration
} from "../outputField/registration";

export default class RecordViewForm extends LightningElement {
  @api recordId?: string;
  @api objectApiName?: string;
  @api density?: string;

  constructor() {
    super();
    this.addEventListener(REGISTER_FIELD, (event) => {
      event.stopPropagation();
      (event as CustomEvent<FieldRegistration>).detail.connect(
        () => this.recordId
      );
    });
  }
}
