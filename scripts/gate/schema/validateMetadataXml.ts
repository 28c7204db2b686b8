/**
 * Validates one metadata XML document (as an XmlElement tree) against the generated schema model: root element and
 * namespace, known elements (inherited fields included), repeats of single-valued elements, enum, boolean and
 * numeric values, nested types, the xsi:type / xsi:nil values of Custom Metadata records, and element order: the
 * Metadata API reads each type as an xsd:sequence (inherited elements first, then the type's own in the order the WSDL
 * and @salesforce/types list them) and refuses an element out of place ("Element … invalid at this location"), except
 * in the bundle metadata of components, which is read leniently. It cannot check required elements: the d.ts does not
 * say which are required in source format.
 */
import {
  METADATA_NAMESPACE,
  TOOLING_NAMESPACE,
  XSD_NAMESPACE,
  XSI_NAMESPACE,
  type FieldSpec,
  type MetadataSchema,
  type TypeSpec
} from "./model";
import type { XmlElement } from "./xmlTree";
import { MISSING_FIELDS } from "./generateSchema";

/**
 * Root types whose files the platform reads without enforcing element order: component bundle metadata
 * (Salesforce's own lwc-recipes put <targets> before <targetConfigs>, the reverse of the WSDL, and deploy).
 */
const ORDER_LENIENT_ROOTS: ReadonlySet<string> = new Set([
  "LightningComponentBundle",
  "AuraDefinitionBundle"
]);

/** Position of each field in its type's sequence, by type name (computed once per type). */
const positions = new Map<TypeSpec, Map<string, number>>();

function positionsOf(type: TypeSpec): Map<string, number> {
  let found = positions.get(type);
  if (!found) {
    found = new Map(Object.keys(type.fields).map((name, i) => [name, i]));
    positions.set(type, found);
  }
  return found;
}

export interface SchemaIssue {
  line: number;
  message: string;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;
const TIME = /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/** The xsd types a Custom Metadata record value may declare, with how the text must look. */
const XSD_VALUE_TYPES: Record<
  string,
  { test: (text: string) => boolean; expected: string }
> = {
  string: { test: () => true, expected: "text" },
  boolean: {
    test: (text) => text === "true" || text === "false",
    expected: "true or false"
  },
  double: { test: (text) => NUMBER.test(text), expected: "a number" },
  decimal: { test: (text) => NUMBER.test(text), expected: "a number" },
  int: { test: (text) => /^[+-]?\d+$/.test(text), expected: "an integer" },
  long: { test: (text) => /^[+-]?\d+$/.test(text), expected: "an integer" },
  date: { test: (text) => DATE.test(text), expected: "a date (YYYY-MM-DD)" },
  dateTime: {
    test: (text) => DATE_TIME.test(text),
    expected: "a date-time (YYYY-MM-DDThh:mm:ss.000Z)"
  },
  time: { test: (text) => TIME.test(text), expected: "a time (hh:mm:ss.000Z)" }
};

/** The xsd types a Custom Metadata record value may declare. */
export const XSD_VALUE_TYPE_NAMES: readonly string[] =
  Object.keys(XSD_VALUE_TYPES);

type Namespaces = ReadonlyMap<string, string>;

export function validateMetadataDocument(
  root: XmlElement,
  expectedType: string,
  schema: MetadataSchema
): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  if (root.name !== expectedType) {
    // Validating the children against the wrong type would only bury this finding in noise.
    issues.push({
      line: root.line,
      message: `root element is <${root.name}> but this file is a ${expectedType}: expected <${expectedType}>`
    });
    return issues;
  }
  const namespace = root.attributes.xmlns;
  if (namespace !== METADATA_NAMESPACE && namespace !== TOOLING_NAMESPACE) {
    issues.push({
      line: root.line,
      message:
        namespace === undefined
          ? `<${root.name}> has no namespace: expected xmlns="${METADATA_NAMESPACE}"`
          : `<${root.name}> has namespace "${namespace}": expected "${METADATA_NAMESPACE}"`
    });
  }
  const type = schema.types[expectedType];
  const namespaces = declareNamespaces(new Map(), root);
  checkAttributePrefixes(root, namespaces, issues);
  if (type) {
    const checkOrder = !ORDER_LENIENT_ROOTS.has(expectedType);
    validateChildren(root, expectedType, type, schema, namespaces, issues, {
      checkOrder
    });
  }
  return issues;
}

interface WalkOptions {
  checkOrder: boolean;
}

/**
 * Whether a child is out of the type's sequence: it comes after an element that the sequence puts later. Fields the
 * d.ts does not model (MISSING_FIELDS) have no known position and are not judged.
 */
