import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import {
  EnvelopeError,
  blockFromHex,
  blockToHex,
  buildHashKey,
  constantTimeEquals,
  decrypt,
  encrypt,
  encryptWithIv,
  gctr,
  hexToLong,
  longToHex,
  multiplyH,
  REDUCE8
} from "./gcm16Reference";
import { readVectors } from "./generateEnvelopeVectors";

const vectors = readVectors();
const sharedKey = Buffer.from(vectors.sharedKeyBase64, "base64");

/** Node's own AES-256-GCM with a 16-byte IV: the independent implementation everything is compared with. */
function nodeEncrypt(key: Buffer, iv: Buffer, plaintext: Buffer): string {
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64");
}

function nodeDecrypt(key: Buffer, wire: string): Buffer {
  const bytes = Buffer.from(wire, "base64");
  const decipher = crypto.createDecipheriv(
    "aes-256-gcm",
    key,
    bytes.subarray(0, 16)
  );
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([
    decipher.update(bytes.subarray(16, bytes.length - 16)),
    decipher.final()
  ]);
}

/** Slow bit-by-bit GF(2^128) product (SP 800-38D algorithm 1), to check the 8-bit tables against. */
function slowMultiply(xHex: string, yHex: string): string {
  const x = BigInt(`0x${xHex}`);
  let v = BigInt(`0x${yHex}`);
  let z = 0n;
  const r = 0xe1n << 120n;
  for (let i = 127; i >= 0; i--) {
    if ((x >> BigInt(i)) & 1n) z ^= v;
    v = v & 1n ? (v >> 1n) ^ r : v >> 1n;
  }
  return z.toString(16).padStart(32, "0");
}

function flipBit(wire: string, byteIndex: number): string {
  const bytes = Buffer.from(wire, "base64");
  const index = byteIndex < 0 ? bytes.length + byteIndex : byteIndex;
  bytes[index] ^= 0x01;
  return bytes.toString("base64");
}

