/** Test double of `lightning/actions`: the close event a screen quick action listens for, recorded by the harness. */
export const CLOSE_ACTION_SCREEN = "lightning__actionsclosescreen";

export class CloseActionScreenEvent extends CustomEvent<unknown> {
  constructor() {
    super(CLOSE_ACTION_SCREEN, { bubbles: true, composed: true });
  }
}