function orderIssue(
  child: XmlElement,
  typeName: string,
  type: TypeSpec,
  latest: { name: string; position: number } | undefined
): string | undefined {
  if (!latest || MISSING_FIELDS[typeName]?.[child.name]) return undefined;
  const position = positionsOf(type).get(child.name);
  if (position === undefined || position >= latest.position) return undefined;
  return `<${child.name}> comes after <${latest.name}>, but a ${typeName} lists <${child.name}> first (the Metadata API refuses elements out of order): move it up`;
}

function declareNamespaces(outer: Namespaces, element: XmlElement): Namespaces {
  const declared = Object.entries(element.attributes).filter(([name]) =>
    name.startsWith("xmlns:")
  );
  if (declared.length === 0) return outer;
  const inner = new Map(outer);
  for (const [name, uri] of declared)
    inner.set(name.slice("xmlns:".length), uri);
  return inner;
}

function checkAttributePrefixes(
  element: XmlElement,
  namespaces: Namespaces,
  issues: SchemaIssue[]
): void {
  for (const name of Object.keys(element.attributes)) {
    const colon = name.indexOf(":");
    if (colon < 0 || name.startsWith("xmlns:")) continue;
    const prefix = name.slice(0, colon);
    if (prefix !== "xml" && !namespaces.has(prefix)) {
      issues.push({
        line: element.line,
        message: `attribute ${name} on <${element.name}> uses the undeclared prefix "${prefix}": declare xmlns:${prefix} on the root element`
      });
    }
  }
}

function validateChildren(
  element: XmlElement,
  typeName: string,
  type: TypeSpec,
  schema: MetadataSchema,
  outerNamespaces: Namespaces,
  issues: SchemaIssue[],
  options: WalkOptions
): void {
  const seen = new Map<string, number>();
  const fullNames = new Map<string, Map<string, number>>();
  let latest: { name: string; position: number } | undefined;
  for (const child of element.children) {
    const namespaces = declareNamespaces(outerNamespaces, child);
    checkAttributePrefixes(child, namespaces, issues);
    const field = type.fields[child.name];
    if (!field) {
      const suggestion = closest(child.name, Object.keys(type.fields));
      issues.push({
        line: child.line,
        message:
          `unknown element <${child.name}> in <${element.name}> (a ${typeName})` +
          (suggestion ? `: did you mean <${suggestion}>?` : "")
      });
      continue;
    }
    if (options.checkOrder) {
      const misplaced = orderIssue(child, typeName, type, latest);
      if (misplaced) issues.push({ line: child.line, message: misplaced });
      const position = positionsOf(type).get(child.name);
      if (
        position !== undefined &&
        !MISSING_FIELDS[typeName]?.[child.name] &&
        (!latest || position > latest.position)
      )
        latest = { name: child.name, position };
    }
    const count = (seen.get(child.name) ?? 0) + 1;
    seen.set(child.name, count);
    if (count === 2 && !field.array) {
      issues.push({
        line: child.line,
        message: `<${child.name}> appears more than once in <${element.name}>, but ${typeName}.${child.name} holds a single value`
      });
    }
    validateValue(
      child,
      `${typeName}.${child.name}`,
      field,
      schema,
      namespaces,
      issues,
      options
    );
    if (field.array && field.kind === "complex") {
      noteDuplicateFullName(child, schema.types[field.type], fullNames, issues);
    }
  }
}

/** Two `<labels>` (or other named items) with the same fullName in one file make the deploy fail. */
function noteDuplicateFullName(
  item: XmlElement,
  itemType: TypeSpec | undefined,
  fullNames: Map<string, Map<string, number>>,
  issues: SchemaIssue[]
): void {
  if (!itemType?.fields.fullName) return;
  const fullName = item.children.find(
    (child) => child.name === "fullName"
  )?.text;
  if (!fullName) return;
  const byName = fullNames.get(item.name) ?? new Map<string, number>();
  fullNames.set(item.name, byName);
  const firstLine = byName.get(fullName);
  if (firstLine === undefined) {
    byName.set(fullName, item.line);
  } else {
    issues.push({
      line: item.line,
      message: `duplicate <${item.name}> with fullName "${fullName}" (first defined on line ${firstLine})`
    });
  }
}

