/** Stand-in for lightning-formatted-date-time: Intl.DateTimeFormat in en-US with the same options. */
import { LightningElement, api } from "lwc";

export default class FormattedDateTime extends LightningElement {
  @api value?: string | number;
  @api year?: "numeric" | "2-digit";
  @api month?: "numeric" | "2-digit" | "narrow" | "short" | "long";
  @api day?: "numeric" | "2-digit";
  @api hour?: "numeric" | "2-digit";
  @api minute?: "numeric" | "2-digit";
  @api second?: "numeric" | "2-digit";
  @api weekday?: "narrow" | "short" | "long";
  @api timeZone?: string;
  @api timeZoneName?: "short" | "long";
  @api hour12?: boolean;

  get formatted(): string {
    if (this.value === undefined || this.value === null || this.value === "")
      return "";
    const date = new Date(this.value);
    if (Number.isNaN(date.getTime())) return "";
    return new Intl.DateTimeFormat("en-US", {
      year: this.year,
      month: this.month,
      day: this.day,
      hour: this.hour,
      minute: this.minute,
      second: this.second,
      weekday: this.weekday,
      timeZone: this.timeZone,
      timeZoneName: this.timeZoneName,
      hour12: this.hour12
    }).format(date);
  }
}
