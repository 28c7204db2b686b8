import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  metadataWellFormedCheck,
  wellFormednessProblems
} from "./metadataWellFormed";
import {
  CORE_DIR,
  cleanProject,
  describeFindings,
  runOn,
  withEdit
} from "../schema/testFixtures";

const FIELD = `${CORE_DIR}/objects/Thing__c/fields/Name__c.field-meta.xml`;

describe("metadata-well-formed check", () => {
  test("a clean project has no findings", async () => {
    const findings = await runOn(metadataWellFormedCheck, cleanProject());
    assert.deepEqual(findings, [], describeFindings(findings));
  });

  test("an unclosed element is reported with file and line", async () => {
    const findings = await runOn(
      metadataWellFormedCheck,
      withEdit(FIELD, (xml) =>
        xml.replace("<label>Name</label>", "<label>Name")
      )
    );
    assert.equal(findings.length, 1, describeFindings(findings));
    assert.equal(findings[0].check, "metadata-well-formed");
    assert.equal(findings[0].file, FIELD);
    assert.equal(findings[0].line, 8);
    assert.match(findings[0].message, /malformed XML: .*label/);
  });

  test("a bare ampersand is reported with its line and column", async () => {
    const findings = await runOn(
      metadataWellFormedCheck,
      withEdit(FIELD, (xml) =>
        xml.replace("<label>Name</label>", "<label>Name & Title</label>")
      )
    );
    assert.equal(findings.length, 1, describeFindings(findings));
    assert.equal(findings[0].file, FIELD);
    assert.equal(findings[0].line, 4);
    assert.equal(findings[0].column, 15);
  });

  test("an undefined entity is reported (the validator alone lets it through)", async () => {
    const findings = await runOn(
      metadataWellFormedCheck,
      withEdit(FIELD, (xml) =>
        xml.replace("<label>Name</label>", "<label>Name&nbsp;Title</label>")
      )
    );
    assert.equal(findings.length, 1, describeFindings(findings));
    assert.equal(findings[0].file, FIELD);
    assert.equal(findings[0].line, 4);
    assert.match(findings[0].message, /undefined entity &nbsp;/);
  });

  test("XML files under config/ are checked too", async () => {
    const files = cleanProject();
    files["config/broken.xml"] =
      '<?xml version="1.0"?>\n<Settings>\n  <a></b>\n</Settings>\n';
    const findings = await runOn(metadataWellFormedCheck, files);
    assert.equal(findings.length, 1, describeFindings(findings));
    assert.equal(findings[0].file, "config/broken.xml");
    assert.equal(findings[0].line, 3);
  });

  test("an empty XML file is reported", async () => {
    const findings = await runOn(
      metadataWellFormedCheck,
      withEdit(FIELD, () => "")
    );
    assert.equal(findings.length, 1, describeFindings(findings));
    assert.equal(findings[0].file, FIELD);
    assert.match(findings[0].message, /empty XML file/);
  });

  test("a project without sfdx-project.json is reported, not thrown", async () => {
    const files = cleanProject();
    delete files["sfdx-project.json"];
    const findings = await runOn(metadataWellFormedCheck, files);
    assert.equal(findings.length, 1, describeFindings(findings));
    assert.equal(findings[0].file, "sfdx-project.json");
  });
});

describe("wellFormednessProblems", () => {
  test("accepts a well-formed document", () => {
    assert.deepEqual(
      wellFormednessProblems('<?xml version="1.0"?>\n<a><b>x</b></a>\n'),
      []
    );
  });

  test("reports two root elements", () => {
    const problems = wellFormednessProblems("<a></a>\n<b></b>\n");
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /malformed XML/);
  });

  test("accepts the predefined entities, character references, and & inside comments and CDATA", () => {
    const xml =
      '<a b="&quot;&#39;">&lt;&gt;&amp;&apos;&#x41;<!-- a & b --><![CDATA[ & ]]></a>';
    assert.deepEqual(wellFormednessProblems(xml), []);
  });

  test("reports a bare & inside an attribute, on the right line", () => {
    const problems = wellFormednessProblems(
      '<a>\n<!-- one\ntwo -->\n  <b c="x & y"/>\n</a>'
    );
    assert.equal(problems.length, 1);
    assert.equal(problems[0].line, 4);
    assert.match(problems[0].message, /bare "&"/);
  });

  test("reports a mismatched closing tag with its line and column", () => {
    const [problem] = wellFormednessProblems("<a>\n  <b></c>\n</a>");
    assert.equal(problem.line, 2);
    assert.equal(typeof problem.column, "number");
    assert.match(problem.message, /closing tag/);
  });
});