function validateValue(
  element: XmlElement,
  path: string,
  field: FieldSpec,
  schema: MetadataSchema,
  namespaces: Namespaces,
  issues: SchemaIssue[],
  options: WalkOptions
): void {
  const nil = xsiAttribute(element, "nil", namespaces);
  if (nil !== undefined) {
    if (nil !== "true" && nil !== "false") {
      issues.push({
        line: element.line,
        message: `xsi:nil on <${element.name}> is "${nil}": expected true or false`
      });
    } else if (
      nil === "true" &&
      (element.text !== "" || element.children.length > 0)
    ) {
      issues.push({
        line: element.line,
        message: `<${element.name}> is xsi:nil="true" but has content: remove one`
      });
    }
    if (nil === "true") return;
  }

  if (field.kind === "primitive" && field.type === "any") {
    validateTypedValue(element, namespaces, issues);
    return;
  }
  if (field.kind === "complex") {
    const type = schema.types[field.type];
    if (element.text !== "") {
      issues.push({
        line: element.line,
        message: `<${element.name}> holds text "${shorten(element.text)}" but ${path} is a ${field.type}: expected child elements`
      });
    }
    if (type)
      validateChildren(
        element,
        field.type,
        type,
        schema,
        namespaces,
        issues,
        options
      );
    return;
  }

  if (element.children.length > 0) {
    issues.push({
      line: element.children[0].line,
      message: `<${element.name}> contains <${element.children[0].name}> but ${path} is a ${field.type} value: expected text`
    });
    return;
  }
  const text = element.text;
  if (field.kind === "enum") {
    const allowed = schema.enums[field.type] ?? [];
    if (!allowed.includes(text)) {
      issues.push({
        line: element.line,
        message: `<${element.name}>${shorten(text)}</${element.name}> is not a valid ${field.type}: ${expectedValues(text, allowed)}`
      });
    }
  } else if (field.type === "boolean") {
    if (text !== "true" && text !== "false") {
      issues.push({
        line: element.line,
        message: `<${element.name}>${shorten(text)}</${element.name}>: ${path} is a boolean, expected true or false`
      });
    }
  } else if (field.type === "number") {
    if (!NUMBER.test(text)) {
      issues.push({
        line: element.line,
        message: `<${element.name}>${shorten(text)}</${element.name}>: ${path} is a number, expected a numeric value`
      });
    }
  }
}

/**
 * Values typed `any` in the d.ts (a Custom Metadata record's `<value>`) carry their type in xsi:type; check that it
 * is an xsd type and that the text fits it. Elements without xsi:type are left alone.
 */
function validateTypedValue(
  element: XmlElement,
  namespaces: Namespaces,
  issues: SchemaIssue[]
): void {
  const declared = xsiAttribute(element, "type", namespaces);
  if (declared === undefined) return;
  const colon = declared.indexOf(":");
  const prefix = colon < 0 ? "" : declared.slice(0, colon);
  const local = declared.slice(colon + 1);
  if (colon < 0 || namespaces.get(prefix) !== XSD_NAMESPACE) {
    issues.push({
      line: element.line,
      message:
        colon < 0 || !namespaces.has(prefix)
          ? `xsi:type="${declared}" on <${element.name}> needs a prefix bound to ${XSD_NAMESPACE}: declare xmlns:xsd on the root element and write xsd:${local}`
          : `xsi:type="${declared}" on <${element.name}>: prefix "${prefix}" is bound to ${namespaces.get(prefix)}, expected ${XSD_NAMESPACE}`
    });
    return;
  }
  const rule = XSD_VALUE_TYPES[local];
  if (!rule) {
    issues.push({
      line: element.line,
      message: `xsi:type="${declared}" on <${element.name}> is not a Custom Metadata value type: expected one of ${Object.keys(
        XSD_VALUE_TYPES
      )
        .map((name) => `${prefix}:${name}`)
        .join(", ")}`
    });
  } else if (element.children.length > 0 || !rule.test(element.text)) {
    issues.push({
      line: element.line,
      message: `<${element.name}>${shorten(element.text)}</${element.name}> is declared ${declared}: expected ${rule.expected}`
    });
  }
}

/** The value of an attribute in the XML Schema instance namespace (xsi:type, xsi:nil), whatever its prefix. */
function xsiAttribute(
  element: XmlElement,
  local: string,
  namespaces: Namespaces
): string | undefined {
  for (const [name, value] of Object.entries(element.attributes)) {
    const colon = name.indexOf(":");
    if (
      colon > 0 &&
      name.slice(colon + 1) === local &&
      namespaces.get(name.slice(0, colon)) === XSI_NAMESPACE
    ) {
      return value;
    }
  }
  return undefined;
}

function expectedValues(actual: string, allowed: string[]): string {
  const caseInsensitive = allowed.find(
    (value) => value.toLowerCase() === actual.toLowerCase()
  );
  if (caseInsensitive)
    return `expected ${caseInsensitive} (values are case sensitive)`;
  const suggestion = closest(actual, allowed);
  const hint = suggestion ? `did you mean ${suggestion}? ` : "";
  if (allowed.length <= 40)
    return `${hint}expected one of ${allowed.join(", ")}`;
  return `${hint}expected one of ${allowed.slice(0, 40).join(", ")} … (${allowed.length} values)`;
}

/** The candidate nearest to `word` by edit distance, if it is plausibly a typo of it. */
export function closest(
  word: string,
  candidates: string[]
): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Math.abs(a.length - b.length);
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)
      );
    }
    previous = current;
  }
  return previous[b.length];
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
