/**
 * Reference model of the Apex envelope OneKosmosEnvelope (force-app/main/proofing/classes): AES-256-GCM with a
 * 16-byte IV, 16-byte tag and no AAD, wire = base64(IV || ciphertext || tag), as the BlockID REST services speak it.
 *
 * It exists so that the ALGORITHM of the Apex class can be checked offline (nothing runs Apex here): every function
 * below has a namesake in OneKosmosEnvelope.cls and does the same steps on the same representation, so keep the two in
 * step when either changes.
 *  - Bytes travel as lowercase hex strings (Apex has no byte arrays: EncodingUtil.convertToHex / convertFromHex).
 *  - A 128-bit value is two 64-bit words, hi = bytes 0..7 and lo = bytes 8..15 (Apex Long; here a BigInt kept in
 *    0..2^64-1, so Apex's unsigned shift `>>>` is BigInt `>>` and `<<` is masked to 64 bits).
 *  - The AES block is what the platform offers: AES-256-CBC with a zero IV over one 16-byte block, of which the first
 *    16 output bytes are the block's AES (the PKCS#5 padding block that follows is dropped), one call per block.
 *  - GHASH uses Shoup's 4-bit table: 16 precomputed multiples of H, 32 nibble steps per block.
 *  - J0 for a 16-byte IV is GHASH_H(IV || 0^64 || [128]_64) (NIST SP 800-38D, 7.1, IVs that are not 96 bits).
 *  - Decryption checks the tag (GHASH of the ciphertext) before any plaintext is produced.
 *
 * apexSubset.test.ts runs the Apex class itself (parsed by PMD, interpreted with Apex number semantics) against the
 * same vectors; this file models the algorithm, that one checks the transliteration.
 */
import * as crypto from "node:crypto";

export const KEY_BYTES = 32;
export const IV_BYTES = 16;
export const TAG_BYTES = 16;
const BLOCK_HEX = 32;
const ZERO_BLOCK_HEX = "0".repeat(BLOCK_HEX);
const MASK64 = (1n << 64n) - 1n;
const LOW32 = 0xffffffffn;
const HIGH32 = MASK64 ^ LOW32;

/** Reduction of the 4 bits a 4-bit step shifts out (x^128 = x^7 + x^2 + x + 1, GCM's reflected bit order). */
export const REDUCE4: bigint[] = [
  0x0000, 0x1c20, 0x3840, 0x2460, 0x7080, 0x6ca0, 0x48c0, 0x54e0, 0xe100,
  0xfd20, 0xd940, 0xc560, 0x9180, 0x8da0, 0xa9c0, 0xb5e0
].map((value) => BigInt(value) << 48n);

/** Refused input: wrong key or IV length, not an envelope, failed authentication. Never carries plaintext. */
export class EnvelopeError extends Error {}

/** A 128-bit value as two 64-bit words (Apex: inner class Block with Long hi, lo). */
export interface Block {
  hi: bigint;
  lo: bigint;
}

/** The 16 multiples of H, one list per half (Apex: inner class HashKey). */
export interface HashKey {
  hi: bigint[];
  lo: bigint[];
}

const BYTE_HEX: string[] = Array.from({ length: 256 }, (_, value) =>
  value.toString(16).padStart(2, "0")
);

/** Apex String.getChars(). */
function getChars(text: string): number[] {
  return Array.from(text, (char) => char.charCodeAt(0));
}

/** 16 hex characters to a 64-bit word; branch-free digit value: '0'-'9' → 0..9, 'a'-'f' / 'A'-'F' → 10..15. */
export function hexToLong(hex: string): bigint {
  let value = 0n;
  for (const code of getChars(hex)) {
    value = ((value << 4n) & MASK64) | BigInt((code & 15) + 9 * (code >> 6));
  }
  return value;
}

/** A 64-bit word to 16 lowercase hex characters, one table look-up per byte. */
export function longToHex(value: bigint): string {
  // Apex: four 16-bit quarters (each in Integer range, so intValue is exact), eight look-ups in one expression
  const q0 = Number(value >> 48n);
  const q1 = Number((value >> 32n) & 65535n);
  const q2 = Number((value >> 16n) & 65535n);
  const q3 = Number(value & 65535n);
  return (
    BYTE_HEX[q0 >> 8] +
    BYTE_HEX[q0 & 255] +
    BYTE_HEX[q1 >> 8] +
    BYTE_HEX[q1 & 255] +
    BYTE_HEX[q2 >> 8] +
    BYTE_HEX[q2 & 255] +
    BYTE_HEX[q3 >> 8] +
    BYTE_HEX[q3 & 255]
  );
}

