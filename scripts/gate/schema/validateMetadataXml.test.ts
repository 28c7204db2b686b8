import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { generateMetadataSchema } from "./generateSchema";
import { closest, validateMetadataDocument } from "./validateMetadataXml";
import { parseXmlTree } from "./xmlTree";

const { schema } = generateMetadataSchema(
  `
export type Metadata = { fullName?: string; };
export type Record = Metadata & { label?: string; values: RecordValue[]; size?: number; };
export type RecordValue = { field: string; value?: any; };
export type LightningComponentBundle = Metadata & { apiVersion?: string; masterLabel?: string; targets?: string; };
`,
  "0.0.1"
);

const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
const XSD = 'xmlns:xsd="http://www.w3.org/2001/XMLSchema"';

function issues(xml: string): string[] {
  return validateMetadataDocument(parseXmlTree(xml), "Record", schema).map(
    (issue) => `${issue.line}: ${issue.message}`
  );
}

describe("validateMetadataDocument", () => {
  test("accepts typed and nil values", () => {
    const xml = `<Record ${NS} ${XSI} ${XSD}>
  <values><field>A</field><value xsi:type="xsd:dateTime">2026-01-02T03:04:05.000Z</value></values>
  <values><field>B</field><value xsi:type="xsd:int">-4</value></values>
  <values><field>C</field><value xsi:nil="true"/></values>
</Record>`;
    assert.deepEqual(issues(xml), []);
  });

  test("rejects a nil value that has content", () => {
    const xml = `<Record ${NS} ${XSI}>\n  <values><field>A</field><value xsi:nil="true">x</value></values>\n</Record>`;
    assert.deepEqual(issues(xml), [
      '2: <value> is xsi:nil="true" but has content: remove one'
    ]);
  });

  test("rejects an xsi:type whose prefix is not bound to XML Schema", () => {
    const xml = `<Record ${NS} ${XSI} xmlns:xsd="urn:other">\n  <values><field>A</field><value xsi:type="xsd:string">x</value></values>\n</Record>`;
    const found = issues(xml);
    assert.equal(found.length, 1);
    assert.match(
      found[0],
      /^2: .*bound to urn:other, expected http:\/\/www\.w3\.org\/2001\/XMLSchema$/
    );
  });

  test("rejects an xsi:type whose value prefix is undeclared", () => {
    const xml = `<Record ${NS} ${XSI}>\n  <values><field>A</field><value xsi:type="xsd:string">x</value></values>\n</Record>`;
    assert.match(
      issues(xml)[0] ?? "",
      /^2: .*declare xmlns:xsd on the root element/
    );
  });

  test("rejects a date that is not a date", () => {
    const xml = `<Record ${NS} ${XSI} ${XSD}>\n  <values><field>A</field><value xsi:type="xsd:date">tomorrow</value></values>\n</Record>`;
    assert.match(
      issues(xml)[0] ?? "",
      /^2: .*declared xsd:date: expected a date/
    );
  });

  test("rejects elements inside a text field", () => {
    const xml = `<Record ${NS}>\n  <label>\n    <en>x</en>\n  </label>\n</Record>`;
    assert.deepEqual(issues(xml), [
      "3: <label> contains <en> but Record.label is a string value: expected text"
    ]);
  });

  test("rejects a namespace other than the Metadata API one", () => {
    assert.match(
      issues('<Record xmlns="urn:wrong"/>')[0] ?? "",
      /has namespace "urn:wrong"/
    );
  });

  test("accepts any number format the Metadata API writes", () => {
    for (const size of ["0", "-1", "12.50", "1e3", ".5"]) {
      assert.deepEqual(
        issues(`<Record ${NS}><size>${size}</size></Record>`),
        [],
        size
      );
    }
    assert.equal(issues(`<Record ${NS}><size>1,5</size></Record>`).length, 1);
  });
});

describe("element order", () => {
  test("accepts elements in the type's sequence, inherited ones first, repeats together", () => {
    const xml = `<Record ${NS}>
  <fullName>A</fullName>
  <label>L</label>
  <values><field>F</field></values>
  <values><field>G</field></values>
  <size>2</size>
</Record>`;
    assert.deepEqual(issues(xml), []);
  });

  test("names an element that comes after one the sequence puts later", () => {
    const xml = `<Record ${NS}>
  <size>2</size>
  <label>L</label>
</Record>`;
    assert.deepEqual(issues(xml), [
      "3: <label> comes after <size>, but a Record lists <label> first (the Metadata API refuses elements out of order): move it up"
    ]);
  });

  test("checks the order inside nested elements too", () => {
    const xml = `<Record ${NS}>
  <values>
    <value>x</value>
    <field>F</field>
  </values>
</Record>`;
    assert.match(
      issues(xml)[0] ?? "",
      /^4: <field> comes after <value>, but a RecordValue lists <field> first/
    );
  });

  test("a repeated element split by another is out of order", () => {
    const xml = `<Record ${NS}>
  <values><field>F</field></values>
  <size>2</size>
  <values><field>G</field></values>
</Record>`;
    assert.match(issues(xml)[0] ?? "", /^4: <values> comes after <size>/);
  });

  test("leaves component bundle metadata alone (the platform reads it leniently)", () => {
    const xml = `<LightningComponentBundle ${NS}>
  <targets>x</targets>
  <apiVersion>67.0</apiVersion>
</LightningComponentBundle>`;
    assert.deepEqual(
      validateMetadataDocument(
        parseXmlTree(xml),
        "LightningComponentBundle",
        schema
      ),
      []
    );
  });
});

describe("closest", () => {
  test("suggests a near spelling and nothing for an unrelated word", () => {
    assert.equal(closest("lable", ["label", "length", "type"]), "label");
    assert.equal(closest("Txt", ["Text", "TextArea", "Number"]), "Text");
    assert.equal(closest("somethingElse", ["label", "type"]), undefined);
  });
});
