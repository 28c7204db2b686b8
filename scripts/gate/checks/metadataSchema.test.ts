import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { metadataSchemaCheck } from "./metadataSchema";
import {
  CORE_DIR,
  cleanProject,
  describeFindings,
  runOn,
  withEdit
} from "../schema/testFixtures";
import type { Finding } from "../types";

const FIELD = `${CORE_DIR}/objects/Thing__c/fields/Name__c.field-meta.xml`;
const PICKLIST = `${CORE_DIR}/objects/Thing__c/fields/Kind__c.field-meta.xml`;
const OBJECT = `${CORE_DIR}/objects/Thing__c/Thing__c.object-meta.xml`;
const CLASS_META = `${CORE_DIR}/classes/OneKosmosThing.cls-meta.xml`;
const RECORD = `${CORE_DIR}/customMetadata/Conf.Default.md-meta.xml`;
const LABELS = `${CORE_DIR}/labels/CustomLabels.labels-meta.xml`;
const PERMISSION_SET = `${CORE_DIR}/permissionsets/Thing_User.permissionset-meta.xml`;

/** Asserts exactly one finding, on `file` (and `line` when given), whose message matches every pattern. */
function assertOneFinding(
  findings: Finding[],
  file: string,
  line: number | undefined,
  ...patterns: RegExp[]
): void {
  assert.equal(
    findings.length,
    1,
    `expected one finding, got:\n${describeFindings(findings)}`
  );
  const [finding] = findings;
  assert.equal(finding.check, "metadata-schema");
  assert.equal(finding.file, file, describeFindings(findings));
  if (line !== undefined)
    assert.equal(finding.line, line, describeFindings(findings));
  for (const pattern of patterns) assert.match(finding.message, pattern);
}

