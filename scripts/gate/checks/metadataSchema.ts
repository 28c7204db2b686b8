/**
 * Every metadata XML file validates against the schema generated from @salesforce/types (schema/): the root element
 * is the file's metadata type (as source-deploy-retrieve resolves it) in the Metadata API namespace, every element
 * is a field of its type, and enum, boolean and numeric values are valid. Beyond the schema it checks what the
 * Metadata API rejects and a conversion does not: an apiVersion above the project's sourceApiVersion, a decomposed
 * file whose fullName differs from its file name, and Custom Metadata records whose fields or values do not match
 * their type's fields.
 */
import * as fs from "node:fs";
import {
  ForceIgnore,
  MetadataResolver,
  type SourceComponent
} from "@salesforce/source-deploy-retrieve";
import { loadMetadataSchema } from "../schema/loadSchema";
import { listFiles, readDxProject, relativePath } from "../schema/project";
import {
  XSD_VALUE_TYPE_NAMES,
  validateMetadataDocument
} from "../schema/validateMetadataXml";
import { parseXmlTree, type XmlElement } from "../schema/xmlTree";
import { wellFormednessProblems } from "./metadataWellFormed";
import type { Check, CheckContext, Finding } from "../types";

const NAME = "metadata-schema";

interface ParsedFile {
  file: string;
  component: SourceComponent;
  root: XmlElement;
}

export const metadataSchemaCheck: Check = {
  name: NAME,
  description:
    "every metadata XML file matches its Metadata API type (schema from @salesforce/types): elements, enums, booleans, numbers, apiVersion, Custom Metadata records",
  async run(ctx: CheckContext): Promise<Finding[]> {
    const project = readDxProject(ctx.root);
    const loaded = loadMetadataSchema();
    ctx.log(
      `schema ${loaded.fromCache ? "read from" : "generated into"} ${loaded.cacheFile ?? "memory"}`
    );
    const schema = loaded.schema;
    const maxApiVersion = Number(project.sourceApiVersion);
    const forceIgnore = ForceIgnore.findAndCreate(ctx.root);
    const resolver = new MetadataResolver();
    const findings: Finding[] = [];
    const parsed: ParsedFile[] = [];
    const report = (
      file: string,
      line: number | undefined,
      message: string
    ): void => {
      findings.push({
        check: NAME,
        file: relativePath(ctx.root, file),
        line,
        message
      });
    };

    const files = project.packageDirs
      .flatMap((dir) => listFiles(dir))
      .filter(
        (file) => file.endsWith("-meta.xml") && !forceIgnore.denies(file)
      );
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      // Malformed files are metadata-well-formed's findings; files no component claims are unclaimed-files'.
      if (wellFormednessProblems(text).length > 0) continue;
      const component = componentOwning(resolver, file);
      if (!component) continue;
      const root = parseXmlTree(text);
      parsed.push({ file, component, root });
      const typeName = rootElementOf(component);
      if (!schema.types[typeName])
        ctx.log(
          `${relativePath(ctx.root, file)}: no schema for ${typeName}, root checked only`
        );
      for (const issue of validateMetadataDocument(root, typeName, schema))
        report(file, issue.line, issue.message);
      if (root.name !== typeName) continue;

      const apiVersion = root.children.find(
        (child) => child.name === "apiVersion"
      );
      if (
        apiVersion &&
        /^\d+(\.\d+)?$/.test(apiVersion.text) &&
        Number(apiVersion.text) > maxApiVersion
      ) {
        report(
          file,
          apiVersion.line,
          `apiVersion ${apiVersion.text} is newer than the project's sourceApiVersion ${project.sourceApiVersion}: expected ${project.sourceApiVersion} or lower`
        );
      }
      const fullName = root.children.find((child) => child.name === "fullName");
      if (component.parent && fullName && fullName.text !== component.name) {
        report(
          file,
          fullName.line,
          `<fullName>${fullName.text}</fullName> differs from the file name: expected ${component.name} (the deploy would name it ${component.parent.fullName}.${fullName.text})`
        );
      }
    }
    findings.push(...checkCustomMetadataRecords(ctx.root, parsed));
    ctx.log(`${parsed.length} metadata files validated`);
    return findings;
  }
};

/** The root element a component's metadata XML must have: its type, except settings (`LightningExperienceSettings`). */
function rootElementOf(component: SourceComponent): string {
  return component.type.name === "Settings"
    ? `${component.fullName}Settings`
    : component.type.name;
}

/** The component (or decomposed child) whose metadata XML `file` is, as SDR resolves it; undefined if none. */
function componentOwning(
  resolver: MetadataResolver,
  file: string
): SourceComponent | undefined {
  let components: SourceComponent[];
  try {
    components = resolver.getComponentsFromPath(file);
  } catch {
    return undefined;
  }
  for (const component of components) {
    if (component.xml === file) return component;
    const child = component
      .getChildren()
      .find((candidate) => candidate.xml === file);
    if (child) return child;
  }
  return undefined;
}

interface CmdtField {
  type: string;
  length?: number;
  restrictedValues?: string[];
}

