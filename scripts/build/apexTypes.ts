/**
 * Generates types/generated/apex.d.ts: one `@salesforce/apex/<Class>.<method>` module per @AuraEnabled
 * static method, typed from the Apex signature, so a component that imports a method that does not exist,
 * passes the wrong parameters or misreads the result fails `tsc`. There is deliberately no wildcard
 * `@salesforce/apex/*` declaration anywhere: an unknown import must not type-check.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  type ApexClass,
  type ApexEnum,
  type ApexFile,
  type ApexMethod,
  type ApexTypeRef,
  formatApexType,
  parseApex
} from "./apexParser";

export const APEX_TYPES_FILE = "types/generated/apex.d.ts";

/** Standard objects our code may name in a signature; custom ones are recognised by their suffix. */
const STANDARD_SOBJECTS = new Set(
  [
    "Account",
    "AccountContactRelation",
    "Asset",
    "Attachment",
    "Campaign",
    "CampaignMember",
    "Case",
    "CaseComment",
    "Contact",
    "ContentDocument",
    "ContentDocumentLink",
    "ContentVersion",
    "Contract",
    "Document",
    "EmailMessage",
    "Event",
    "FeedItem",
    "Group",
    "Individual",
    "Lead",
    "Network",
    "Note",
    "Opportunity",
    "OpportunityLineItem",
    "Order",
    "OrderItem",
    "Organization",
    "PermissionSet",
    "PermissionSetAssignment",
    "Pricebook2",
    "PricebookEntry",
    "Product2",
    "Profile",
    "Quote",
    "RecordType",
    "Site",
    "SObject",
    "Task",
    "User",
    "UserRole"
  ].map((name) => name.toLowerCase())
);
const CUSTOM_SOBJECT_SUFFIX =
  /__(c|e|mdt|x|b|kav|share|history|feed|changeevent)$/i;

const PRIMITIVES: Record<string, string> = {
  string: "string",
  id: "string",
  integer: "number",
  long: "number",
  decimal: "number",
  double: "number",
  boolean: "boolean",
  date: "string",
  datetime: "string",
  time: "string",
  blob: "string",
  object: "unknown"
};

export interface ApexSource {
  /** Path relative to the project root, forward slashes. */
  file: string;
  text: string;
}

export interface AuraMethod {
  className: string;
  method: ApexMethod;
  file: string;
}

export interface ApexModel {
  files: ApexFile[];
  classes: Map<string, ApexClass>;
  enums: Map<string, ApexEnum>;
  /** Importable methods by module name, e.g. `@salesforce/apex/Foo.bar`. */
  methods: Map<string, AuraMethod>;
  /** Things a developer should fix in the Apex (they would also fail in the org). */
  problems: { file: string; line: number; message: string }[];
}

/** Lists force-app/**\/classes/*.cls, sorted, relative to root. */
export function findApexSources(root: string): ApexSource[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (
        entry.name.endsWith(".cls") &&
        path.basename(dir) === "classes"
      ) {
        found.push(full);
      }
    }
  };
  const forceApp = path.join(root, "force-app");
  if (fs.existsSync(forceApp)) walk(forceApp);
  return found.sort().map((full) => ({
    file: path.relative(root, full).split(path.sep).join("/"),
    text: fs.readFileSync(full, "utf8")
  }));
}

export function buildApexModel(sources: ApexSource[]): ApexModel {
  const model: ApexModel = {
    files: [],
    classes: new Map(),
    enums: new Map(),
    methods: new Map(),
    problems: []
  };
  for (const source of sources) {
    const parsed = parseApex(source.text, source.file);
    model.files.push(parsed);
    for (const cls of parsed.classes)
      model.classes.set(cls.qualifiedName.toLowerCase(), cls);
    for (const en of parsed.enums)
      model.enums.set(en.qualifiedName.toLowerCase(), en);
  }
  for (const file of model.files) {
    for (const cls of file.classes) {
      for (const method of cls.methods) {
        if (!method.auraEnabled) continue;
        const where = { file: file.file, line: method.line };
        if (cls.outer) {
          model.problems.push({
            ...where,
            message: `@AuraEnabled method ${cls.qualifiedName}.${method.name} is in an inner class: components can only import methods of top-level classes`
          });
          continue;
        }
        if (!method.isStatic) continue; // instance @AuraEnabled members are data, not importable methods
        if (method.access !== "public" && method.access !== "global") {
          model.problems.push({
            ...where,
            message: `@AuraEnabled method ${cls.name}.${method.name} must be public or global`
          });
          continue;
        }
        const prefix = method.continuation
          ? "@salesforce/apexContinuation"
          : "@salesforce/apex";
        const moduleName = `${prefix}/${cls.name}.${method.name}`;
        const clash = [...model.methods.keys()].find(
          (key) => key.toLowerCase() === moduleName.toLowerCase()
        );
        if (clash) {
          model.problems.push({
            ...where,
            message: `@AuraEnabled method ${cls.name}.${method.name} is overloaded: Apex does not allow overloading @AuraEnabled methods`
          });
          continue;
        }
        model.methods.set(moduleName, {
          className: cls.name,
          method,
          file: file.file
        });
      }
    }
  }
  return model;
}

