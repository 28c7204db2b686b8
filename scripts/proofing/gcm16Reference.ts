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
 *  - GHASH uses Shoup's 8-bit table: 256 multiples of H built once per key, 16 byte steps per block (two a loop
 *    pass), with a 256-entry table for the reduction of the byte each step shifts out.
 *  - Hex is read as character codes (String.getChars()) with one digit-table look-up per character, 16 to a word.
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
/** 0xE1 || 0^56: the reduction a one-bit shift needs when a bit falls off. */
const REDUCE1 = 0xe1n << 56n;

/** Refused input: wrong key or IV length, not an envelope, failed authentication. Never carries plaintext. */
export class EnvelopeError extends Error {}

/** A 128-bit value as two 64-bit words (Apex: inner class Block with Long hi, lo). */
export interface Block {
  hi: bigint;
  lo: bigint;
}

/** The 256 multiples of H (Shoup's 8-bit table), one list per half (Apex: inner class HashKey). */
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

/** Character code to digit value for '0'-'9', 'a'-'f' and 'A'-'F'; any other code has no entry (Apex: null). */
function digitTable(): (bigint | undefined)[] {
  const table = new Array<bigint | undefined>(103); // 'f' is 102
  for (const code of getChars("0123456789abcdefABCDEF")) {
    // branch-free: '0'-'9' to 0..9, 'a'-'f' / 'A'-'F' to 10..15
    table[code] = BigInt((code & 15) + 9 * (code >> 6));
  }
  return table;
}

/**
 * The reduction of the byte an 8-bit step shifts out (x^128 = x^7 + x^2 + x + 1, GCM's reflected bit order): entry 2^k
 * is REDUCE1 >>> (7 - k) (bit k falls off k + 1 shifts into the step, the rest of the step moves its reduction down),
 * every other entry the XOR of those of its bits.
 */
export function reduceTable(): bigint[] {
  const table = [0n];
  for (let bit = 0; bit < 8; bit++) {
    const single = REDUCE1 >> BigInt(7 - bit);
    const top = table.length;
    for (let low = 0; low < top; low++) table.push(single ^ table[low]);
  }
  return table;
}

export const REDUCE8 = reduceTable();
const DIGIT = digitTable();

/** The 64-bit word of the 16 hex digits chars[at..at+15] (character codes): one table look-up per digit. */
export function wordAt(chars: number[], at: number): bigint {
  let value = 0n;
  // Apex: one expression of 16 terms, (DIGIT[chars[at + k]] << (60 - 4k)) or-ed together
  for (let k = 0; k < 16; k++) {
    const digit = DIGIT[chars[at + k]];
    // Apex: a null entry, NullPointerException
    if (digit === undefined)
      throw new Error(`not a hex digit: ${chars[at + k]}`);
    value |= digit << BigInt(60 - 4 * k);
  }
  return value;
}

/** 16 hex characters to a 64-bit word. */
export function hexToLong(hex: string): bigint {
  return wordAt(getChars(hex), 0);
}

/** A 64-bit word to 16 lowercase hex characters: eight byte look-ups in one expression (each index is 0..255). */
export function longToHex(value: bigint): string {
  let hex = "";
  for (let shift = 56n; shift >= 0n; shift -= 8n) {
    hex += BYTE_HEX[Number((value >> shift) & 255n)];
  }
  return hex;
}

/** The low 32 bits of a counter (0..2^32-1) as 8 lowercase hex characters. */
export function counterHex(counter: bigint): string {
  let hex = "";
  for (let shift = 24n; shift >= 0n; shift -= 8n) {
    hex += BYTE_HEX[Number((counter >> shift) & 255n)];
  }
  return hex;
}

/** 32 hex characters (fewer: zero-padded on the right, as GCM pads a last partial block) to a block. */
export function blockFromHex(hex: string): Block {
  const chars = getChars(hex.padEnd(BLOCK_HEX, "0"));
  return { hi: wordAt(chars, 0), lo: wordAt(chars, 16) };
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
  const hi = (v.hi >> 1n) ^ (carry * REDUCE1);
  return { hi, lo };
}

/**
 * Shoup's 8-bit table: entry b is b·H where the byte's top bit (128) stands for x^0, so 128 is H, 64 is H·x, … 1 is
 * H·x^7, and every other entry is the XOR of those of its bits. Built once per key (255 XORs; hashKeyFor).
 */
