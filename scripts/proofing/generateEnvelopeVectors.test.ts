import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import {
  readVectors,
  renderApexClass,
  renderedClass
} from "./generateEnvelopeVectors";

const ROOT = path.resolve(__dirname, "..", "..");

describe("generateEnvelopeVectors", () => {
  it("renders every case with its plaintext as hex of the UTF-8 bytes, and every refusal", () => {
    const vectors = readVectors(ROOT);
    const apex = renderApexClass(vectors);
    for (const vector of vectors.cases) {
      assert.ok(apex.includes(vector.wireBase64), vector.name);
      assert.ok(
        apex.includes(
          `'${Buffer.from(vector.plaintextUtf8, "utf8").toString("hex")}'`
        ),
        vector.name
      );
    }
    for (const vector of vectors.mustReject) {
      assert.ok(apex.includes(vector.wireBase64), vector.name);
    }
    assert.ok(/^[\x09\x0a\x20-\x7e]*$/.test(apex), "ASCII-only Apex source");
  });

  it("matches the committed Apex class (rerun npm run fixtures:envelope after the vectors change)", async () => {
    const { file, source } = await renderedClass(ROOT);
    assert.equal(source, fs.readFileSync(file, "utf8"));
  });
});
