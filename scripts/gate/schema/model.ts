/**
 * The JSON model of the Metadata API types that the metadata schema check validates against.
 * It is generated from @salesforce/types' metadata.d.ts (see generateSchema.ts) and cached on disk.
 */

/** How a field's value is checked. */
export type FieldKind =
  /** Text content; `type` is one of string, boolean, number, any. */
  | "primitive"
  /** Text content that must be one of `schema.enums[type]`. */
  | "enum"
  /** Child elements described by `schema.types[type]`. */
  | "complex";

export type PrimitiveName = "string" | "boolean" | "number" | "any";

export interface FieldSpec {
  kind: FieldKind;
  /** Primitive name, enum name or complex type name. */
  type: string;
  /** True when the element may repeat (`T[]` in the d.ts). */
  array: boolean;
}

export interface TypeSpec {
  /** Direct base types (the `Base & { … }` of the d.ts), for messages and tests. */
  bases: string[];
  /** Every field, inherited ones included. */
  fields: Record<string, FieldSpec>;
}

export interface MetadataSchema {
  /** Bumped when the shape of this model changes. */
  formatVersion: number;
  /** Version of @salesforce/types the model was generated from. */
  typesVersion: string;
  types: Record<string, TypeSpec>;
  enums: Record<string, string[]>;
}

export const METADATA_NAMESPACE = "http://soap.sforce.com/2006/04/metadata";
/**
 * Older Salesforce templates wrote this namespace into .cls-meta.xml and .cmp-meta.xml files, and the Metadata API
 * deploys them (Salesforce's own sample apps still ship such files), so it is accepted too.
 */
export const TOOLING_NAMESPACE = "urn:metadata.tooling.soap.sforce.com";
export const XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance";
export const XSD_NAMESPACE = "http://www.w3.org/2001/XMLSchema";