describe("metadata-schema check", () => {
  test("a clean project has no findings", async () => {
    const findings = await runOn(metadataSchemaCheck, cleanProject());
    assert.deepEqual(findings, [], describeFindings(findings));
  });

  test("an unknown element is reported with its line and the likely intended element", async () => {
    const findings = await runOn(
      metadataSchemaCheck,
      withEdit(FIELD, (xml) =>
        xml.replace("<label>Name</label>", "<lable>Name</lable>")
      )
    );
    assertOneFinding(
      findings,
      FIELD,
      4,
      /unknown element <lable>/,
      /CustomField/,
      /did you mean <label>/
    );
  });

  test("a wrong enum value (field type Txt) names the enum and the intended value", async () => {
    const findings = await runOn(
      metadataSchemaCheck,
      withEdit(FIELD, (xml) =>
        xml.replace("<type>Text</type>", "<type>Txt</type>")
      )
    );
    assertOneFinding(
      findings,
      FIELD,
      7,
      /Txt/,
      /not a valid FieldType/,
      /did you mean Text/
    );
  });

  test("a wrong enum value on the object (sharingModel Everything) is reported", async () => {
    const findings = await runOn(
      metadataSchemaCheck,
      withEdit(OBJECT, (xml) =>
        xml.replace(
          "<sharingModel>Private</sharingModel>",
          "<sharingModel>Everything</sharingModel>"
        )
      )
    );
    assertOneFinding(
      findings,
      OBJECT,
      11,
      /Everything/,
      /SharingModel/,
      /ReadWrite/
    );
  });

  test("enum values are case sensitive", async () => {
    const findings = await runOn(
      metadataSchemaCheck,
      withEdit(FIELD, (xml) =>
        xml.replace("<type>Text</type>", "<type>text</type>")
      )
    );
    assertOneFinding(
      findings,
      FIELD,
      7,
      /expected Text \(values are case sensitive\)/
    );
  });

  test("a non-boolean value is reported", async () => {
    const findings = await runOn(
      metadataSchemaCheck,
      withEdit(FIELD, (xml) =>
        xml.replace("<required>false</required>", "<required>yes</required>")
      )
    );
    assertOneFinding(
      findings,
      FIELD,
      6,
      /<required>yes<\/required>/,
      /boolean, expected true or false/
    );
  });

  test("a non-numeric value is reported", async () => {
    const findings = await runOn(
      metadataSchemaCheck,
      withEdit(FIELD, (xml) =>
        xml.replace("<length>80</length>", "<length>ten</length>")
      )
    );
    assertOneFinding(
      findings,
      FIELD,
      5,
      /<length>ten<\/length>/,
      /is a number/
    );
  });

  test("an element repeated where the type holds one value is reported", async () => {
    const findings = await runOn(
      metadataSchemaCheck,
      withEdit(FIELD, (xml) =>
        xml.replace(
          "<label>Name</label>",
          "<label>Name</label>\n  <label>Other</label>"
        )
      )
    );
    assertOneFinding(findings, FIELD, 5, /<label> appears more than once/);
  });

  test("nested types are validated: an unknown element inside a picklist value", async () => {
    const findings = await runOn(
      metadataSchemaCheck,
      withEdit(PICKLIST, (xml) =>
        xml.replace("<default>false</default>", "<defualt>false</defualt>")
      )
    );
    assertOneFinding(
      findings,
      PICKLIST,
      12,
      /unknown element <defualt> in <value> \(a CustomValue\)/,
      /<default>/
    );
  });

  test("a complex element holding text is reported", async () => {
    const findings = await runOn(
      metadataSchemaCheck,
      withEdit(OBJECT, (xml) =>
        xml.replace(
          /<nameField>[\s\S]*<\/nameField>/,
          "<nameField>Name</nameField>"
        )
      )
    );
    assertOneFinding(
      findings,
      OBJECT,
      5,
      /nameField/,
      /expected child elements/
    );
  });

  test("inherited fields are known (fullName comes from Metadata)", async () => {
    const findings = await runOn(
      metadataSchemaCheck,
      withEdit(PERMISSION_SET, (xml) =>
        // First: the Metadata API sequence puts inherited elements before the type's own.
        xml.replace(
          "<classAccesses>",
          "<fullName>Thing_User</fullName>\n  <classAccesses>"
        )
      )
    );
    assert.deepEqual(findings, [], describeFindings(findings));
  });

  test("a root element that is not the file type is reported", async () => {
    const findings = await runOn(
      metadataSchemaCheck,
      withEdit(CLASS_META, (xml) => xml.replace(/ApexClass/g, "ApexTrigger"))
    );
    assertOneFinding(
      findings,
      CLASS_META,
      2,
      /root element is <ApexTrigger>/,
      /expected <ApexClass>/
    );
  });

  test("the tooling namespace older templates wrote into class metadata is accepted", async () => {
    const findings = await runOn(
      metadataSchemaCheck,
      withEdit(CLASS_META, (xml) =>
        xml.replace(
          "http://soap.sforce.com/2006/04/metadata",
          "urn:metadata.tooling.soap.sforce.com"
        )
      )
    );
    assert.deepEqual(findings, [], describeFindings(findings));
  });

  test("any other namespace is reported", async () => {
    const findings = await runOn(
      metadataSchemaCheck,
      withEdit(CLASS_META, (xml) =>
        xml.replace("http://soap.sforce.com/2006/04/metadata", "urn:example")
      )
    );
    assertOneFinding(findings, CLASS_META, 2, /has namespace "urn:example"/);
  });

  test("a settings file's root is named after the setting, and its fields are checked", async () => {
    const files = cleanProject();
    const settings = `${CORE_DIR}/settings/Security.settings-meta.xml`;
    files[settings] =
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<SecuritySettings xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
      "  <sessionSettings>\n" +
      "    <forceLogoutOnSessionTimeout>true</forceLogoutOnSessionTimeout>\n" +
      "  </sessionSettings>\n" +
      "</SecuritySettings>\n";
    assert.deepEqual(
      await runOn(metadataSchemaCheck, files),
      [],
      "a valid settings file"
    );
    files[settings] = files[settings].replace(
      ">true</forceLogoutOnSessionTimeout>",
      ">always</forceLogoutOnSessionTimeout>"
    );
    assertOneFinding(
      await runOn(metadataSchemaCheck, files),
      settings,
      4,
      /always/,
      /boolean/
    );
  });

  test("a missing Metadata API namespace is reported", async () => {
    const findings = await runOn(
      metadataSchemaCheck,
      withEdit(CLASS_META, (xml) =>
        xml.replace(' xmlns="http://soap.sforce.com/2006/04/metadata"', "")
      )
    );
    assertOneFinding(
      findings,
      CLASS_META,
      2,
      /no namespace/,
      /http:\/\/soap\.sforce\.com\/2006\/04\/metadata/
    );
  });

  test("an apiVersion above sourceApiVersion is reported", async () => {
    const findings = await runOn(
      metadataSchemaCheck,
      withEdit(CLASS_META, (xml) =>
        xml.replace(
          "<apiVersion>67.0</apiVersion>",
          "<apiVersion>68.0</apiVersion>"
        )
      )
    );
    assertOneFinding(
      findings,
      CLASS_META,
      3,
      /apiVersion 68\.0 is newer than the project's sourceApiVersion 67\.0/
    );
  });

  test("a non-numeric apiVersion is reported", async () => {
    const findings = await runOn(
      metadataSchemaCheck,
      withEdit(CLASS_META, (xml) =>
        xml.replace(
          "<apiVersion>67.0</apiVersion>",
          "<apiVersion>latest</apiVersion>"
        )
      )
    );
    assertOneFinding(findings, CLASS_META, 3, /latest/, /is a number/);
  });

  test("a decomposed file whose fullName differs from its file name is reported", async () => {
    const findings = await runOn(
      metadataSchemaCheck,
      withEdit(FIELD, (xml) =>
        xml.replace(
          "<fullName>Name__c</fullName>",
          "<fullName>Title__c</fullName>"
        )
      )
    );
    assertOneFinding(
      findings,
      FIELD,
      3,
      /differs from the file name: expected Name__c/
    );
  });

  describe("Custom Labels", () => {
    test("an unknown element inside a label is reported", async () => {
      const findings = await runOn(
        metadataSchemaCheck,
        withEdit(LABELS, (xml) =>
          xml.replace("<value>Hello</value>", "<valu>Hello</valu>")
        )
      );
      assertOneFinding(
        findings,
        LABELS,
        8,
        /unknown element <valu> in <labels> \(a CustomLabel\)/
      );
    });

    test("two labels with the same name are reported", async () => {
      const findings = await runOn(
        metadataSchemaCheck,
        withEdit(LABELS, (xml) => {
          const label = /<labels>[\s\S]*<\/labels>/.exec(xml)?.[0] ?? "";
          return xml.replace(label, `${label}\n  ${label}`);
        })
      );
      assertOneFinding(
        findings,
        LABELS,
        10,
        /duplicate <labels> with fullName "OneKosmos_Hello" \(first defined on line 3\)/
      );
    });
  });

  describe("Custom Metadata records", () => {
    test("a value that does not fit its xsi:type is reported", async () => {
      const findings = await runOn(
        metadataSchemaCheck,
        withEdit(RECORD, (xml) =>
          xml.replace(
            '<value xsi:type="xsd:boolean">true</value>',
            '<value xsi:type="xsd:boolean">yes</value>'
          )
        )
      );
      assertOneFinding(
        findings,
        RECORD,
        11,
        /declared xsd:boolean: expected true or false/
      );
    });

    test("an unknown xsd type is reported", async () => {
      const findings = await runOn(
        metadataSchemaCheck,
        withEdit(RECORD, (xml) =>
          xml.replace('xsi:type="xsd:double"', 'xsi:type="xsd:float"')
        )
      );
      assertOneFinding(
        findings,
        RECORD,
        15,
        /xsd:float/,
        /not a Custom Metadata value type/
      );
    });

    test("an xsi prefix that is not declared is reported", async () => {
      const findings = await runOn(
        metadataSchemaCheck,
        withEdit(RECORD, (xml) =>
          xml.replace(
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
            ""
          )
        )
      );
      assert.ok(findings.length >= 1, describeFindings(findings));
      for (const finding of findings) assert.equal(finding.file, RECORD);
      assert.ok(
        findings.some((finding) =>
          /undeclared prefix "xsi"/.test(finding.message)
        ),
        describeFindings(findings)
      );
    });

    test("a field the type does not have is reported", async () => {
      const findings = await runOn(
        metadataSchemaCheck,
        withEdit(RECORD, (xml) =>
          xml.replace("<field>Host__c</field>", "<field>Hots__c</field>")
        )
      );
      assertOneFinding(
        findings,
        RECORD,
        6,
        /Conf__mdt has no field Hots__c/,
        /Host__c/
      );
    });

    test("a value whose xsi:type does not match the field type is reported", async () => {
      const findings = await runOn(
        metadataSchemaCheck,
        withEdit(RECORD, (xml) =>
          xml.replace('xsi:type="xsd:double">5.0', 'xsi:type="xsd:string">5.0')
        )
      );
      assertOneFinding(
        findings,
        RECORD,
        15,
        /Minutes__c is a Number field/,
        /expected xsd:double/
      );
    });

    test("a text value longer than the field is reported", async () => {
      const findings = await runOn(
        metadataSchemaCheck,
        withEdit(RECORD, (xml) =>
          xml.replace(
            '<value xsi:nil="true"/>',
            `<value xsi:type="xsd:string">${"x".repeat(21)}</value>`
          )
        )
      );
      assertOneFinding(
        findings,
        RECORD,
        7,
        /21 characters: the field holds at most 20/
      );
    });

    test("a record of a type that is not in the project is reported", async () => {
      const files = cleanProject();
      const record = files[RECORD];
      delete files[RECORD];
      files[`${CORE_DIR}/customMetadata/Missing.Default.md-meta.xml`] = record;
      const findings = await runOn(metadataSchemaCheck, files);
      assertOneFinding(
        findings,
        `${CORE_DIR}/customMetadata/Missing.Default.md-meta.xml`,
        2,
        /Missing__mdt, which is not in the project/
      );
    });
  });

  describe("references between the project's files", () => {
    const LAYOUT = `${CORE_DIR}/layouts/Thing__c-Thing Layout.layout-meta.xml`;
    const LIST_VIEW = `${CORE_DIR}/objects/Thing__c/listViews/All.listView-meta.xml`;

    test("a permission set granting a field the project does not define is reported", async () => {
      const findings = await runOn(
        metadataSchemaCheck,
        withEdit(PERMISSION_SET, (xml) =>
          xml.replace("Thing__c.Kind__c", "Thing__c.Kinds__c")
        )
      );
      assertOneFinding(
        findings,
        PERMISSION_SET,
        17,
        /Thing__c has no field Kinds__c/
      );
    });

    test("field permissions on a required field are reported", async () => {
      const files = withEdit(FIELD, (xml) =>
        xml.replace("<required>false</required>", "<required>true</required>")
      );
      files[PERMISSION_SET] = files[PERMISSION_SET].replace(
        "Thing__c.Kind__c",
        "Thing__c.Name__c"
      );
      assertOneFinding(
        await runOn(metadataSchemaCheck, files),
        PERMISSION_SET,
        17,
        /Thing__c\.Name__c is a required field/
      );
    });

    test("a permission set naming a missing class, object or principal is reported", async () => {
      const findings = await runOn(
        metadataSchemaCheck,
        withEdit(PERMISSION_SET, (xml) =>
          xml
            .replace(
              "<apexClass>OneKosmosThing</apexClass>",
              "<apexClass>OneKosmosThingy</apexClass>"
            )
            .replace("<object>Thing__c</object>", "<object>Thang__c</object>")
            .replace("Svc-Svc_Principal", "Svc-Other")
        )
      );
      assert.deepEqual(
        findings.map((finding) => `${finding.file}:${finding.line}`),
        [`${PERMISSION_SET}:4`, `${PERMISSION_SET}:13`, `${PERMISSION_SET}:33`],
        describeFindings(findings)
      );
      assert.match(findings[0].message, /no Apex class OneKosmosThingy/);
      assert.match(findings[1].message, /expected .*: Svc-Svc_Principal/);
      assert.match(findings[2].message, /no object of that name/);
    });

    test("standard and packaged names are left to the org", async () => {
      const findings = await runOn(
        metadataSchemaCheck,
        withEdit(PERMISSION_SET, (xml) =>
          xml
            .replace("Account.Rating", "Account.Rating__c")
            .replace(
              "<apexClass>OneKosmosThing</apexClass>",
              "<apexClass>pkg__Helper</apexClass>"
            )
            .replace(
              "<object>Thing__c</object>",
              "<object>pkg__Thing__c</object>"
            )
        )
      );
      assert.deepEqual(findings, [], describeFindings(findings));
    });

    test("a layout showing a field the object does not have is reported", async () => {
      const findings = await runOn(
        metadataSchemaCheck,
        withEdit(LAYOUT, (xml) =>
          xml.replace("<field>Kind__c</field>", "<field>Knd__c</field>")
        )
      );
      assertOneFinding(findings, LAYOUT, 15, /Thing__c has no field Knd__c/);
    });

    test("a list view column or filter on a missing field is reported", async () => {
      const findings = await runOn(
        metadataSchemaCheck,
        withEdit(LIST_VIEW, (xml) =>
          xml
            .replace("<columns>Kind__c</columns>", "<columns>Kid__c</columns>")
            .replace("<field>Name__c</field>", "<field>Nme__c</field>")
        )
      );
      assert.deepEqual(
        findings.map((finding) => `${finding.file}:${finding.line}`),
        [`${LIST_VIEW}:5`, `${LIST_VIEW}:8`],
        describeFindings(findings)
      );
    });
  });
});
