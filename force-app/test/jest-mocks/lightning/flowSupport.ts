// `lightning/flowSupport` for Jest. sfdx-lwc-jest's stub drops the attribute name and value, so a test
// could not tell which output changed; these events carry them in `detail`. The *EventName constants
// are test helpers (not platform exports).
// Use it with: jest.mock("lightning/flowSupport", () => jest.requireActual("jest-mocks/lightning/flowSupport"));
export const FlowAttributeChangeEventName = "lightning__flowattributechange";
export const FlowNavigationNextEventName = "lightning__flownavigationnext";
export const FlowNavigationBackEventName = "lightning__flownavigationback";
export const FlowNavigationPauseEventName = "lightning__flownavigationpause";
export const FlowNavigationFinishEventName = "lightning__flownavigationfinish";

export interface FlowAttributeChange {
  attributeName: string;
  attributeValue: unknown;
}

const EVENT_OPTIONS = { bubbles: true, composed: true, cancelable: true };

export class FlowAttributeChangeEvent extends CustomEvent<FlowAttributeChange> {
  constructor(attributeName: string, attributeValue: unknown) {
    super(FlowAttributeChangeEventName, {
      ...EVENT_OPTIONS,
      detail: { attributeName, attributeValue }
    });
  }
}

export class FlowNavigationNextEvent extends CustomEvent<unknown> {
  constructor() {
    super(FlowNavigationNextEventName, EVENT_OPTIONS);
  }
}

export class FlowNavigationBackEvent extends CustomEvent<unknown> {
  constructor() {
    super(FlowNavigationBackEventName, EVENT_OPTIONS);
  }
}

export class FlowNavigationPauseEvent extends CustomEvent<unknown> {
  constructor() {
    super(FlowNavigationPauseEventName, EVENT_OPTIONS);
  }
}

export class FlowNavigationFinishEvent extends CustomEvent<unknown> {
  constructor() {
    super(FlowNavigationFinishEventName, EVENT_OPTIONS);
  }
}
