import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { BuildError, build } from "./build";
import { APEX_TYPES_FILE } from "./apexTypes";
import {
  BUNDLE_DIR,
  COMPONENT,
  COMPONENT_JS,
  COMPONENT_TS,
  CONTROLLER,
  CONTROLLER_FILE,
  type TestProject,
  createTestProject
} from "./testProject";

describe("npm run build", () => {
  let project: TestProject;

  before(() => {
    project = createTestProject();
  });
  after(() => project.dispose());

  it("generates the Apex types and c/ paths, type-checks and compiles the component", async () => {
    const result = await build(project.root);

    const apexTypes = project.read(APEX_TYPES_FILE);
    assert.match(
      apexTypes,
      /declare module "@salesforce\/apex\/DemoController.getItems"/
    );
    assert.match(apexTypes, /export interface Item \{\s+label\?: string;/);

    const tsconfig = JSON.parse(project.read("tsconfig.json")) as {
      compilerOptions: { paths: Record<string, string[]> };
    };
    assert.deepEqual(tsconfig.compilerOptions.paths["c/demoList"], [
      `./${BUNDLE_DIR}/demoList`
    ]);
    assert.ok(
      tsconfig.compilerOptions.paths["jest-mocks/*"],
      "paths that are not c/* are kept"
    );

    const js = project.read(COMPONENT_JS);
    assert.match(js, /^\/\/ Compiled from demoList\.ts by npm run build/);
    assert.match(
      js,
      /@wire\(getItems, \{ recordId: "\$recordId" \}\)\s+items;/
    );
    assert.match(js, /@api\s+recordId;/);
    assert.doesNotMatch(js, /import type|ApexWireResult|\?:/);
    assert.deepEqual(
      result.changed.sort(),
      [COMPONENT_JS, "tsconfig.json", APEX_TYPES_FILE].sort()
    );
    assert.ok(result.log.some((line) => /1 \.ts type-checked/.test(line)));
  });

  it("changes nothing when run again", async () => {
    const before = fs.statSync(path.join(project.root, COMPONENT_JS)).mtimeMs;
    const result = await build(project.root, { typeCheck: false });
    assert.deepEqual(result.changed, []);
    assert.equal(
      fs.statSync(path.join(project.root, COMPONENT_JS)).mtimeMs,
      before
    );
  });

  it("deletes a .js it compiled once the .ts is gone, but never a hand-written .js", async () => {
    project.write(
      `${BUNDLE_DIR}/format.ts`,
      "export const upper = (s: string): string => s.toUpperCase();\n"
    );
    project.write(`${BUNDLE_DIR}/legacy.js`, "export const legacy = 1;\n");
    await build(project.root, { typeCheck: false });
    assert.ok(project.exists(`${BUNDLE_DIR}/format.js`));

    project.remove(`${BUNDLE_DIR}/format.ts`);
    const result = await build(project.root, { typeCheck: false });
    assert.equal(project.exists(`${BUNDLE_DIR}/format.js`), false);
    assert.ok(result.changed.includes(`${BUNDLE_DIR}/format.js`));
    assert.ok(project.exists(`${BUNDLE_DIR}/legacy.js`));
    project.remove(`${BUNDLE_DIR}/legacy.js`);
  });

  it("refuses to compile a component with a type error, naming the file and line", async () => {
    const compiledBefore = project.read(COMPONENT_JS);
    project.write(
      COMPONENT_TS,
      COMPONENT.replace(
        'getItems, { recordId: "$recordId" }',
        "getItems, { recordId: 42 }"
      ).replace(
        "heading = demoTitle;",
        'heading = demoTitle;\n  count: number = "many";'
      )
    );
    await assert.rejects(build(project.root), (error: unknown) => {
      assert.ok(error instanceof BuildError);
      assert.match(
        error.message,
        new RegExp(`${COMPONENT_TS}:10:\\d+: error TS2345`)
      );
      assert.match(
        error.message,
        new RegExp(`${COMPONENT_TS}:14:\\d+: error TS2322`)
      );
      return true;
    });
    assert.equal(project.read(COMPONENT_JS), compiledBefore);
    project.write(COMPONENT_TS, COMPONENT);
  });

  it("refuses an import of an Apex method that does not exist", async () => {
    project.write(
      COMPONENT_TS,
      COMPONENT.replace(/DemoController\.getItems/g, "DemoController.getAll")
    );
    await assert.rejects(
      build(project.root),
      new RegExp(
        `${COMPONENT_TS}:3:\\d+: error TS2307: Cannot find module '@salesforce/apex/DemoController.getAll'`
      )
    );
    project.write(COMPONENT_TS, COMPONENT);
  });

  it("names the Apex class it cannot read", async () => {
    project.write(
      CONTROLLER_FILE,
      CONTROLLER.replace("public String label;", "public String label")
    );
    await assert.rejects(
      build(project.root, { typeCheck: false }),
      new RegExp(`${CONTROLLER_FILE}:5: expected ";" after field label`)
    );
    project.write(CONTROLLER_FILE, CONTROLLER);
  });
});
