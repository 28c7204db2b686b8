/** `lightning/platformShowToastEvent`: dispatch a ShowToastEvent from a component to show a toast. */
declare module "lightning/platformShowToastEvent" {
  export interface ToastLink {
    url: string;
    label: string;
  }

  export interface ShowToastEventConfig {
    title: string;
    message?: string;
    /** Replaces `{0}`, `{1}`, … in `message` with text or links. */
    messageData?: (string | ToastLink)[];
    variant?: "info" | "success" | "warning" | "error";
    mode?: "dismissible" | "pester" | "sticky";
  }

  export class ShowToastEvent extends CustomEvent<ShowToastEventConfig> {
    constructor(config: ShowToastEventConfig);
  }
}