/** 32 hex characters (fewer: zero-padded on the right, as GCM pads a last partial block) to a block. */
export function blockFromHex(hex: string): Block {
  const padded = hex.length < BLOCK_HEX ? hex.padEnd(BLOCK_HEX, "0") : hex;
  return {
    hi: hexToLong(padded.substring(0, 16)),
    lo: hexToLong(padded.substring(16, 32))
  };
}

export function blockToHex(block: Block): string {
  return longToHex(block.hi) + longToHex(block.lo);
}

export function xorBlocks(a: Block, b: Block): Block {
  return { hi: a.hi ^ b.hi, lo: a.lo ^ b.lo };
}

/** The raw AES-256 of one block, from the CBC cipher with a zero IV (Apex: Crypto.encrypt('AES256', key, zeroIv, …)). */
export function aesBlock(key: Buffer, blockHex: string): string {
  const cipher = crypto.createCipheriv("aes-256-cbc", key, Buffer.alloc(16));
  const out = Buffer.concat([
    cipher.update(Buffer.from(blockHex, "hex")),
    cipher.final()
  ]);
  return out.toString("hex").substring(0, BLOCK_HEX);
}

/** V·x in GCM's bit order: shift right by one, reduce with 0xE1 || 0^120 when a bit falls off. */
function timesX(v: Block): Block {
  const carry = v.lo & 1n;
  const lo = (v.lo >> 1n) | ((v.hi & 1n) << 63n);
  const hi = (v.hi >> 1n) ^ (carry * (0xe1n << 56n));
  return { hi, lo };
}

/** Shoup's table: entry n is n·H where the nibble's top bit (8) stands for x^0, so entry 8 is H, 4 is H·x, … */
export function buildHashKey(h: Block): HashKey {
  const table: Block[] = new Array<Block>(16);
  table[0] = { hi: 0n, lo: 0n };
  table[8] = h;
  table[4] = timesX(table[8]);
  table[2] = timesX(table[4]);
  table[1] = timesX(table[2]);
  for (const top of [2, 4, 8]) {
    for (let low = 1; low < top; low++) {
      table[top + low] = xorBlocks(table[top], table[low]);
    }
  }
  return { hi: table.map((b) => b.hi), lo: table.map((b) => b.lo) };
}

/** x·H with the 4-bit table: 32 steps of Z = (Z·x^4, reduced) ^ table[nibble], four statements each in Apex. */
export function multiplyH(x: Block, key: HashKey): Block {
  let hi = 0n;
  let lo = 0n;
  // nibbles from the low one of byte 15 up to the high one of byte 0: the low word first, then the high word
  for (const word of [x.lo, x.hi]) {
    for (let shift = 0n; shift < 64n; shift += 4n) {
      const n = Number((word >> shift) & 15n);
      const nextLo = (((hi << 60n) & MASK64) | (lo >> 4n)) ^ key.lo[n];
      hi = (hi >> 4n) ^ REDUCE4[Number(lo & 15n)] ^ key.hi[n];
      lo = nextLo;
    }
  }
  return { hi, lo };
}

/** GHASH over hex data (last partial block zero-padded) followed by the length block [0]_64 || [bits]_64. */
export function ghash(key: HashKey, dataHex: string): Block {
  let y: Block = { hi: 0n, lo: 0n };
  for (let start = 0; start < dataHex.length; start += BLOCK_HEX) {
    y = multiplyH(
      xorBlocks(
        y,
        blockFromHex(
          dataHex.substring(start, Math.min(start + BLOCK_HEX, dataHex.length))
        )
      ),
      key
    );
  }
  const bits = BigInt(dataHex.length) * 4n;
  return multiplyH(xorBlocks(y, { hi: 0n, lo: bits }), key);
}

/** J0 for a 16-byte IV: GHASH_H(IV || 0^64 || [128]_64), which is ghash over the IV's 16 bytes. */
export function deriveJ0(key: HashKey, ivHex: string): Block {
  return ghash(key, ivHex);
}

/** inc32: add one to the low 32 bits, leaving the other 96 alone. */
export function increment32(counter: Block): Block {
  return {
    hi: counter.hi,
    lo: (counter.lo & HIGH32) | ((counter.lo + 1n) & LOW32)
  };
}

