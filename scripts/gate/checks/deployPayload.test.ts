import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  deployPayloadCheck,
  forbiddenPayloadReason,
  missingFromManifest
} from "./deployPayload";
import {
  CORE_DIR,
  cleanProject,
  describeFindings,
  runOn
} from "../schema/testFixtures";
import type { Finding } from "../types";

const BUNDLE = `${CORE_DIR}/lwc/thingCard`;

function messagesFor(findings: Finding[], file: string): string[] {
  for (const finding of findings) assert.equal(finding.check, "deploy-payload");
  return findings
    .filter((finding) => finding.file === file)
    .map((finding) => finding.message);
}

describe("deploy-payload check", () => {
  test("a clean project has no findings", async () => {
    const findings = await runOn(deployPayloadCheck, cleanProject());
    assert.deepEqual(findings, [], describeFindings(findings));
  });

  test("without .forceignore, TypeScript, tests and tsconfig leak into the payload and are traced to their source", async () => {
    const files = cleanProject();
    delete files[".forceignore"];
    files[`${BUNDLE}/thingCard.js.map`] = '{"version":3}';
    const findings = await runOn(deployPayloadCheck, files);
    const ts = messagesFor(findings, `${BUNDLE}/thingCard.ts`);
    assert.equal(ts.length, 1, describeFindings(findings));
    assert.match(ts[0], /lwc\/thingCard\/thingCard\.ts, TypeScript source/);
    assert.match(
      messagesFor(findings, `${BUNDLE}/__tests__/thingCard.test.ts`)[0] ?? "",
      /test code/
    );
    assert.match(
      messagesFor(findings, `${BUNDLE}/tsconfig.json`)[0] ?? "",
      /TypeScript\/JavaScript project file/
    );
    assert.match(
      messagesFor(findings, `${BUNDLE}/thingCard.js.map`)[0] ?? "",
      /source map/
    );
    assert.equal(findings.length, 4, describeFindings(findings));
  });

  test("an unbuilt TypeScript component leaves its bundle without JS", async () => {
    const files = cleanProject();
    delete files[`${BUNDLE}/thingCard.js`];
    const findings = await runOn(deployPayloadCheck, files);
    const messages = messagesFor(findings, `${BUNDLE}/thingCard.ts`);
    assert.equal(messages.length, 1, describeFindings(findings));
    assert.match(
      messages[0],
      /no lwc\/thingCard\/thingCard\.js: TypeScript component not built: run npm run build/
    );
  });

  test("a template that .forceignore keeps out of the payload is reported", async () => {
    const files = cleanProject();
    files[".forceignore"] += "\n**/lwc/**/*.html\n";
    const findings = await runOn(deployPayloadCheck, files);
    const messages = messagesFor(findings, `${BUNDLE}/thingCard.html`);
    assert.equal(messages.length, 1, describeFindings(findings));
    assert.match(messages[0], /lacks lwc\/thingCard\/thingCard\.html/);
  });

  test("a project that cannot be converted is reported with the file at fault", async () => {
    const files = cleanProject();
    delete files[`${CORE_DIR}/classes/OneKosmosThing.cls`];
    const findings = await runOn(deployPayloadCheck, files);
    assert.equal(findings.length, 1, describeFindings(findings));
    assert.equal(
      findings[0].file,
      `${CORE_DIR}/classes/OneKosmosThing.cls-meta.xml`
    );
    assert.match(findings[0].message, /cannot be converted/);
  });
});

describe("forbiddenPayloadReason", () => {
  test("refuses TypeScript, maps, tests and project files", () => {
    for (const payloadPath of [
      "lwc/a/a.ts",
      "lwc/a/util.mts",
      "lwc/a/a.d.ts",
      "lwc/a/a.js.map",
      "lwc/a/__tests__/a.test.js",
      "lwc/a/__mocks__/api.js",
      "lwc/a/a.spec.js",
      "lwc/a/tsconfig.json",
      "lwc/jsconfig.json",
      "lwc/a/tsconfig.build.json",
      "lwc/a/.tsbuildinfo"
    ]) {
      assert.ok(
        forbiddenPayloadReason(payloadPath),
        `${payloadPath} must be refused`
      );
    }
  });

  test("accepts what a deploy needs", () => {
    for (const payloadPath of [
      "lwc/a/a.js",
      "lwc/a/a.html",
      "lwc/a/a.css",
      "lwc/a/a.js-meta.xml",
      "lwc/a/utils.js",
      "classes/A.cls",
      "staticresources/tsdata.json",
      "package.xml"
    ]) {
      assert.equal(
        forbiddenPayloadReason(payloadPath),
        undefined,
        `${payloadPath} must be accepted`
      );
    }
  });
});

describe("missingFromManifest", () => {
  const packageXml = `<?xml version="1.0" encoding="UTF-8"?>
<Package xmlns="http://soap.sforce.com/2006/04/metadata">
  <types><members>A</members><name>ApexClass</name></types>
  <types><members>Thing__c.Name__c</members><members>Thing__c.Kind__c</members><name>CustomField</name></types>
  <version>67.0</version>
</Package>`;

  test("finds the components package.xml does not list", () => {
    const components = [
      { type: { name: "ApexClass" }, fullName: "A" },
      { type: { name: "ApexClass" }, fullName: "B" },
      { type: { name: "CustomField" }, fullName: "Thing__c.Kind__c" },
      { type: { name: "CustomObject" }, fullName: "Thing__c" }
    ];
    assert.deepEqual(
      missingFromManifest(components, packageXml).map(
        (component) => component.fullName
      ),
      ["B", "Thing__c"]
    );
  });

  test("looks a folder up under the type it holds", () => {
    const folder = {
      type: { name: "ReportFolder", folderContentType: "report" },
      fullName: "Sales"
    };
    const listed = `<Package><types><members>Sales</members><name>Report</name></types></Package>`;
    const typeNameOf = (id: string): string =>
      id === "report" ? "Report" : id;
    assert.deepEqual(missingFromManifest([folder], listed, typeNameOf), []);
    assert.deepEqual(
      missingFromManifest(
        [folder],
        listed.replace(">Sales<", ">Sales/<"),
        typeNameOf
      ),
      []
    );
    assert.deepEqual(missingFromManifest([folder], packageXml, typeNameOf), [
      folder
    ]);
  });
});
