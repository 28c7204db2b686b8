/** `lightning/uiRecordApi`: the parts of Lightning Data Service for single records that our code may use. */
declare module "lightning/uiRecordApi" {
  import type { WireAdapterConstructor } from "lwc";

  /** A `@salesforce/schema` import or an `Object.Field` string. */
  export type FieldReference =
    string | { objectApiName: string; fieldApiName?: string };

  export interface FieldValueRepresentation {
    value: unknown;
    displayValue: string | null;
  }

  export interface RecordRepresentation {
    id: string;
    apiName: string;
    fields: Record<string, FieldValueRepresentation>;
    lastModifiedDate?: string;
    recordTypeId?: string | null;
  }

  export interface GetRecordConfig {
    recordId?: string;
    fields?: FieldReference | FieldReference[];
    optionalFields?: FieldReference | FieldReference[];
    layoutTypes?: ("Compact" | "Full")[];
    modes?: ("Create" | "Edit" | "View")[];
  }

  export interface RecordWireResult {
    data?: RecordRepresentation;
    error?: { body?: unknown; status?: number; statusText?: string };
  }

  export const getRecord: WireAdapterConstructor<
    GetRecordConfig,
    RecordWireResult
  >;

  export function getFieldValue(
    record: RecordRepresentation | undefined,
    field: FieldReference
  ): unknown;

  export function getFieldDisplayValue(
    record: RecordRepresentation | undefined,
    field: FieldReference
  ): string | null | undefined;

  export interface RecordInput {
    apiName?: string;
    fields: Record<string, unknown>;
  }

  export function createRecord(
    recordInput: RecordInput
  ): Promise<RecordRepresentation>;

  export function updateRecord(
    recordInput: RecordInput,
    clientOptions?: { ifUnmodifiedSince?: string }
  ): Promise<RecordRepresentation>;

  export function deleteRecord(recordId: string): Promise<void>;

  /** Tells Lightning Data Service that records changed outside it (e.g. in Apex). */
  export function notifyRecordUpdateAvailable(
    recordIds: { recordId: string }[]
  ): Promise<void>;
}