describe("gcm16Reference", () => {
  it("converts between hex and 64-bit words both ways", () => {
    for (const hex of [
      "0000000000000000",
      "ffffffffffffffff",
      "8000000000000001",
      "0123456789abcdef"
    ]) {
      assert.equal(longToHex(hexToLong(hex)), hex);
    }
    assert.equal(hexToLong("0123456789ABCDEF"), 0x0123456789abcdefn);
    assert.equal(blockToHex(blockFromHex("ab")), `ab${"0".repeat(30)}`);
  });

  it("builds every entry of the 8-bit table as the byte (at byte 0) times H", () => {
    const h = crypto.randomBytes(16).toString("hex");
    const key = buildHashKey(blockFromHex(h));
    assert.equal(key.hi.length, 256);
    assert.equal(key.lo.length, 256);
    for (let b = 0; b < 256; b++) {
      const byteBlock = b.toString(16).padStart(2, "0").padEnd(32, "0");
      assert.equal(
        blockToHex({ hi: key.hi[b], lo: key.lo[b] }),
        slowMultiply(byteBlock, h),
        `entry ${b}`
      );
    }
  });

  it("reduces every byte an 8-bit step shifts out as eight bitwise steps do", () => {
    // (the byte b as byte 15) times x^8 (bit 8: byte 1 = 0x80) leaves only the reduction, in the high word
    assert.equal(REDUCE8.length, 256);
    for (let b = 0; b < 256; b++) {
      const low = b.toString(16).padStart(32, "0");
      const product = slowMultiply(low, `0080${"0".repeat(28)}`);
      assert.equal(
        product,
        REDUCE8[b].toString(16).padStart(16, "0") + "0".repeat(16),
        `byte ${b}`
      );
    }
  });

  it("multiplies by H with the 8-bit table exactly as the bitwise definition", () => {
    for (let round = 0; round < 200; round++) {
      const h = crypto.randomBytes(16).toString("hex");
      const x = crypto.randomBytes(16).toString("hex");
      const product = multiplyH(blockFromHex(x), buildHashKey(blockFromHex(h)));
      assert.equal(blockToHex(product), slowMultiply(x, h));
    }
  });

  it("matches Node's aes-256-gcm with 16-byte IVs for every length 0..100 and a few KiB", () => {
    const lengths = [
      ...Array.from({ length: 101 }, (_, n) => n),
      1023,
      1024,
      4097,
      16384
    ];
    for (const length of lengths) {
      const key = crypto.randomBytes(32);
      const iv = crypto.randomBytes(16);
      const plaintext = crypto.randomBytes(length);
      const wire = encryptWithIv(key, iv, plaintext);
      assert.equal(wire, nodeEncrypt(key, iv, plaintext), `length ${length}`);
      assert.deepEqual(decrypt(key, wire), plaintext, `length ${length}`);
    }
  });

  it("wraps the counter in its low 32 bits (inc32), leaving the high 96 alone", () => {
    const key = crypto.randomBytes(32);
    const data = crypto.randomBytes(40);
    const high = crypto.randomBytes(12).toString("hex");
    const ecb = crypto.createCipheriv("aes-256-ecb", key, null);
    const stream = ecb.update(
      Buffer.from(`${high}ffffffff${high}00000000${high}00000001`, "hex")
    );
    const expected = Buffer.from(data.map((byte, i) => byte ^ stream[i]));
    assert.equal(
      gctr(key, blockFromHex(`${high}fffffffe`), data.toString("hex")),
      expected.toString("hex")
    );
  });

  it("decrypts what Node encrypts and the other way round, with random IVs", () => {
    for (let round = 0; round < 20; round++) {
      const key = crypto.randomBytes(32);
      const plaintext = crypto.randomBytes(round * 7);
      const ours = encrypt(key, plaintext);
      assert.deepEqual(nodeDecrypt(key, ours), plaintext);
      const theirs = nodeEncrypt(key, crypto.randomBytes(16), plaintext);
      assert.deepEqual(decrypt(key, theirs), plaintext);
    }
  });

  it("uses a fresh IV for every encryption", () => {
    const key = crypto.randomBytes(32);
    const plaintext = Buffer.from("same text");
    assert.notEqual(encrypt(key, plaintext), encrypt(key, plaintext));
  });

  it("decrypts every case of the shared vectors and re-encrypts it to the same wire", () => {
    assert.ok(vectors.cases.length >= 10);
    for (const vector of vectors.cases) {
      const plaintext = Buffer.from(vector.plaintextUtf8, "utf8");
      assert.equal(
        decrypt(sharedKey, vector.wireBase64).toString("utf8"),
        vector.plaintextUtf8,
        vector.name
      );
      assert.equal(
        encryptWithIv(
          sharedKey,
          Buffer.from(vector.ivBase64, "base64"),
          plaintext
        ),
        vector.wireBase64,
        vector.name
      );
    }
  });

  it("refuses every mustReject case of the shared vectors", () => {
    assert.ok(vectors.mustReject.length >= 2);
    for (const vector of vectors.mustReject) {
      assert.throws(
        () => decrypt(sharedKey, vector.wireBase64),
        EnvelopeError,
        vector.name
      );
    }
  });

  it("refuses a flipped bit in the IV, the ciphertext or the tag, and a wrong key", () => {
    const key = crypto.randomBytes(32);
    const wire = encrypt(key, Buffer.from("a message of more than one block"));
    for (const index of [0, 15, 16, 40, -16, -1]) {
      assert.throws(
        () => decrypt(key, flipBit(wire, index)),
        EnvelopeError,
        `byte ${index}`
      );
    }
    assert.throws(() => decrypt(crypto.randomBytes(32), wire), EnvelopeError);
  });

  it("refuses short, empty and non-base64 input and wrong key or IV lengths", () => {
    const key = crypto.randomBytes(32);
    const tagOnly = Buffer.alloc(31).toString("base64");
    for (const wire of ["", tagOnly, "!!!!"]) {
      assert.throws(
        () => decrypt(key, wire),
        EnvelopeError,
        JSON.stringify(wire)
      );
    }
    const wire = encrypt(key, Buffer.from("x"));
    for (const length of [0, 16, 24, 31, 33]) {
      assert.throws(
        () => decrypt(crypto.randomBytes(length), wire),
        EnvelopeError
      );
      assert.throws(
        () => encrypt(crypto.randomBytes(length), Buffer.from("x")),
        EnvelopeError
      );
    }
    for (const length of [0, 12, 15, 17]) {
      assert.throws(
        () => encryptWithIv(key, crypto.randomBytes(length), Buffer.from("x")),
        EnvelopeError
      );
    }
  });

  it("compares tags over all their bits", () => {
    const a = blockFromHex("00112233445566778899aabbccddeeff");
    assert.ok(
      constantTimeEquals(a, blockFromHex("00112233445566778899aabbccddeeff"))
    );
    assert.ok(
      !constantTimeEquals(a, blockFromHex("00112233445566778899aabbccddeefe"))
    );
    assert.ok(
      !constantTimeEquals(a, blockFromHex("80112233445566778899aabbccddeeff"))
    );
  });
});

describe("OneKosmosEnvelope.cls stays aligned with the reference", () => {
  const apex = fs.readFileSync(
    path.join(
      __dirname,
      "..",
      "..",
      "force-app/main/proofing/classes/OneKosmosEnvelope.cls"
    ),
    "utf8"
  );
  const reference = fs.readFileSync(
    path.join(__dirname, "gcm16Reference.ts"),
    "utf8"
  );

  it("has a namesake for every function of the reference", () => {
    const names = [...reference.matchAll(/^(?:export )?function (\w+)\(/gm)]
      .map((match) => match[1])
      .filter((name) => !["getChars", "context"].includes(name));
    assert.ok(names.length >= 20, names.join(", "));
    for (const name of names) {
      assert.match(apex, new RegExp(`static [\\w<>]+ ${name}\\(`), name);
    }
  });

  it("derives its reduction table from the same one-bit reduction", () => {
    // the derived tables themselves are compared entry by entry in apexSubset.test.ts (the interpreter runs the class)
    assert.match(apex, /REDUCE1 = 225L << 56;/);
  });
});
