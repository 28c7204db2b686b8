/** Stand-in for lightning-icon: an SLDS icon from the design system's sprites, decorative unless it has a text. */
import { LightningElement, api } from "lwc";

export default class Icon extends LightningElement {
  @api iconName?: string;
  @api alternativeText?: string;
  @api size = "small";
  @api variant?: string;
  @api title = "";

  private get parts(): [string, string] {
    const [category = "utility", name = "info"] = (this.iconName ?? "").split(
      ":"
    );
    return [category, name];
  }

  get href(): string {
    const [category, name] = this.parts;
    return `/slds/icons/${category}-sprite/svg/symbols.svg#${name}`;
  }

  get containerClass(): string {
    const [category, name] = this.parts;
    return `slds-icon_container slds-icon-${category}-${name.replace(/_/g, "-")}`;
  }

  get svgClass(): string {
    const [category] = this.parts;
    const tone =
      this.variant === "error" ||
      this.variant === "warning" ||
      this.variant === "success"
        ? ` slds-icon-text-${this.variant}`
        : category === "utility"
          ? " slds-icon-text-default"
          : "";
    return `slds-icon slds-icon_${this.size}${tone}`;
  }
}