/** Which xsi:type a record value must declare for each Custom Metadata field type. */
const XSD_TYPES_BY_FIELD_TYPE: Record<string, string[]> = {
  Checkbox: ["boolean"],
  Number: ["double", "int", "long", "decimal"],
  Percent: ["double", "int", "long", "decimal"],
  Currency: ["double", "int", "long", "decimal"],
  Date: ["date"],
  DateTime: ["dateTime"],
  Text: ["string"],
  TextArea: ["string"],
  LongTextArea: ["string"],
  Email: ["string"],
  Phone: ["string"],
  Url: ["string"],
  Picklist: ["string"],
  MetadataRelationship: ["string"]
};

/**
 * A Custom Metadata record names its type's fields as plain text, which the schema cannot check: each must be a
 * field of the type in this project, appear once, and carry a value of the field's type.
 */
function checkCustomMetadataRecords(
  root: string,
  parsed: ParsedFile[]
): Finding[] {
  const findings: Finding[] = [];
  const objects = new Set<string>();
  const fieldsByObject = new Map<string, Map<string, CmdtField>>();
  for (const { component, root: xml } of parsed) {
    if (component.type.name === "CustomObject") objects.add(component.fullName);
    if (component.type.name !== "CustomField" || !component.parent) continue;
    const objectName = component.parent.fullName;
    const fields =
      fieldsByObject.get(objectName) ?? new Map<string, CmdtField>();
    fieldsByObject.set(objectName, fields);
    const child = (name: string): XmlElement | undefined =>
      xml.children.find((candidate) => candidate.name === name);
    const valueSet = child("valueSet");
    const restricted =
      valueSet?.children.find((candidate) => candidate.name === "restricted")
        ?.text === "true";
    const values = valueSet?.children
      .find((candidate) => candidate.name === "valueSetDefinition")
      ?.children.filter((candidate) => candidate.name === "value")
      .map(
        (value) =>
          value.children.find((candidate) => candidate.name === "fullName")
            ?.text ?? ""
      );
    fields.set(component.name, {
      type: child("type")?.text ?? "",
      length: child("length") ? Number(child("length")?.text) : undefined,
      restrictedValues: restricted ? values : undefined
    });
  }

  for (const { file, component, root: xml } of parsed) {
    if (
      component.type.name !== "CustomMetadata" ||
      xml.name !== "CustomMetadata"
    )
      continue;
    const report = (line: number, message: string): void => {
      findings.push({
        check: NAME,
        file: relativePath(root, file),
        line,
        message
      });
    };
    const typeName = `${component.fullName.split(".")[0]}__mdt`;
    if (!objects.has(typeName)) {
      report(
        xml.line,
        `record of Custom Metadata Type ${typeName}, which is not in the project: expected objects/${typeName}`
      );
      continue;
    }
    const fields = fieldsByObject.get(typeName) ?? new Map<string, CmdtField>();
    const seen = new Set<string>();
    for (const values of xml.children.filter(
      (candidate) => candidate.name === "values"
    )) {
      const fieldElement = values.children.find(
        (candidate) => candidate.name === "field"
      );
      const valueElement = values.children.find(
        (candidate) => candidate.name === "value"
      );
      if (!fieldElement) continue;
      const fieldName = fieldElement.text;
      const field = fields.get(fieldName);
      if (!field) {
        report(
          fieldElement.line,
          `${typeName} has no field ${fieldName}: expected one of ${[...fields.keys()].sort().join(", ") || "(no fields)"}`
        );
        continue;
      }
      if (seen.has(fieldName))
        report(
          fieldElement.line,
          `${fieldName} is given more than once in this record`
        );
      seen.add(fieldName);
      if (!valueElement) continue;
      const nil = Object.entries(valueElement.attributes).some(
        ([name, value]) => name.endsWith(":nil") && value === "true"
      );
      if (nil) continue;
      const declared = Object.entries(valueElement.attributes).find(([name]) =>
        name.endsWith(":type")
      )?.[1];
      const expected = XSD_TYPES_BY_FIELD_TYPE[field.type];
      const local = declared?.slice(declared.indexOf(":") + 1);
      // An unknown xsd type is the schema validation's finding already.
      if (
        expected &&
        local &&
        XSD_VALUE_TYPE_NAMES.includes(local) &&
        !expected.includes(local)
      ) {
        report(
          valueElement.line,
          `${fieldName} is a ${field.type} field but its value is declared ${declared}: expected xsd:${expected[0]}`
        );
      }
      if (
        field.type === "Text" &&
        field.length !== undefined &&
        valueElement.text.length > field.length
      ) {
        report(
          valueElement.line,
          `value of ${fieldName} has ${valueElement.text.length} characters: the field holds at most ${field.length}`
        );
      }
      if (
        field.restrictedValues &&
        !field.restrictedValues.includes(valueElement.text)
      ) {
        report(
          valueElement.line,
          `"${valueElement.text}" is not a value of the restricted picklist ${fieldName}: expected one of ${field.restrictedValues.join(", ")}`
        );
      }
    }
  }
  return findings;
}
