/**
 * Every metadata XML file validates against the schema generated from @salesforce/types (schema/): the root element
 * is the file's metadata type (as source-deploy-retrieve resolves it) in the Metadata API namespace, every element
 * is a field of its type, and enum, boolean and numeric values are valid. Beyond the schema it checks what the
 * Metadata API rejects and a conversion does not: an apiVersion above the project's sourceApiVersion, a decomposed
 * file whose fullName differs from its file name, and references between the project's files (schema/references.ts:
 * permission sets, layouts, list views, Custom Metadata records).
 */
import * as fs from "node:fs";
import {
  ForceIgnore,
  MetadataResolver,
  type SourceComponent
} from "@salesforce/source-deploy-retrieve";
import { loadMetadataSchema } from "../schema/loadSchema";
import { listFiles, readDxProject, relativePath } from "../schema/project";
import { checkReferences, type MetadataFile } from "../schema/references";
import { validateMetadataDocument } from "../schema/validateMetadataXml";
import { parseXmlTree } from "../schema/xmlTree";
import { wellFormednessProblems } from "./metadataWellFormed";
import type { Check, CheckContext, Finding } from "../types";

const NAME = "metadata-schema";

export const metadataSchemaCheck: Check = {
  name: NAME,
  description:
    "every metadata XML file matches its Metadata API type (schema from @salesforce/types: elements and their order, enums, booleans, numbers), apiVersion, and references between the project's files",
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
    const validated: MetadataFile[] = [];
    const report = (file: string, line: number, message: string): void => {
      findings.push({ check: NAME, file, line, message });
    };

    const files = project.packageDirs
      .flatMap((dir) => listFiles(dir))
      .filter(
        (file) => file.endsWith("-meta.xml") && !forceIgnore.denies(file)
      );
    for (const file of files) {
      const relative = relativePath(ctx.root, file);
      const text = fs.readFileSync(file, "utf8");
      // Malformed files are metadata-well-formed's findings; files no component claims are unclaimed-files'.
      if (wellFormednessProblems(text).length > 0) continue;
      const component = componentOwning(resolver, file);
      if (!component) continue;
      const root = parseXmlTree(text);
      const typeName = rootElementOf(component);
      if (!schema.types[typeName]) {
        ctx.log(`${relative}: no schema for ${typeName}, root checked only`);
      }
      for (const issue of validateMetadataDocument(root, typeName, schema)) {
        report(relative, issue.line, issue.message);
      }
      validated.push({
        file: relative,
        typeName: component.type.name,
        name: component.name,
        parentName: component.parent?.fullName,
        root,
        checkable: root.name === typeName
      });
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
          relative,
          apiVersion.line,
          `apiVersion ${apiVersion.text} is newer than the project's sourceApiVersion ${project.sourceApiVersion}: expected ${project.sourceApiVersion} or lower`
        );
      }
      const fullName = root.children.find((child) => child.name === "fullName");
      if (component.parent && fullName && fullName.text !== component.name) {
        report(
          relative,
          fullName.line,
          `<fullName>${fullName.text}</fullName> differs from the file name: expected ${component.name} (the deploy would name it ${component.parent.fullName}.${fullName.text})`
        );
      }
    }
    for (const issue of checkReferences(validated)) {
      report(issue.file, issue.line, issue.message);
    }
    ctx.log(`${validated.length} metadata files validated`);
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
