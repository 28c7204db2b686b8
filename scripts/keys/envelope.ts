/**
 * The BlockID envelope (../../docs/proofing/keys.md): ECDH on secp256k1 (P-256 where a deployment uses it) whose raw
 * 32-byte X coordinate is the AES-256 key, and AES-256-GCM with a 16-byte IV, a 16-byte tag and no AAD, sent as
 * base64(IV || ciphertext || tag). Public keys travel as base64 of the raw 64-byte X||Y point (no 0x04 prefix),
 * private keys as base64 of 32 raw bytes.
 */
import * as crypto from "node:crypto";

export type Curve = "secp256k1" | "prime256v1";
export const CURVES: readonly Curve[] = ["secp256k1", "prime256v1"];
export const IV_BYTES = 16;
export const TAG_BYTES = 16;
export const KEY_BYTES = 32;
export const PUBLIC_KEY_BYTES = 64;

export class EnvelopeError extends Error {}

export interface KeyPair {
  curve: Curve;
  /** base64 of the 32 raw private key bytes: a secret. */
  privateKeyBase64: string;
  /** base64 of the raw 64-byte X||Y point. */
  publicKeyBase64: string;
}

export function parseCurve(value: string): Curve {
  if ((CURVES as readonly string[]).includes(value)) return value as Curve;
  throw new EnvelopeError(
    `unsupported curve "${value}": use ${CURVES.join(" or ")}`
  );
}

/** Decodes strict base64 (no whitespace, correct padding), so that garbage is refused rather than half-read. */
export function decodeBase64(value: string, what: string): Buffer {
  if (
    !/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(
      value
    )
  )
    throw new EnvelopeError(`${what} is not valid base64`);
  return Buffer.from(value, "base64");
}

function ecdhFor(curve: Curve, privateKeyBase64: string): crypto.ECDH {
  const raw = decodeBase64(privateKeyBase64, "the private key");
  if (raw.length !== KEY_BYTES)
    throw new EnvelopeError(
      `the private key must be ${KEY_BYTES} bytes, not ${raw.length}`
    );
  const ecdh = crypto.createECDH(curve);
  try {
    ecdh.setPrivateKey(raw);
  } catch {
    throw new EnvelopeError(`the private key is not a valid ${curve} key`);
  }
  return ecdh;
}

/** A fresh key pair. */
export function generateKeyPair(curve: Curve = "secp256k1"): KeyPair {
  const ecdh = crypto.createECDH(curve);
  ecdh.generateKeys();
  return toKeyPair(curve, ecdh);
}

/** The key pair of a stored private key (the public key is recomputed, never trusted from a file). */
export function keyPairFromPrivate(
  curve: Curve,
  privateKeyBase64: string
): KeyPair {
  return toKeyPair(curve, ecdhFor(curve, privateKeyBase64));
}

function toKeyPair(curve: Curve, ecdh: crypto.ECDH): KeyPair {
  const privateKey = ecdh.getPrivateKey();
  // getPrivateKey drops leading zero bytes; the wire format is always 32 bytes.
  const padded = Buffer.concat([
    Buffer.alloc(KEY_BYTES - privateKey.length),
    privateKey
  ]);
  return {
    curve,
    privateKeyBase64: padded.toString("base64"),
    publicKeyBase64: ecdh.getPublicKey().subarray(1).toString("base64")
  };
}

/** Checks a raw X||Y public key's length and that it is a point on the curve; returns its bytes. */
export function parsePublicKey(curve: Curve, publicKeyBase64: string): Buffer {
  const raw = decodeBase64(publicKeyBase64, "the public key");
  if (raw.length !== PUBLIC_KEY_BYTES)
    throw new EnvelopeError(
      `a public key must be ${PUBLIC_KEY_BYTES} raw bytes (X||Y, no 0x04 prefix), not ${raw.length}`
    );
  try {
    crypto.ECDH.convertKey(
      Buffer.concat([Buffer.from([4]), raw]),
      curve,
      undefined,
      undefined,
      "uncompressed"
    );
  } catch {
    throw new EnvelopeError(`the public key is not a point on ${curve}`);
  }
  return raw;
}

/** SHA-256 hex of the raw public key bytes: what the org stores to notice a rotated service key. */
export function fingerprint(publicKeyBase64: string): string {
  return crypto
    .createHash("sha256")
    .update(decodeBase64(publicKeyBase64, "the public key"))
    .digest("hex");
}

/** ECDH(own private key, peer public key): the raw 32-byte X coordinate, base64. */
export function sharedKey(
  curve: Curve,
  privateKeyBase64: string,
  peerPublicKeyBase64: string
): string {
  const peer = parsePublicKey(curve, peerPublicKeyBase64);
  const ecdh = ecdhFor(curve, privateKeyBase64);
  const secret = ecdh.computeSecret(Buffer.concat([Buffer.from([4]), peer]));
  return secret.toString("base64");
}

function aesKey(sharedKeyBase64: string): Buffer {
  const key = decodeBase64(sharedKeyBase64, "the shared key");
  if (key.length !== KEY_BYTES)
    throw new EnvelopeError(
      `the shared key must be ${KEY_BYTES} bytes, not ${key.length}`
    );
  return key;
}

/** Envelope of a UTF-8 string. `iv` only for tests (vectors); a random 16-byte IV otherwise. */
export function encrypt(
  sharedKeyBase64: string,
  plaintext: string,
  iv: Buffer = crypto.randomBytes(IV_BYTES)
): string {
  if (iv.length !== IV_BYTES)
    throw new EnvelopeError(`the IV must be ${IV_BYTES} bytes`);
  const cipher = crypto.createCipheriv(
    "aes-256-gcm",
    aesKey(sharedKeyBase64),
    iv,
    { authTagLength: TAG_BYTES }
  );
  const body = Buffer.concat([
    cipher.update(plaintext, "utf8"),
    cipher.final()
  ]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64");
}

/** Opens an envelope; refuses (EnvelopeError) anything too short, not base64, or whose tag does not verify. */
export function decrypt(sharedKeyBase64: string, wireBase64: string): string {
  const key = aesKey(sharedKeyBase64);
  const wire = decodeBase64(wireBase64, "the envelope");
  if (wire.length < IV_BYTES + TAG_BYTES)
    throw new EnvelopeError(
      "the envelope is shorter than its IV and tag (32 bytes)"
    );
  const decipher = crypto.createDecipheriv(
    "aes-256-gcm",
    key,
    wire.subarray(0, IV_BYTES),
    { authTagLength: TAG_BYTES }
  );
  decipher.setAuthTag(wire.subarray(wire.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(wire.subarray(IV_BYTES, wire.length - TAG_BYTES)),
      decipher.final()
    ]).toString("utf8");
  } catch {
    throw new EnvelopeError(
      "the envelope does not decrypt with this key (tag check failed)"
    );
  }
}