export function buildHashKey(h: Block): HashKey {
  const powers: Block[] = [h]; // powers[k] = H·x^k
  for (let k = 1; k < 8; k++) powers.push(timesX(powers[k - 1]));
  const key: HashKey = { hi: [0n], lo: [0n] };
  for (let bit = 0; bit < 8; bit++) {
    const single = powers[7 - bit]; // entry 2^bit
    const top = key.hi.length;
    for (let low = 0; low < top; low++) {
      key.hi.push(single.hi ^ key.hi[low]);
      key.lo.push(single.lo ^ key.lo[low]);
    }
  }
  return key;
}

/** The 8-bit tables of the hash keys H (by their hex) used so far (Apex: per transaction, a static map). */
const HASH_KEYS = new Map<string, HashKey>();

/** The 8-bit table of H = AES(key, 0^128), built once for each key. */
export function hashKeyFor(hHex: string): HashKey {
  let key = HASH_KEYS.get(hHex);
  if (!key) {
    key = buildHashKey(blockFromHex(hHex));
    HASH_KEYS.set(hHex, key);
  }
  return key;
}

/**
 * x·H with the 8-bit table: 16 steps of Z = (Z·x^8, reduced) ^ table[byte], from byte 15 up to byte 0 (the low word
 * first). Each loop pass takes one 16-bit piece, two steps, so the Z between them needs no copy.
 */
export function multiplyH(x: Block, key: HashKey): Block {
  let hi = 0n;
  let lo = 0n;
  for (let shift = 0n; shift < 128n; shift += 16n) {
    const piece = Number(
      ((shift < 64n ? x.lo : x.hi) >> (shift & 63n)) & 65535n
    );
    const midLo = (((hi << 56n) & MASK64) | (lo >> 8n)) ^ key.lo[piece & 255];
    const midHi = (hi >> 8n) ^ REDUCE8[Number(lo & 255n)] ^ key.hi[piece & 255];
    lo = (((midHi << 56n) & MASK64) | (midLo >> 8n)) ^ key.lo[piece >> 8];
    hi = (midHi >> 8n) ^ REDUCE8[Number(midLo & 255n)] ^ key.hi[piece >> 8];
  }
  return { hi, lo };
}

/** GHASH over hex data (the last partial block zero-padded) followed by the length block [0]_64 || [bits]_64. */
export function ghash(key: HashKey, dataHex: string): Block {
  let y: Block = { hi: 0n, lo: 0n };
  const length = dataHex.length;
  for (let start = 0; start < length; start += BLOCK_HEX) {
    const chars = getChars(
      dataHex
        .substring(start, Math.min(start + BLOCK_HEX, length))
        .padEnd(BLOCK_HEX, "0")
    );
    y = multiplyH(
      { hi: y.hi ^ wordAt(chars, 0), lo: y.lo ^ wordAt(chars, 16) },
      key
    );
  }
  const bits = BigInt(length) * 4n;
  return multiplyH({ hi: y.hi, lo: y.lo ^ bits }, key);
}

/** J0 for a 16-byte IV: GHASH_H(IV || 0^64 || [128]_64), which is ghash over the IV's 16 bytes. */
export function deriveJ0(key: HashKey, ivHex: string): Block {
  return ghash(key, ivHex);
}

/** Up to 32 hex characters XOR the same number of keystream characters (of a 32-character block). */
export function xorHex(dataHex: string, streamHex: string): string {
  const data = getChars(dataHex.padEnd(BLOCK_HEX, "0"));
  const stream = getChars(streamHex);
  const mixed =
    longToHex(wordAt(data, 0) ^ wordAt(stream, 0)) +
    longToHex(wordAt(data, 16) ^ wordAt(stream, 16));
  return dataHex.length < BLOCK_HEX
    ? mixed.substring(0, dataHex.length)
    : mixed;
}

/** GCTR from inc32(J0): one AES call per 16 bytes; the last partial block keeps only its own bytes. */
export function gctr(key: Buffer, j0: Block, dataHex: string): string {
  const out: string[] = [];
  // inc32 adds one to the low 32 bits and leaves the other 96 alone, so their hex is made once
  const prefix = blockToHex(j0).substring(0, 24);
  let counter = j0.lo & LOW32;
  const length = dataHex.length;
  for (let start = 0; start < length; start += BLOCK_HEX) {
    counter = (counter + 1n) & LOW32;
    out.push(
      xorHex(
        dataHex.substring(start, Math.min(start + BLOCK_HEX, length)),
        aesBlock(key, prefix + counterHex(counter))
      )
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
  const hashKey = hashKeyFor(aesBlock(key, ZERO_BLOCK_HEX));
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
