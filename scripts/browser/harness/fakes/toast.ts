/** Test double of `lightning/platformShowToastEvent`: the harness records what the component asked to show. */
export const SHOW_TOAST = "lightning__showtoast";

export class ShowToastEvent extends CustomEvent<{
  title?: string;
  message?: string;
  variant?: string;
}> {
  constructor(toast: { title?: string; message?: string; variant?: string }) {
    super(SHOW_TOAST, { bubbles: true, composed: true, detail: toast });
  }
}
