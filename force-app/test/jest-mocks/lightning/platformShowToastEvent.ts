// `lightning/platformShowToastEvent` for Jest. ShowToastEventName is a test helper (not a platform
// export): tests import it from "jest-mocks/lightning/platformShowToastEvent" to listen for toasts.
import type { ShowToastEventConfig } from "lightning/platformShowToastEvent";

export const ShowToastEventName = "lightning__showtoast";

export class ShowToastEvent extends CustomEvent<ShowToastEventConfig> {
  constructor(config: ShowToastEventConfig) {
    super(ShowToastEventName, {
      composed: true,
      cancelable: true,
      bubbles: true,
      detail: config
    });
  }
}
