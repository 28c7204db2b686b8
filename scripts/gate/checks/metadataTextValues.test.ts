import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { findPaddedText, metadataTextValuesCheck } from "./metadataTextValues";

describe("metadata-text-values", () => {
  it("finds a wrapped value and says where", () => {
    const xml =
      "<a>\n  <label>ok</label>\n  <value>\n    wrapped text\n  </value>\n</a>";
    assert.deepEqual(findPaddedText(xml), [{ line: 3, element: "value" }]);
  });
  it("accepts exact values, empty values, attributes and inner newlines", () => {
    const xml =
      '<a><b x="1">one</b><c></c><d>line one\nline two</d><e xsi:nil="true"/></a>';
    assert.deepEqual(findPaddedText(xml), []);
  });
  it("reports the file relative to the project root", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "text-values-"));
    const dir = path.join(root, "force-app", "main", "labels");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, "CustomLabels.labels-meta.xml"),
      "<CustomLabels>\n<value> padded</value>\n</CustomLabels>"
    );
    const findings = await metadataTextValuesCheck.run({
      root,
      log: () => undefined
    });
    assert.equal(findings.length, 1);
    assert.equal(
      findings[0].file,
      "force-app/main/labels/CustomLabels.labels-meta.xml"
    );
    assert.equal(findings[0].line, 2);
  });
});
