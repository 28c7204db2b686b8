/**
 * `@salesforce/apex`: the platform's helpers for Apex results, plus the types every generated
 * `@salesforce/apex/<Class>.<method>` module (types/generated/apex.d.ts) is built from.
 * The `Apex*` names are types only: import them with `import type` (verbatimModuleSyntax enforces it),
 * so nothing but `refreshApex` and `getSObjectValue` is ever imported at run time.
 */
declare module "@salesforce/apex" {
  import type { WireAdapterConstructor } from "lwc";

  /** The error an Apex call rejects with, or a wire provisions: a fetch response whose body says why. */
  export interface ApexError {
    body?:
      | {
          message?: string;
          exceptionType?: string;
          stackTrace?: string;
          isUserDefinedException?: boolean;
        }
      | { message?: string }[]
      | null;
    status?: number;
    statusText?: string;
    ok?: boolean;
    headers?: Record<string, string>;
  }

  /** What `@wire` provisions for an Apex method: `data` or `error`, and neither while loading. */
  export interface ApexWireResult<Result> {
    data?: Result;
    error?: ApexError;
  }

  /** A cacheable method: call it imperatively, or use it with `@wire`. */
  export type ApexCacheableMethod<Params, Result> = ((
    params: Params
  ) => Promise<Result>) &
    WireAdapterConstructor<Params, ApexWireResult<Result>>;

  /**
   * Re-fetches the data of an Apex `@wire`. Pass the whole provisioned value (`{ data, error }`),
   * not its `data`.
   */
  export function refreshApex(
    wiredValue: ApexWireResult<unknown>
  ): Promise<void>;

  /** Reads a field from an SObject an Apex method returned, following relationships. */
  export function getSObjectValue(
    sObject: Record<string, unknown>,
    field: string | { objectApiName: string; fieldApiName?: string }
  ): unknown;
}
