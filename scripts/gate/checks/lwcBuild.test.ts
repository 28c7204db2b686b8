import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import type { Finding } from "../types";
import { lwcBuildCheck } from "./lwcBuild";
import { build } from "../../build/build";
import { APEX_TYPES_FILE } from "../../build/apexTypes";
import {
  BUNDLE_DIR,
  COMPONENT,
  COMPONENT_HTML,
  COMPONENT_JS,
  COMPONENT_TS,
  CONTROLLER,
  CONTROLLER_FILE,
  type TestProject,
  createTestProject
} from "../../build/testProject";

function run(project: TestProject): Promise<Finding[]> {
  return lwcBuildCheck.run({ root: project.root, log: () => undefined });
}

/** Findings as `file:line message` strings, easy to compare and to read in a failure. */
async function findingsOf(project: TestProject): Promise<string[]> {
  const findings = await run(project);
  for (const finding of findings) assert.equal(finding.check, "lwc-build");
  return findings.map(
    (f) => `${f.file ?? ""}${f.line ? `:${f.line}` : ""} ${f.message}`
  );
}

function assertOne(findings: string[], pattern: RegExp): void {
  assert.equal(
    findings.filter((f) => pattern.test(f)).length,
    1,
    `expected one finding like ${pattern}, got:\n${findings.join("\n")}`
  );
}

describe("lwc-build check", () => {
  let project: TestProject;

  beforeEach(async () => {
    project = createTestProject();
    // The type-check is the build's and tsc's business; this check looks at what the build leaves.
    await build(project.root, { typeCheck: false });
  });
  afterEach(() => project.dispose());

  it("passes a freshly built project", async () => {
    assert.deepEqual(await findingsOf(project), []);
  });

  it("reports a component .ts left unbuilt, naming the .ts", async () => {
    project.remove(COMPONENT_JS);
    const findings = await findingsOf(project);
    assert.deepEqual(findings, [
      `${COMPONENT_TS} not built: run npm run build`
    ]);
  });

  it("reports a .js that no longer matches its .ts", async () => {
    project.write(
      COMPONENT_TS,
      COMPONENT.replace("heading = demoTitle;", 'heading = demoTitle + "!";')
    );
    assertOne(
      await findingsOf(project),
      new RegExp(
        `^${COMPONENT_TS} stale: ${COMPONENT_JS} is not what this \\.ts compiles to now`
      )
    );
  });

  it("reports generated Apex types that no longer match the Apex", async () => {
    project.write(
      CONTROLLER_FILE,
      CONTROLLER.replace(
        "  @AuraEnabled(cacheable=true)",
        "  @AuraEnabled\n  public static void clear() {\n  }\n\n  @AuraEnabled(cacheable=true)"
      )
    );
    assert.deepEqual(await findingsOf(project), [
      `${APEX_TYPES_FILE} out of date with the @AuraEnabled Apex: run npm run build and commit it`
    ]);

    project.remove(APEX_TYPES_FILE);
    assertOne(
      await findingsOf(project),
      new RegExp(`^${APEX_TYPES_FILE} missing`)
    );
  });

  it("reports an import of an Apex method or class that does not exist, with its line", async () => {
    const importing = (name: string): void =>
      project.write(
        COMPONENT_TS,
        COMPONENT.replace(
          'import getItems from "@salesforce/apex/DemoController.getItems";',
          `import getItems from "@salesforce/apex/${name}";`
        )
      );

    importing("DemoController.getItemz");
    assertOne(
      await findingsOf(project),
      new RegExp(
        `^${COMPONENT_TS}:3 imports @salesforce/apex/DemoController\\.getItemz, but DemoController has no @AuraEnabled static method getItemz$`
      )
    );

    importing("DemoController.getitems");
    assertOne(
      await findingsOf(project),
      /:3 imports @salesforce\/apex\/DemoController\.getitems, but the Apex method is spelled @salesforce\/apex\/DemoController\.getItems$/
    );

    importing("MissingController.getItems");
    assertOne(
      await findingsOf(project),
      /:3 imports @salesforce\/apex\/MissingController\.getItems, but there is no Apex class MissingController under force-app$/
    );
  });

  it("reports an import of a Custom Label that does not exist", async () => {
    project.write(
      COMPONENT_TS,
      COMPONENT.replace("c.Demo_Title", "c.Demo_Missing_Title")
    );
    assertOne(
      await findingsOf(project),
      new RegExp(
        `^${COMPONENT_TS}:5 imports @salesforce/label/c\\.Demo_Missing_Title, but no Custom Label Demo_Missing_Title exists`
      )
    );
  });

  it("reports a TypeScript component added without regenerating the c/ paths", async () => {
    project.write(
      `${BUNDLE_DIR}/../newThing/newThing.ts`,
      "export const x = 1;\n"
    );
    const findings = await findingsOf(project);
    assertOne(
      findings,
      /^tsconfig\.json its c\/\* paths do not list every TypeScript component/
    );
    assertOne(findings, /newThing\/newThing\.ts not built/);
  });

  it("reports TypeScript that reached a .js, which the LWC compiler rejects", async () => {
    project.write(COMPONENT_JS, COMPONENT);
    assertOne(
      await findingsOf(project),
      new RegExp(
        `^${COMPONENT_JS}:\\d+ rejected by the LWC compiler: .*LWC1007`
      )
    );
  });

  it("reports a template the LWC compiler rejects, with its line", async () => {
    project.write(
      COMPONENT_HTML,
      '<template>\n  <h2>{heading}</h2>\n  <p onclick="{heading}"></p>\n</template>\n'
    );
    assertOne(
      await findingsOf(project),
      new RegExp(`^${COMPONENT_HTML}:3 rejected by the LWC compiler: .*LWC1034`)
    );
  });
});