/** Everything a module needs to declare besides its method: interfaces for classes, unions for enums. */
class ModuleTypes {
  private readonly names = new Map<string, string>(); // qualified (lower) -> TS name
  private readonly used = new Set<string>();
  private readonly declarations: string[] = [];
  private readonly pending: (() => void)[] = [];

  constructor(private readonly model: ApexModel) {}

  /** TypeScript for an Apex type seen from inside `context` (for inner-class names). */
  typeOf(type: ApexTypeRef, context: ApexClass): string {
    let ts = this.baseType(type, context);
    for (let i = 0; i < type.arrayDepth; i++) ts = arrayOf(ts);
    return ts;
  }

  declarationsText(): string[] {
    while (this.pending.length > 0) this.pending.shift()!();
    return this.declarations;
  }

  private baseType(type: ApexTypeRef, context: ApexClass): string {
    const lower = type.name.toLowerCase().replace(/^system\./, "");
    if (PRIMITIVES[lower]) return PRIMITIVES[lower];
    if (lower === "list" || lower === "set") {
      const item = type.args[0];
      return item ? arrayOf(this.typeOf(item, context)) : "unknown[]";
    }
    if (lower === "map") {
      const value = type.args[1];
      // JSON object keys are strings whatever the Apex key type.
      return `Record<string, ${value ? this.typeOf(value, context) : "unknown"}>`;
    }
    const cls = this.resolve(this.model.classes, type.name, context);
    if (cls)
      return cls.kind === "interface"
        ? `unknown /* Apex interface ${cls.qualifiedName} */`
        : this.named(cls.qualifiedName, () => this.declareClass(cls));
    const en = this.resolve(this.model.enums, type.name, context);
    if (en) return this.named(en.qualifiedName, () => this.declareEnum(en));
    const sobject = lower.replace(/^schema\./, "");
    if (STANDARD_SOBJECTS.has(sobject) || CUSTOM_SOBJECT_SUFFIX.test(sobject)) {
      return `Record<string, unknown> /* ${type.name} */`;
    }
    return `unknown /* Apex ${formatApexType(type)} */`;
  }

  private resolve<T extends { qualifiedName: string }>(
    map: Map<string, T>,
    name: string,
    context: ApexClass
  ): T | undefined {
    const lower = name.toLowerCase();
    const topLevel = (context.outer ?? context.name).toLowerCase();
    return map.get(`${topLevel}.${lower}`) ?? map.get(lower);
  }

  private named(qualifiedName: string, declare: () => void): string {
    const key = qualifiedName.toLowerCase();
    const existing = this.names.get(key);
    if (existing) return existing;
    const simple = qualifiedName.split(".").pop()!;
    let name = this.used.has(simple.toLowerCase())
      ? qualifiedName.replace(/\./g, "_")
      : simple;
    while (this.used.has(name.toLowerCase())) name += "_";
    this.used.add(name.toLowerCase());
    this.names.set(key, name);
    this.pending.push(declare);
    return name;
  }