/** GCTR from inc32(J0): one AES call per 16 bytes; the last partial block keeps only its own bytes. */
export function gctr(key: Buffer, j0: Block, dataHex: string): string {
  const out: string[] = [];
  const hiHex = longToHex(j0.hi); // inc32 never changes the high word
  let counter = j0;
  for (let start = 0; start < dataHex.length; start += BLOCK_HEX) {
    counter = increment32(counter);
    const stream = blockFromHex(aesBlock(key, hiHex + longToHex(counter.lo)));
    const chunk = dataHex.substring(
      start,
      Math.min(start + BLOCK_HEX, dataHex.length)
    );
    const mixed = blockToHex(xorBlocks(blockFromHex(chunk), stream));
    out.push(
      chunk.length < BLOCK_HEX ? mixed.substring(0, chunk.length) : mixed
    );
  }
  return out.join("");
}

/** The GCM context of one message: the hash key table and J0. */
interface Context {
  key: Buffer;
  hashKey: HashKey;
  j0: Block;
}

function context(key: Buffer, ivHex: string): Context {
  const hashKey = buildHashKey(blockFromHex(aesBlock(key, ZERO_BLOCK_HEX)));
  return { key, hashKey, j0: deriveJ0(hashKey, ivHex) };
}

/** T = E(K, J0) xor GHASH(C). */
function tagFor(ctx: Context, ciphertextHex: string): Block {
  return xorBlocks(
    blockFromHex(aesBlock(ctx.key, blockToHex(ctx.j0))),
    ghash(ctx.hashKey, ciphertextHex)
  );
}

/** Compares all 128 bits whatever they hold: no early exit that would time where two tags differ. */
export function constantTimeEquals(a: Block, b: Block): boolean {
  return ((a.hi ^ b.hi) | (a.lo ^ b.lo)) === 0n;
}

function requireKey(key: Buffer | null | undefined): Buffer {
  if (!key || key.length !== KEY_BYTES) {
    throw new EnvelopeError("The envelope key must be 32 bytes (AES-256).");
  }
  return key;
}

/** Encrypts with a given IV (Apex: the @TestVisible encryptWithIv seam). */
export function encryptWithIv(
  key: Buffer,
  iv: Buffer,
  plaintext: Buffer
): string {
  requireKey(key);
  if (!iv || iv.length !== IV_BYTES) {
    throw new EnvelopeError("The envelope IV must be 16 bytes.");
  }
  const ivHex = iv.toString("hex");
  const ctx = context(key, ivHex);
  const ciphertextHex = gctr(key, ctx.j0, plaintext.toString("hex"));
  const tagHex = blockToHex(tagFor(ctx, ciphertextHex));
  return Buffer.from(ivHex + ciphertextHex + tagHex, "hex").toString("base64");
}

/** Encrypts with a fresh random 16-byte IV. */
export function encrypt(key: Buffer, plaintext: Buffer): string {
  return encryptWithIv(key, crypto.randomBytes(IV_BYTES), plaintext);
}

/** The wire's bytes as hex. Decoding is lenient (as Apex's base64Decode may be): the tag refuses whatever it lets by. */
function wireHex(wireBase64: string): string {
  if (!wireBase64) {
    throw new EnvelopeError("The envelope is empty.");
  }
  const hex = Buffer.from(wireBase64, "base64").toString("hex");
  if (hex.length < (IV_BYTES + TAG_BYTES) * 2) {
    throw new EnvelopeError("The envelope is shorter than its IV and tag.");
  }
  return hex;
}

/** Decrypts a wire; the tag is checked before any plaintext is produced. */
export function decrypt(key: Buffer, wireBase64: string): Buffer {
  requireKey(key);
  let hex: string | null = wireHex(wireBase64);
  const bodyEnd = hex.length - TAG_BYTES * 2;
  const ivHex = hex.substring(0, IV_BYTES * 2);
  const tagHex = hex.substring(bodyEnd);
  const ciphertextHex = hex.substring(IV_BYTES * 2, bodyEnd);
  // Apex: a 1 MiB result must not keep its hex twice while the plaintext is built (12 MB of async heap)
  hex = null;
  const ctx = context(key, ivHex);
  const expected = tagFor(ctx, ciphertextHex);
  if (!constantTimeEquals(expected, blockFromHex(tagHex))) {
    throw new EnvelopeError("The envelope failed authentication.");
  }
  return Buffer.from(gctr(key, ctx.j0, ciphertextHex), "hex");
}
