import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { unclaimedFilesCheck } from "./unclaimedFiles";
import {
  CORE_DIR,
  cleanProject,
  describeFindings,
  runOn
} from "../schema/testFixtures";
import type { Finding } from "../types";

const CLASS = `${CORE_DIR}/classes/OneKosmosThing.cls`;
const BUNDLE = `${CORE_DIR}/lwc/thingCard`;

function findingsFor(findings: Finding[], file: string): Finding[] {
  for (const finding of findings)
    assert.equal(finding.check, "unclaimed-files");
  return findings.filter((finding) => finding.file === file);
}

describe("unclaimed-files check", () => {
  test("a clean project has no findings", async () => {
    const findings = await runOn(unclaimedFilesCheck, cleanProject());
    assert.deepEqual(findings, [], describeFindings(findings));
  });

  test("a .cls without its -meta.xml is reported (a deploy drops it silently)", async () => {
    const files = cleanProject();
    delete files[`${CLASS}-meta.xml`];
    const findings = await runOn(unclaimedFilesCheck, files);
    const about = findingsFor(findings, CLASS);
    assert.equal(about.length, 1, describeFindings(findings));
    assert.match(
      about[0].message,
      /OneKosmosThing\.cls has no OneKosmosThing\.cls-meta\.xml/
    );
  });

  test("a -meta.xml without its source is reported", async () => {
    const files = cleanProject();
    delete files[CLASS];
    const findings = await runOn(unclaimedFilesCheck, files);
    const about = findingsFor(findings, `${CLASS}-meta.xml`);
    assert.equal(about.length, 1, describeFindings(findings));
    assert.match(
      about[0].message,
      /^OneKosmosThing\.cls-meta\.xml has no OneKosmosThing\.cls beside it/
    );
    assert.match(
      about[0].message,
      /Expected source files for type 'ApexClass'/
    );
    assert.doesNotMatch(
      about[0].message,
      /\/tmp\//,
      "the message names the file relative to the project"
    );
  });

  test("a stray file is reported", async () => {
    const files = cleanProject();
    files[`${CORE_DIR}/classes/notes.md`] = "to do\n";
    files[`${CORE_DIR}/notes.txt`] = "to do\n";
    const findings = await runOn(unclaimedFilesCheck, files);
    assert.equal(
      findingsFor(findings, `${CORE_DIR}/classes/notes.md`).length,
      1,
      describeFindings(findings)
    );
    assert.equal(
      findingsFor(findings, `${CORE_DIR}/notes.txt`).length,
      1,
      describeFindings(findings)
    );
    assert.equal(findings.length, 2, describeFindings(findings));
  });

  test("a file that .forceignore excludes is not reported", async () => {
    const files = cleanProject();
    files[`${CORE_DIR}/notes.txt`] = "to do\n";
    files[".forceignore"] += "\n**/notes.txt\n";
    const findings = await runOn(unclaimedFilesCheck, files);
    assert.deepEqual(findings, [], describeFindings(findings));
  });

  test("a TypeScript component without its compiled .js is reported as not built", async () => {
    const files = cleanProject();
    delete files[`${BUNDLE}/thingCard.js`];
    const findings = await runOn(unclaimedFilesCheck, files);
    const about = findingsFor(findings, `${BUNDLE}/thingCard.ts`);
    assert.equal(about.length, 1, describeFindings(findings));
    assert.match(
      about[0].message,
      /^TypeScript component not built: run npm run build/
    );
    assert.equal(findings.length, 1, describeFindings(findings));
  });

  test("an unbuilt TypeScript module of a bundle is reported, tests and declarations are not", async () => {
    const files = cleanProject();
    files[`${BUNDLE}/format.ts`] =
      "export const format = (value: string): string => value;\n";
    files[`${BUNDLE}/types.d.ts`] = "export type Thing = { id: string };\n";
    const findings = await runOn(unclaimedFilesCheck, files);
    assert.equal(findings.length, 1, describeFindings(findings));
    assert.equal(findings[0].file, `${BUNDLE}/format.ts`);
    assert.match(findings[0].message, /not built/);
  });

  test("an LWC bundle with neither .js nor .ts is reported", async () => {
    const files = cleanProject();
    delete files[`${BUNDLE}/thingCard.js`];
    delete files[`${BUNDLE}/thingCard.ts`];
    const findings = await runOn(unclaimedFilesCheck, files);
    const about = findingsFor(findings, `${BUNDLE}/thingCard.js-meta.xml`);
    assert.equal(about.length, 1, describeFindings(findings));
    assert.match(about[0].message, /LWC bundle thingCard has no thingCard\.js/);
  });

  test("an LWC bundle without its .js-meta.xml is reported", async () => {
    const files = cleanProject();
    delete files[`${BUNDLE}/thingCard.js-meta.xml`];
    const findings = await runOn(unclaimedFilesCheck, files);
    assert.equal(findings.length, 1, describeFindings(findings));
    assert.equal(findings[0].file, BUNDLE);
    assert.match(
      findings[0].message,
      /LWC bundle thingCard has no thingCard\.js-meta\.xml/
    );
  });
});
