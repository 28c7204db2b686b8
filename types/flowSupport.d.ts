/** `lightning/flowSupport`: events a component on a flow screen dispatches to talk to the flow. */
declare module "lightning/flowSupport" {
  /** Tells the flow that an output property changed. */
  export class FlowAttributeChangeEvent extends CustomEvent<unknown> {
    constructor(attributeName: string, attributeValue: unknown);
  }
  export class FlowNavigationBackEvent extends CustomEvent<unknown> {
    constructor();
  }
  export class FlowNavigationNextEvent extends CustomEvent<unknown> {
    constructor();
  }
  export class FlowNavigationPauseEvent extends CustomEvent<unknown> {
    constructor();
  }
  export class FlowNavigationFinishEvent extends CustomEvent<unknown> {
    constructor();
  }
}
