/**
 * A small throwaway SFDX project for the build and lwc-build tests: one Apex controller, one labels
 * file and one TypeScript component that wires the controller, with the repository's tsconfig and
 * platform declarations (types/) and its node_modules linked in.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO_ROOT = path.resolve(__dirname, "..", "..");

export const CONTROLLER_FILE =
  "force-app/main/default/classes/DemoController.cls";
export const LABELS_FILE =
  "force-app/main/default/labels/CustomLabels.labels-meta.xml";
export const BUNDLE_DIR = "force-app/main/default/lwc/demoList";
export const COMPONENT_TS = `${BUNDLE_DIR}/demoList.ts`;
export const COMPONENT_JS = `${BUNDLE_DIR}/demoList.js`;
export const COMPONENT_HTML = `${BUNDLE_DIR}/demoList.html`;

export const CONTROLLER = `public with sharing class DemoController {
  public class Item {
    @AuraEnabled
    public String label;
  }

  @AuraEnabled(cacheable=true)
  public static List<Item> getItems(Id recordId) {
    return new List<Item>();
  }
}
`;

export const COMPONENT = `import { LightningElement, api, wire } from "lwc";
import type { ApexWireResult } from "@salesforce/apex";
import getItems from "@salesforce/apex/DemoController.getItems";
import type { Item } from "@salesforce/apex/DemoController.getItems";
import demoTitle from "@salesforce/label/c.Demo_Title";

export default class DemoList extends LightningElement {
  @api recordId?: string;

  @wire(getItems, { recordId: "$recordId" })
  items?: ApexWireResult<Item[] | null>;

  heading = demoTitle;

  get labels(): string[] {
    return (this.items?.data ?? []).map((item) => item.label ?? "");
  }
}
`;

const TEMPLATE = `<template>
  <h2>{heading}</h2>
  <template for:each={labels} for:item="label">
    <p key={label}>{label}</p>
  </template>
</template>
`;

const META = `<?xml version="1.0" encoding="UTF-8" ?>
<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">
  <apiVersion>67.0</apiVersion>
  <isExposed>false</isExposed>
</LightningComponentBundle>
`;

const LABELS = `<?xml version="1.0" encoding="UTF-8" ?>
<CustomLabels xmlns="http://soap.sforce.com/2006/04/metadata">
  <labels>
    <fullName>Demo_Title</fullName>
    <language>en_US</language>
    <protected>false</protected>
    <shortDescription>Demo title</shortDescription>
    <value>Demo</value>
  </labels>
</CustomLabels>
`;

export interface TestProject {
  root: string;
  write(file: string, text: string): void;
  read(file: string): string;
  remove(file: string): void;
  exists(file: string): boolean;
  dispose(): void;
}

/** Creates the project in a temp folder; call dispose() when done. */
export function createTestProject(): TestProject {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "lwc-build-test-"));
  const project: TestProject = {
    root,
    write(file, text) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    },
    read: (file) => fs.readFileSync(path.join(root, file), "utf8"),
    remove: (file) => fs.rmSync(path.join(root, file), { force: true }),
    exists: (file) => fs.existsSync(path.join(root, file)),
    dispose: () => fs.rmSync(root, { recursive: true, force: true })
  };
  fs.symlinkSync(
    path.join(REPO_ROOT, "node_modules"),
    path.join(root, "node_modules"),
    "dir"
  );
  const tsconfig = JSON.parse(
    fs.readFileSync(path.join(REPO_ROOT, "tsconfig.json"), "utf8")
  ) as { compilerOptions: { paths?: Record<string, string[]> } };
  // The repository's own c/ paths do not belong here; the build must add the project's.
  tsconfig.compilerOptions.paths = Object.fromEntries(
    Object.entries(tsconfig.compilerOptions.paths ?? {}).filter(
      ([key]) => !key.startsWith("c/")
    )
  );
  project.write("tsconfig.json", `${JSON.stringify(tsconfig, null, 2)}\n`);
  for (const entry of fs.readdirSync(path.join(REPO_ROOT, "types"))) {
    if (entry.endsWith(".d.ts")) {
      project.write(
        `types/${entry}`,
        fs.readFileSync(path.join(REPO_ROOT, "types", entry), "utf8")
      );
    }
  }
  project.write(CONTROLLER_FILE, CONTROLLER);
  project.write(LABELS_FILE, LABELS);
  project.write(COMPONENT_TS, COMPONENT);
  project.write(COMPONENT_HTML, TEMPLATE);
  project.write(`${BUNDLE_DIR}/demoList.js-meta.xml`, META);
  return project;
}
