/**
 * Generates the metadata schema model (model.ts) from @salesforce/types' lib/metadata.d.ts with the TypeScript
 * compiler API. Only the syntax tree is needed: the d.ts is a flat list of type aliases (string-literal unions for
 * enums, `Base & { … }` object types, aliases of other types), so no type checker (and no program) is built.
 */
import * as ts from "typescript";
import type {
  FieldSpec,
  MetadataSchema,
  PrimitiveName,
  TypeSpec
} from "./model";

export const SCHEMA_FORMAT_VERSION = 1;

/**
 * Fields whose d.ts type is wrong for the source format. The Metadata API sends LWC target configs as an opaque
 * string, but in a .js-meta.xml they are nested XML (targetConfig elements with attributes): accept any content.
 */
const FIELD_OVERRIDES: Record<string, FieldSpec> = {
  "LightningComponentBundle.targetConfigs": {
    kind: "primitive",
    type: "any",
    array: false
  }
};

const BOOLEAN: FieldSpec = { kind: "primitive", type: "boolean", array: false };

/**
 * What valid source files hold but @salesforce/types 1.9 does not model. Each was found in a published Salesforce
 * sample project (trailheadapps/dreamhouse-lwc, ebikes-lwc, coral-cloud) that deploys; without these entries the
 * check would fail correct files. Add to them only with such evidence.
 */
export const MISSING_FIELDS: Record<string, Record<string, FieldSpec>> = {
  CustomField: { displayLocationInDecimal: BOOLEAN },
  CustomSite: { allowGuestPaymentsApi: BOOLEAN }
};
const MISSING_ENUM_VALUES: Record<string, string[]> = {
  SiteType: ["ChatterNetwork", "ChatterNetworkPicasso"]
};

/** A type expression, reduced to what the model needs. */
type TypeRef =
  | { ref: "primitive"; name: PrimitiveName }
  | { ref: "named"; name: string }
  | { ref: "enum"; values: string[] }
  | { ref: "array"; element: TypeRef }
  | { ref: "unknown"; text: string };

interface ObjectDecl {
  bases: string[];
  fields: Map<string, TypeRef>;
}

/** One top-level declaration of the d.ts: an object type, an enum, or an alias of something else. */
type Decl =
  | { decl: "object"; object: ObjectDecl }
  | { decl: "enum"; values: string[] }
  | { decl: "alias"; target: TypeRef };

export interface GenerateResult {
  schema: MetadataSchema;
  /** Type expressions the generator did not understand (they are accepted as any); empty for @salesforce/types 1.9. */
  warnings: string[];
}

