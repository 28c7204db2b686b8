import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import { generateMetadataSchema } from "./generateSchema";
import { loadMetadataSchema } from "./loadSchema";

const SAMPLE = `
export type Colour = 'Red' | 'Green';
export type Loose = string;
export type Metadata = {
    fullName?: string;
};
export type Shape = Metadata & {
    colour: Colour;
    corners?: number;
    filled: boolean;
    tags: string[];
    parts: Part[];
    loose?: Loose;
    mode?: 'fast' | 'slow';
    extra?: any;
};
export type Part = {
    name: string;
};
export type Square = Shape & {
    side: number;
};
export type SquareFolder = Square;
`;

describe("generateMetadataSchema", () => {
  const { schema, warnings } = generateMetadataSchema(SAMPLE, "0.0.1");

  test("reads string-literal unions as enums", () => {
    assert.deepEqual(warnings, []);
    assert.deepEqual(schema.enums.Colour, ["Red", "Green"]);
    assert.deepEqual(schema.types.Shape.fields.colour, {
      kind: "enum",
      type: "Colour",
      array: false
    });
  });

  test("reads primitives, arrays, references and aliases of string", () => {
    const fields = schema.types.Shape.fields;
    assert.deepEqual(fields.corners, {
      kind: "primitive",
      type: "number",
      array: false
    });
    assert.deepEqual(fields.filled, {
      kind: "primitive",
      type: "boolean",
      array: false
    });
    assert.deepEqual(fields.tags, {
      kind: "primitive",
      type: "string",
      array: true
    });
    assert.deepEqual(fields.parts, {
      kind: "complex",
      type: "Part",
      array: true
    });
    assert.deepEqual(fields.loose, {
      kind: "primitive",
      type: "string",
      array: false
    });
    assert.deepEqual(fields.extra, {
      kind: "primitive",
      type: "any",
      array: false
    });
  });

  test("names inline unions after their field", () => {
    assert.deepEqual(schema.types.Shape.fields.mode, {
      kind: "enum",
      type: "Shape.mode",
      array: false
    });
    assert.deepEqual(schema.enums["Shape.mode"], ["fast", "slow"]);
  });

  test("flattens inherited fields through every level of extends", () => {
    assert.deepEqual(schema.types.Square.bases, ["Shape"]);
    assert.deepEqual(Object.keys(schema.types.Square.fields).sort(), [
      "colour",
      "corners",
      "extra",
      "filled",
      "fullName",
      "loose",
      "mode",
      "parts",
      "side",
      "tags"
    ]);
  });

  test("gives an alias of an object type a type of its own", () => {
    assert.deepEqual(schema.types.SquareFolder.bases, ["Square"]);
    assert.ok(schema.types.SquareFolder.fields.side);
  });

  test("warns about type expressions it does not understand", () => {
    const result = generateMetadataSchema(
      "export type Odd = { value: string | number; };",
      "0.0.1"
    );
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0], /Odd\.value/);
    assert.deepEqual(result.schema.types.Odd.fields.value, {
      kind: "primitive",
      type: "any",
      array: false
    });
  });
});

describe("the schema of the installed @salesforce/types", () => {
  const cacheDir = fs.mkdtempSync(
    path.join(os.tmpdir(), "onekosmos-schema-cache-")
  );

  test("is generated once, then read from the cache", () => {
    try {
      const first = loadMetadataSchema({ cacheDir });
      assert.equal(first.fromCache, false);
      assert.ok(first.cacheFile && fs.existsSync(first.cacheFile));
      const second = loadMetadataSchema({ cacheDir });
      assert.equal(second.fromCache, true);
      assert.deepEqual(
        Object.keys(second.schema.types).length,
        Object.keys(first.schema.types).length
      );

      const { schema } = second;
      assert.ok(
        Object.keys(schema.types).length > 1500,
        "the d.ts models well over 1500 types"
      );
      assert.ok(schema.enums.FieldType.includes("Text"));
      assert.deepEqual(schema.types.CustomField.fields.type, {
        kind: "enum",
        type: "FieldType",
        array: false
      });
      assert.deepEqual(schema.types.CustomField.fields.fullName, {
        kind: "primitive",
        type: "string",
        array: false
      });
      assert.deepEqual(schema.types.CustomLabels.fields.labels, {
        kind: "complex",
        type: "CustomLabel",
        array: true
      });
      assert.deepEqual(schema.types.CustomObject.fields.sharingModel, {
        kind: "enum",
        type: "SharingModel",
        array: false
      });
      assert.deepEqual(schema.types.ApexClass.fields.apiVersion, {
        kind: "primitive",
        type: "number",
        array: false
      });
      assert.equal(
        schema.types.LightningComponentBundle.fields.targetConfigs.type,
        "any"
      );
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