  private declareClass(cls: ApexClass): void {
    const name = this.names.get(cls.qualifiedName.toLowerCase())!;
    const parent = cls.extendsType
      ? this.resolve(this.model.classes, cls.extendsType.name, cls)
      : undefined;
    const heritage =
      parent && parent.kind === "class"
        ? ` extends ${this.named(parent.qualifiedName, () => this.declareClass(parent))}`
        : "";
    const fields = cls.fields.filter(
      (f) => f.auraEnabled && !f.isStatic && !f.isTransient
    );
    const lines = [
      `  /** Apex \`${cls.qualifiedName}\`: its @AuraEnabled fields (an unset field is left out). */`,
      `  export interface ${name}${heritage} {`
    ];
    if (fields.length === 0)
      lines.push(
        "    // No @AuraEnabled fields: the component receives an empty object."
      );
    for (const field of fields) {
      lines.push(
        `    ${field.name}?: ${this.typeOf(field.type, cls)}; // ${formatApexType(field.type)}`
      );
    }
    lines.push("  }");
    this.declarations.push(lines.join("\n"));
  }

  private declareEnum(en: ApexEnum): void {
    const name = this.names.get(en.qualifiedName.toLowerCase())!;
    const values =
      en.values.length > 0
        ? en.values.map((v) => JSON.stringify(v)).join(" | ")
        : "never";
    this.declarations.push(
      `  /** Apex enum \`${en.qualifiedName}\` (sent as the value's name). */\n  export type ${name} = ${values};`
    );
  }
}

function arrayOf(ts: string): string {
  return /^[A-Za-z0-9_]+(\[\])*$/.test(ts) ? `${ts}[]` : `Array<${ts}>`;
}

function signatureComment(entry: AuraMethod): string {
  const { method } = entry;
  const flags = [
    method.cacheable ? "cacheable=true" : "",
    method.continuation ? "continuation=true" : ""
  ].filter(Boolean);
  const annotation = `@AuraEnabled${flags.length > 0 ? `(${flags.join(" ")})` : ""}`;
  const params = method.params
    .map((p) => `${formatApexType(p.type)} ${p.name}`)
    .join(", ");
  return `${annotation} ${formatApexType(method.returnType)} ${entry.className}.${method.name}(${params}) in ${entry.file}`;
}

function moduleText(
  moduleName: string,
  entry: AuraMethod,
  model: ApexModel
): string {
  const cls = model.classes.get(entry.className.toLowerCase())!;
  const types = new ModuleTypes(model);
  const { method } = entry;
  const paramsType =
    method.params.length === 0
      ? "Record<string, never>"
      : `{ ${method.params
          .map((p) => `${p.name}?: ${types.typeOf(p.type, cls)} | null`)
          .join("; ")} }`;
  const result =
    method.returnType === "void"
      ? "void"
      : `${types.typeOf(method.returnType, cls)} | null`;
  const lines = [`declare module ${JSON.stringify(moduleName)} {`];
  if (method.cacheable && !method.continuation)
    lines.push(
      '  import type { ApexCacheableMethod } from "@salesforce/apex";',
      ""
    );
  for (const declaration of types.declarationsText())
    lines.push(declaration, "");
  lines.push(`  /** ${signatureComment(entry)} */`);
  if (method.cacheable && !method.continuation) {
    lines.push(
      `  const ${method.name}: ApexCacheableMethod<${paramsType}, ${result}>;`,
      `  export default ${method.name};`
    );
  } else {
    const optional = method.params.length === 0 ? "?" : "";
    lines.push(
      `  export default function ${method.name}(params${optional}: ${paramsType}): Promise<${result}>;`
    );
  }
  lines.push("}");
  return lines.join("\n");
}

/** The whole generated declaration file for a model. Deterministic: same Apex, same bytes. */
export function generateApexTypes(model: ApexModel): string {
  const header = [
    "// Generated by `npm run build` (scripts/build/apexTypes.ts) from the @AuraEnabled Apex under force-app.",
    "// Do not edit: change the Apex and run `npm run build`. The gate fails when this file is out of date.",
    "// Parameters are optional and may be null, as Apex receives a missing argument as null; results may be null."
  ];
  const modules = [...model.methods.entries()]
    .sort(([a], [b]) => a.toLowerCase().localeCompare(b.toLowerCase()))
    .map(([name, entry]) => moduleText(name, entry, model));
  if (modules.length === 0)
    modules.push("// No @AuraEnabled static methods yet.");
  return `${header.join("\n")}\n\n${modules.join("\n\n")}\n`;
}

/** Reads the Apex under root and returns the text apex.d.ts should have. */
export function expectedApexTypes(root: string): {
  text: string;
  model: ApexModel;
} {
  const model = buildApexModel(findApexSources(root));
  return { text: generateApexTypes(model), model };
}
