/** Stand-in for lightning-spinner: the SLDS spinner with its alternative text for screen readers. */
import { LightningElement, api } from "lwc";

export default class Spinner extends LightningElement {
  @api alternativeText?: string;
  @api size = "medium";
  @api variant?: string;

  get spinnerClass(): string {
    const brand = this.variant === "brand" ? " slds-spinner_brand" : "";
    return `slds-spinner slds-spinner_${this.size}${brand}`;
  }
}