export function generateMetadataSchema(
  dtsText: string,
  typesVersion: string,
  fileName = "metadata.d.ts"
): GenerateResult {
  const source = ts.createSourceFile(
    fileName,
    dtsText,
    ts.ScriptTarget.ES2022,
    false,
    ts.ScriptKind.TS
  );
  const warnings: string[] = [];
  const decls = new Map<string, Decl>();

  const toRef = (node: ts.TypeNode, where: string): TypeRef => {
    if (ts.isParenthesizedTypeNode(node)) return toRef(node.type, where);
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { ref: "primitive", name: "string" };
      case ts.SyntaxKind.BooleanKeyword:
        return { ref: "primitive", name: "boolean" };
      case ts.SyntaxKind.NumberKeyword:
        return { ref: "primitive", name: "number" };
      case ts.SyntaxKind.AnyKeyword:
      case ts.SyntaxKind.UnknownKeyword:
        return { ref: "primitive", name: "any" };
    }
    if (ts.isArrayTypeNode(node))
      return { ref: "array", element: toRef(node.elementType, where) };
    if (ts.isTypeReferenceNode(node)) {
      const name = node.typeName.getText(source);
      if (name === "Array" && node.typeArguments?.length === 1) {
        return { ref: "array", element: toRef(node.typeArguments[0], where) };
      }
      return { ref: "named", name };
    }
    const literals = stringLiterals(node);
    if (literals) return { ref: "enum", values: literals };
    warnings.push(`${where}: unsupported type ${node.getText(source)}`);
    return { ref: "unknown", text: node.getText(source) };
  };

  const readMembers = (
    members: ts.NodeArray<ts.TypeElement>,
    owner: string
  ): Map<string, TypeRef> => {
    const fields = new Map<string, TypeRef>();
    for (const member of members) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      const name = member.name.getText(source).replace(/^['"]|['"]$/g, "");
      fields.set(name, toRef(member.type, `${owner}.${name}`));
    }
    return fields;
  };

  for (const statement of source.statements) {
    if (ts.isTypeAliasDeclaration(statement)) {
      const name = statement.name.text;
      const node = statement.type;
      const literals = stringLiterals(node);
      if (literals) {
        decls.set(name, { decl: "enum", values: literals });
      } else if (ts.isTypeLiteralNode(node)) {
        decls.set(name, {
          decl: "object",
          object: { bases: [], fields: readMembers(node.members, name) }
        });
      } else if (ts.isIntersectionTypeNode(node)) {
        const object: ObjectDecl = { bases: [], fields: new Map() };
        for (const part of node.types) {
          if (ts.isTypeLiteralNode(part)) {
            for (const [field, ref] of readMembers(part.members, name))
              object.fields.set(field, ref);
          } else if (ts.isTypeReferenceNode(part)) {
            object.bases.push(part.typeName.getText(source));
          } else {
            warnings.push(
              `${name}: unsupported intersection member ${part.getText(source)}`
            );
          }
        }
        decls.set(name, { decl: "object", object });
      } else {
        decls.set(name, { decl: "alias", target: toRef(node, name) });
      }
    } else if (ts.isInterfaceDeclaration(statement)) {
      // Not used by @salesforce/types 1.9, but a later version may switch to interfaces.
      const name = statement.name.text;
      const bases = (statement.heritageClauses ?? []).flatMap((clause) =>
        clause.types.map((type) => type.expression.getText(source))
      );
      decls.set(name, {
        decl: "object",
        object: { bases, fields: readMembers(statement.members, name) }
      });
    }
  }

  const schema: MetadataSchema = {
    formatVersion: SCHEMA_FORMAT_VERSION,
    typesVersion,
    types: {},
    enums: {}
  };
  for (const [name, decl] of decls) {
    if (decl.decl === "enum") {
      schema.enums[name] = [
        ...decl.values,
        ...(MISSING_ENUM_VALUES[name] ?? [])
      ];
    }
  }

  /** Follows aliases to the declaration that gives a named type its meaning. */
  const resolveNamed = (
    name: string,
    seen = new Set<string>()
  ): TypeRef & { resolvedName?: string } => {
    const decl = decls.get(name);
    if (!decl || seen.has(name)) return { ref: "unknown", text: name };
    if (decl.decl !== "alias")
      return { ref: "named", name, resolvedName: name };
    seen.add(name);
    const target = decl.target;
    return target.ref === "named" ? resolveNamed(target.name, seen) : target;
  };

  const toFieldSpec = (
    ref: TypeRef,
    owner: string,
    field: string,
    array = false
  ): FieldSpec => {
    switch (ref.ref) {
      case "primitive":
        return { kind: "primitive", type: ref.name, array };
      case "array":
        return toFieldSpec(ref.element, owner, field, true);
      case "enum": {
        const enumName = `${owner}.${field}`;
        schema.enums[enumName] = ref.values;
        return { kind: "enum", type: enumName, array };
      }
      case "unknown":
        return { kind: "primitive", type: "any", array };
      case "named": {
        const resolved = resolveNamed(ref.name);
        if (resolved.ref !== "named")
          return toFieldSpec(resolved, owner, field, array);
        const decl = decls.get(resolved.name);
        if (decl?.decl === "enum")
          return { kind: "enum", type: resolved.name, array };
        return { kind: "complex", type: resolved.name, array };
      }
    }
  };

  /** All fields of an object declaration, inherited ones first so that a subtype's own field wins. */
  const flatten = (
    name: string,
    seen = new Set<string>()
  ): Record<string, FieldSpec> => {
    const resolved = resolveNamed(name);
    if (resolved.ref !== "named" || seen.has(resolved.name)) return {};
    seen.add(resolved.name);
    const decl = decls.get(resolved.name);
    if (decl?.decl !== "object") return {};
    const fields: Record<string, FieldSpec> = {};
    for (const base of decl.object.bases) {
      if (!decls.has(base))
        warnings.push(`${resolved.name}: unknown base type ${base}`);
      Object.assign(fields, flatten(base, seen));
    }
    for (const [field, ref] of decl.object.fields) {
      fields[field] =
        FIELD_OVERRIDES[`${resolved.name}.${field}`] ??
        toFieldSpec(ref, resolved.name, field);
    }
    Object.assign(fields, MISSING_FIELDS[resolved.name]);
    return fields;
  };

  for (const [name, decl] of decls) {
    if (decl.decl === "object") {
      schema.types[name] = { bases: decl.object.bases, fields: flatten(name) };
    } else if (decl.decl === "alias" && decl.target.ref === "named") {
      // `EmailFolder = Folder`, `FlowEnd = FlowNode`: the alias name can be a root element of its own.
      const resolved = resolveNamed(name);
      if (
        resolved.ref === "named" &&
        decls.get(resolved.name)?.decl === "object"
      ) {
        const type: TypeSpec = {
          bases: [decl.target.name],
          fields: flatten(resolved.name)
        };
        schema.types[name] = type;
      }
    }
  }
  return { schema, warnings };
}

/** The values of a union of string literals (`'a' | 'b'`, or a single `'a'`), else undefined. */
function stringLiterals(node: ts.TypeNode): string[] | undefined {
  const parts = ts.isUnionTypeNode(node) ? node.types : [node];
  const values: string[] = [];
  for (const part of parts) {
    if (!ts.isLiteralTypeNode(part) || !ts.isStringLiteral(part.literal))
      return undefined;
    values.push(part.literal.text);
  }
  return values;
}
