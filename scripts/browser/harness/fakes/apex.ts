/**
 * Test double of `@salesforce/apex/<Class>.<method>` modules and of `@salesforce/apex` (refreshApex).
 * Each method is an imperative function and a wire adapter (`.adapter`, as the LWC engine looks it up); both ask the
 * behaviour the test set for that method. Nothing here knows any component.
 */
import type { WireAdapter, WireDataCallback } from "lwc";
import type { ApexBehaviour, ApexCall } from "../controls";

interface HeldCall {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const behaviours = new Map<string, ApexBehaviour>();
const held = new Map<string, HeldCall[]>();
const calls: ApexCall[] = [];

/** Apex serialises results: each caller gets its own copy, as from the server. */
function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function invoke(method: string, params: unknown): Promise<unknown> {
  calls.push({ method, params: copy(params ?? {}) });
  const behaviour = behaviours.get(method);
  if (!behaviour) {
    return Promise.reject({
      body: { message: `test double: no behaviour set for Apex ${method}` },
      status: 500
    });
  }
  if ("hold" in behaviour) {
    return new Promise((resolve, reject) => {
      held.set(method, [...(held.get(method) ?? []), { resolve, reject }]);
    });
  }
  return new Promise((resolve, reject) => {
    setTimeout(() => {
      if ("reject" in behaviour) reject(copy(behaviour.reject));
      else resolve(copy(behaviour.resolve));
    }, behaviour.delayMs ?? 0);
  });
}

export const apexControls = {
  set(method: string, behaviour: ApexBehaviour): void {
    behaviours.set(method, behaviour);
  },
  release(
    method: string,
    outcome: { resolve: unknown } | { reject: unknown }
  ): number {
    const waiting = held.get(method) ?? [];
    held.delete(method);
    for (const call of waiting) {
      if ("reject" in outcome) call.reject(copy(outcome.reject));
      else call.resolve(copy(outcome.resolve));
    }
    return waiting.length;
  },
  calls(method?: string): ApexCall[] {
    return copy(calls.filter((call) => !method || call.method === method));
  }
};

interface ProvisionedValue {
  data?: unknown;
  error?: unknown;
}

/** The adapter that provisioned each value, so refreshApex can ask it again. */
const provisioners = new WeakMap<object, () => Promise<void>>();

function wireAdapterFor(
  method: string
): new (callback: WireDataCallback) => WireAdapter {
  return class ApexWireAdapter implements WireAdapter {
    private config?: Record<string, unknown>;
    private connected = false;

    constructor(private readonly callback: WireDataCallback) {}

    update(config: Record<string, unknown>): void {
      this.config = config;
      if (this.connected) void this.fetch();
    }

    connect(): void {
      this.connected = true;
      if (this.config) void this.fetch();
    }

    disconnect(): void {
      this.connected = false;
    }

    private async fetch(): Promise<void> {
      // The platform does not call Apex while a reactive parameter is still undefined.
      const config = this.config ?? {};
      if (Object.values(config).some((value) => value === undefined)) return;
      let value: ProvisionedValue;
      try {
        value = { data: await invoke(method, config), error: undefined };
      } catch (error) {
        value = { data: undefined, error };
      }
      if (!this.connected) return;
      provisioners.set(value, () => this.fetch());
      this.callback(value);
    }
  };
}

/** What `import method from "@salesforce/apex/Class.method"` gives a component. */
export function apexMethod(
  method: string
): ((params?: unknown) => Promise<unknown>) & { adapter: unknown } {
  const imperative = (params?: unknown): Promise<unknown> =>
    invoke(method, params);
  return Object.assign(imperative, { adapter: wireAdapterFor(method) });
}

/** `refreshApex(wiredValue)`: asks Apex again for the wire that provisioned this value. */
export function refreshApex(wiredValue: object): Promise<void> {
  const refetch = provisioners.get(wiredValue);
  if (!refetch) {
    return Promise.reject(
      new Error("refreshApex: the value was not provisioned by an Apex wire")
    );
  }
  return refetch();
}

export function getSObjectValue(
  sObject: Record<string, unknown>,
  field: string | { fieldApiName?: string }
): unknown {
  const name = typeof field === "string" ? field : (field.fieldApiName ?? "");
  return name
    .split(".")
    .reduce<unknown>(
      (value, part) =>
        value && typeof value === "object"
          ? (value as Record<string, unknown>)[part]
          : undefined,
      sObject
    );
}
