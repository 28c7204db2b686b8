/** `lightning/actions`: events a component in a screen quick action dispatches. */
declare module "lightning/actions" {
  /** Closes the quick action's modal (or panel); outside a quick action it does nothing. */
  export class CloseActionScreenEvent extends CustomEvent<unknown> {
    constructor();
  }
}
