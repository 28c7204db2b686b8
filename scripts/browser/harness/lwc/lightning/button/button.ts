/**
 * Stand-in for lightning-button: a native SLDS button, so focus, Tab order, Enter and Space behave as in a browser.
 * Its click is composed and reaches the host's onclick, as the real component's does.
 */
import { LightningElement, api } from "lwc";

const VARIANT_CLASS: Readonly<Record<string, string>> = {
  neutral: "slds-button_neutral",
  brand: "slds-button_brand",
  "brand-outline": "slds-button_outline-brand",
  destructive: "slds-button_destructive",
  success: "slds-button_success",
  base: ""
};

export default class Button extends LightningElement {
  @api label?: string;
  @api title = "";
  @api variant = "neutral";
  @api iconName?: string;
  @api iconPosition = "left";
  @api disabled = false;
  @api type = "button";
  @api name?: string;
  @api value?: string;

  get buttonClass(): string {
    return `slds-button ${VARIANT_CLASS[this.variant] ?? VARIANT_CLASS.neutral}`.trim();
  }

  get iconLeft(): boolean {
    return Boolean(this.iconName) && this.iconPosition !== "right";
  }

  get iconRight(): boolean {
    return Boolean(this.iconName) && this.iconPosition === "right";
  }

  get iconHref(): string {
    const [category, name] = (this.iconName ?? "").split(":");
    return `/slds/icons/${category}-sprite/svg/symbols.svg#${name}`;
  }

  @api focus(): void {
    this.template?.querySelector("button")?.focus();
  }

  @api click(): void {
    this.template?.querySelector("button")?.click();
  }
}
