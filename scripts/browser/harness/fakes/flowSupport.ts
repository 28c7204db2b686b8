/** Test double of `lightning/flowSupport`: the events a flow screen component dispatches, recorded by the harness. */
export const FLOW_ATTRIBUTE_CHANGE = "flowattributechange";

export class FlowAttributeChangeEvent extends CustomEvent<{
  attributeName: string;
  attributeValue: unknown;
}> {
  constructor(
    readonly attributeName: string,
    readonly attributeValue: unknown
  ) {
    super(FLOW_ATTRIBUTE_CHANGE, {
      bubbles: true,
      composed: true,
      detail: { attributeName, attributeValue }
    });
  }
}

export class FlowNavigationNextEvent extends CustomEvent<unknown> {
  constructor() {
    super("flownavigationnext", { bubbles: true, composed: true });
  }
}

export class FlowNavigationBackEvent extends CustomEvent<unknown> {
  constructor() {
    super("flownavigationback", { bubbles: true, composed: true });
  }
}

export class FlowNavigationFinishEvent extends CustomEvent<unknown> {
  constructor() {
    super("flownavigationfinish", { bubbles: true, composed: true });
  }
}

export class FlowNavigationPauseEvent extends CustomEvent<unknown> {
  constructor() {
    super("flownavigationpause", { bubbles: true, composed: true });
  }
}
