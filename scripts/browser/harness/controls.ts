/**
 * What a browser test (through page.evaluate) or a preview scenario can do to the platform doubles:
 * `window.harness` in the page. Everything here is plain data so it crosses page.evaluate.
 */

/** How a faked Apex method answers its next calls. */
export type ApexBehaviour =
  /** Resolve with this value (after delayMs). */
  | { resolve: unknown; delayMs?: number }
  /** Reject with this Apex error ({ body: { message } }) (after delayMs). */
  | { reject: unknown; delayMs?: number }
  /** Stay pending until release() answers. */
  | { hold: true };

export interface ApexCall {
  method: string;
  params: unknown;
}

export interface FlowAttributeChange {
  attributeName: string;
  attributeValue: unknown;
}

/** A field of a record as the output-field stand-in shows it: the field's label and its display value. */
export interface FakeRecordField {
  label: string;
  value: string;
}

export interface HarnessControls {
  apex: {
    /** Sets how `Class.method` answers from now on (calls already pending keep waiting). */
    set(method: string, behaviour: ApexBehaviour): void;
    /** Answers every held call of `method`; returns how many it answered. */
    release(
      method: string,
      outcome: { resolve: unknown } | { reject: unknown }
    ): number;
    calls(method?: string): ApexCall[];
  };
  emp: {
    /** Delivers an event to every subscriber of the channel; returns how many received it. */
    publish(channel: string, payload: Record<string, unknown>): number;
    channels(): string[];
    /** What isEmpEnabled() answers (default true). */
    setEnabled(enabled: boolean): void;
  };
  popup: {
    /** "open": window.open returns a window; "blocked": it returns null, as a popup blocker does. */
    setMode(mode: "open" | "blocked"): void;
    opened(): string[];
  };
  flow: {
    changes(): FlowAttributeChange[];
  };
  toasts(): { title?: string; message?: string; variant?: string }[];
  /** How many times the component asked to close its quick action (CloseActionScreenEvent). */
  closes(): number;
  records: {
    /** What Lightning Data Service has of a record for the user: field API name → label and display value. */
    set(recordId: string, fields: Record<string, FakeRecordField>): void;
    /** The record ids passed to notifyRecordUpdateAvailable, in order. */
    notified(): string[];
  };
}

/** A state of a component the preview page shows and the browser tests start from. */
export interface Scenario {
  id: string;
  title: string;
  /** The component's `c/<name>` bundle name. */
  component: string;
  props: Record<string, unknown>;
  /** Configures the doubles before the component is created. */
  setup(harness: HarnessControls): void;
  /**
   * What the user does next, in the page (e.g. presses a button), for states only a user's action reaches; the page
   * is marked ready once it is done.
   */
  act?(host: HTMLElement): Promise<void>;
}
