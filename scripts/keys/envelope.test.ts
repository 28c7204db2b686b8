import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import { describe, it } from "node:test";
import {
  decrypt,
  encrypt,
  EnvelopeError,
  fingerprint,
  generateKeyPair,
  keyPairFromPrivate,
  parseCurve,
  parsePublicKey,
  sharedKey
} from "./envelope";
import { readVectors } from "../proofing/generateEnvelopeVectors";

const vectors = readVectors();
const curve = parseCurve(vectors.curve);

describe("envelope against the 1Kosmos vectors", () => {
  it("derives the public keys from the private keys", () => {
    assert.equal(
      keyPairFromPrivate(curve, vectors.clientPrivateKeyBase64).publicKeyBase64,
      vectors.clientPublicKeyBase64
    );
    assert.equal(
      keyPairFromPrivate(curve, vectors.servicePrivateKeyBase64)
        .publicKeyBase64,
      vectors.servicePublicKeyBase64
    );
  });

  it("ECDH gives the vectors' shared key from either side", () => {
    assert.equal(
      sharedKey(
        curve,
        vectors.clientPrivateKeyBase64,
        vectors.servicePublicKeyBase64
      ),
      vectors.sharedKeyBase64
    );
    assert.equal(
      sharedKey(
        curve,
        vectors.servicePrivateKeyBase64,
        vectors.clientPublicKeyBase64
      ),
      vectors.sharedKeyBase64
    );
  });

  for (const c of vectors.cases) {
    it(`case "${c.name}": encrypts to the wire bytes and decrypts back`, () => {
      const iv = Buffer.from(c.ivBase64, "base64");
      assert.equal(
        encrypt(vectors.sharedKeyBase64, c.plaintextUtf8, iv),
        c.wireBase64
      );
      assert.equal(
        decrypt(vectors.sharedKeyBase64, c.wireBase64),
        c.plaintextUtf8
      );
    });
  }

  for (const r of vectors.mustReject) {
    it(`rejects "${r.name}"`, () => {
      assert.throws(
        () => decrypt(vectors.sharedKeyBase64, r.wireBase64),
        EnvelopeError
      );
    });
  }
});

describe("envelope with fresh keys", () => {
  for (const name of ["secp256k1", "prime256v1"]) {
    it(`${name}: both sides agree and a random-IV envelope round-trips`, () => {
      const c = parseCurve(name);
      const a = generateKeyPair(c);
      const b = generateKeyPair(c);
      const key = sharedKey(c, a.privateKeyBase64, b.publicKeyBase64);
      assert.equal(key, sharedKey(c, b.privateKeyBase64, a.publicKeyBase64));
      assert.equal(Buffer.from(key, "base64").length, 32);
      assert.equal(Buffer.from(a.publicKeyBase64, "base64").length, 64);
      const one = encrypt(key, "hello");
      const two = encrypt(key, "hello");
      assert.notEqual(one, two, "each envelope has its own random IV");
      assert.equal(decrypt(key, one), "hello");
    });
  }

  it("refuses an unknown curve", () => {
    assert.throws(() => parseCurve("ed25519"), /unsupported curve/);
  });

  it("refuses a public key of the wrong length or with the 0x04 prefix", () => {
    const pub = Buffer.from(vectors.servicePublicKeyBase64, "base64");
    assert.throws(
      () =>
        parsePublicKey(
          curve,
          Buffer.concat([Buffer.from([4]), pub]).toString("base64")
        ),
      /64 raw bytes/
    );
    assert.throws(
      () => parsePublicKey(curve, pub.subarray(0, 63).toString("base64")),
      /64 raw bytes/
    );
  });

  it("refuses a point that is not on the curve, and a P-256 key on secp256k1", () => {
    const bad = Buffer.from(vectors.servicePublicKeyBase64, "base64");
    bad[63] ^= 1;
    assert.throws(
      () => parsePublicKey(curve, bad.toString("base64")),
      /not a point/
    );
    const p256 = generateKeyPair("prime256v1");
    assert.throws(
      () =>
        sharedKey(curve, vectors.clientPrivateKeyBase64, p256.publicKeyBase64),
      EnvelopeError
    );
  });

  it("refuses a private key or shared key of the wrong length and non-base64 input", () => {
    assert.throws(
      () =>
        keyPairFromPrivate(curve, crypto.randomBytes(31).toString("base64")),
      /32 bytes/
    );
    assert.throws(
      () => encrypt(crypto.randomBytes(16).toString("base64"), "x"),
      /32 bytes/
    );
    assert.throws(
      () => decrypt(vectors.sharedKeyBase64, "not base64!"),
      /base64/
    );
  });

  it("refuses an envelope under another key and a flipped ciphertext bit", () => {
    const other = generateKeyPair(curve);
    const otherKey = sharedKey(
      curve,
      other.privateKeyBase64,
      vectors.servicePublicKeyBase64
    );
    const wire = encrypt(vectors.sharedKeyBase64, "payload");
    assert.throws(() => decrypt(otherKey, wire), /tag check failed/);
    const bytes = Buffer.from(wire, "base64");
    bytes[16] ^= 0x80;
    assert.throws(
      () => decrypt(vectors.sharedKeyBase64, bytes.toString("base64")),
      /tag check failed/
    );
  });

  it("fingerprints the raw public key bytes with SHA-256", () => {
    assert.equal(
      fingerprint(vectors.servicePublicKeyBase64),
      crypto
        .createHash("sha256")
        .update(Buffer.from(vectors.servicePublicKeyBase64, "base64"))
        .digest("hex")
    );
    assert.match(fingerprint(vectors.servicePublicKeyBase64), /^[0-9a-f]{64}$/);
  });
});
