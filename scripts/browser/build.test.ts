/**
 * The harness build refuses what a deploy would refuse (a label nobody defined) and what it has no double for (a
 * platform module), naming the module; and it bundles exactly one LWC engine.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { buildHarness, readCustomLabels } from "./build";

const LABELS = `<?xml version="1.0" encoding="UTF-8"?>
<CustomLabels xmlns="http://soap.sforce.com/2006/04/metadata">
  <labels>
    <fullName>OneKosmos_Probe_Title</fullName>
    <language>en_US</language>
    <protected>false</protected>
    <shortDescription>Probe</shortDescription>
    <value>Probe &amp; title</value>
  </labels>
</CustomLabels>
`;

const made: string[] = [];

/** A project with one component, probe, whose .js is the given source (no .ts, so no build needed). */
function projectWith(js: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "harness-build-"));
  made.push(root);
  // A project root as the LWC module resolver knows one: a package.json, and the tools' node_modules.
  fs.writeFileSync(path.join(root, "package.json"), '{ "name": "probe" }\n');
  fs.symlinkSync(
    path.join(__dirname, "..", "..", "node_modules"),
    path.join(root, "node_modules"),
    "dir"
  );
  const bundle = path.join(root, "force-app/main/x/lwc/probe");
  fs.mkdirSync(bundle, { recursive: true });
  fs.writeFileSync(path.join(bundle, "probe.js"), js);
  fs.writeFileSync(
    path.join(bundle, "probe.html"),
    "<template>{title}</template>"
  );
  const labels = path.join(root, "force-app/main/x/labels");
  fs.mkdirSync(labels, { recursive: true });
  fs.writeFileSync(path.join(labels, "CustomLabels.labels-meta.xml"), LABELS);
  return root;
}

const component = (
  imports: string
): string => `import { LightningElement } from "lwc";
${imports}
export default class Probe extends LightningElement { title = title; }
`;

after(() => {
  for (const root of made) fs.rmSync(root, { recursive: true, force: true });
});

describe("harness build", () => {
  it("reads label values from the Custom Labels files, entities decoded", () => {
    const root = projectWith(component(""));
    assert.equal(
      readCustomLabels(root).get("OneKosmos_Probe_Title"),
      "Probe & title"
    );
  });

  it("inlines a defined label and bundles one LWC engine, without warnings", async () => {
    const root = projectWith(
      component(
        `import title from "@salesforce/label/c.OneKosmos_Probe_Title";`
      )
    );
    const bundle = await buildHarness(root, new Set(["probe"]));
    assert.deepEqual(bundle.components, ["probe"]);
    assert.ok(bundle.code.includes(JSON.stringify("Probe & title")));
    // One engine: the base class is defined once (a second copy would make components from two engines).
    assert.equal(
      bundle.code.match(/const LightningElement(\$\d+)? = function/g)?.length,
      1
    );
    assert.deepEqual(bundle.warnings, []);
  });

  it("fails on a label no labels file defines", async () => {
    const root = projectWith(
      component(
        `import title from "@salesforce/label/c.OneKosmos_Probe_Missing";`
      )
    );
    await assert.rejects(
      buildHarness(root, new Set(["probe"])),
      /Custom Label c\.OneKosmos_Probe_Missing is imported but defined in no/
    );
  });

  it("fails on a platform module it has no double for, naming it", async () => {
    const root = projectWith(
      component(`import title from "lightning/navigation";`)
    );
    await assert.rejects(
      buildHarness(root, new Set(["probe"])),
      /no test double for lightning\/navigation/
    );
  });

  it("fails when a scenario names a component that is not in force-app", async () => {
    const root = projectWith(component(`const title = "x";`));
    await assert.rejects(
      buildHarness(root, new Set(["probe", "gone"])),
      /not in force-app: gone/
    );
  });
});
