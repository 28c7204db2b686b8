/** Stand-in for lightning-card: the SLDS card blueprint with a title, an actions slot, a body and a footer. */
import { LightningElement, api } from "lwc";

export default class Card extends LightningElement {
  @api title = "";
  @api iconName?: string;

  /** Like the real card, no footer bar unless something is slotted into it. */
  hasFooter = false;

  get footerClass(): string {
    return this.hasFooter ? "slds-card__footer" : "slds-hide";
  }

  handleFooterChange(event: Event): void {
    const slot = event.target as HTMLSlotElement;
    this.hasFooter = slot.assignedNodes().length > 0;
  }
}
