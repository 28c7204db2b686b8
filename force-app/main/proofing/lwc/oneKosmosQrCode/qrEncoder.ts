/**
 * A QR code encoder (ISO/IEC 18004 model 2), written for this project: byte mode, error correction level M,
 * versions 1 to 40, Reed–Solomon over GF(256), all eight masks scored with the standard penalty rules, and the
 * format and version information. Pure: text in, module matrix out; nothing is logged or kept.
 *
 * Level M restores about 15 % of damaged modules, a fair trade between size and robustness for a code shown on a
 * screen. Non-ASCII text is encoded as UTF-8 behind an ECI designator (assignment 26), so readers that honour ECI
 * decode it correctly; plain ASCII (every URL) carries no designator.
 */

/** The encoded symbol: `modules[y][x]` is true for a dark module. */
export interface QrCode {
  readonly version: number;
  /** Modules per side: 17 + 4 × version (the quiet zone is not included). */
  readonly size: number;
  /** The mask pattern chosen (0–7). */
  readonly mask: number;
  readonly modules: readonly (readonly boolean[])[];
}

/** Thrown when the text does not fit the largest symbol (or the largest version allowed). */
export class QrCapacityError extends Error {
  readonly byteLength: number;
  readonly maxBytes: number;
  constructor(byteLength: number, maxBytes: number) {
    super(
      `The text is ${byteLength} bytes; a QR code with error correction M holds at most ${maxBytes} bytes.`
    );
    this.name = "QrCapacityError";
    this.byteLength = byteLength;
    this.maxBytes = maxBytes;
  }
}

export const MIN_VERSION = 1;
export const MAX_VERSION = 40;

/** Error correction level M, per version (index 0 unused): codewords of ECC in each block. */
const ECC_PER_BLOCK = [
  0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26,
  26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
  28, 28
];
/** Error correction level M, per version (index 0 unused): number of Reed–Solomon blocks. */
const BLOCK_COUNT = [
  0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17,
  18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49
];

/** Level M's two format bits (L 01, M 00, Q 11, H 10). */
const LEVEL_M_BITS = 0b00;
const FORMAT_GENERATOR = 0x537;
const FORMAT_XOR_MASK = 0x5412;
const VERSION_GENERATOR = 0x1f25;
const MODE_BYTE = 0b0100;
const MODE_ECI = 0b0111;
const ECI_UTF8 = 26;
const PAD_BYTES = [0xec, 0x11];

const PENALTY_RUN = 3;
const PENALTY_BLOCK = 3;
const PENALTY_FINDER_LIKE = 40;
const PENALTY_BALANCE = 10;
const FINDER_LIKE_BEFORE = [0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1];
const FINDER_LIKE_AFTER = [1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0];

// ---------------------------------------------------------------------------------------------------------------
// GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1 and generator α = 2.

const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
(() => {
  let value = 1;
  for (let power = 0; power < 255; power++) {
    EXP[power] = value;
    LOG[value] = power;
    value <<= 1;
    if (value & 0x100) value ^= 0x11d;
  }
  // A doubled table spares the modulo in multiply.
  for (let power = 255; power < 512; power++) EXP[power] = EXP[power - 255];
})();

function gfMultiply(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : EXP[LOG[a] + LOG[b]];
}

/** The monic generator polynomial (x − α^0)(x − α^1)…(x − α^(degree−1)), highest power first. */
function generatorPolynomial(degree: number): Uint8Array {
  let poly = Uint8Array.of(1);
  for (let root = 0; root < degree; root++) {
    const next = new Uint8Array(poly.length + 1);
    for (let i = 0; i < poly.length; i++) {
      next[i] ^= poly[i];
      next[i + 1] ^= gfMultiply(poly[i], EXP[root]);
    }
    poly = next;
  }
  return poly;
}

const generatorCache = new Map<number, Uint8Array>();

/** The Reed–Solomon check codewords of one block: the remainder of data·x^degree divided by the generator. */
export function reedSolomonRemainder(
  data: ArrayLike<number>,
  degree: number
): Uint8Array {
  let generator = generatorCache.get(degree);
  if (!generator) {
    generator = generatorPolynomial(degree);
    generatorCache.set(degree, generator);
  }
  const remainder = new Uint8Array(degree);
  for (let i = 0; i < data.length; i++) {
    const factor = data[i] ^ remainder[0];
    remainder.copyWithin(0, 1);
    remainder[degree - 1] = 0;
    for (let j = 0; j < degree; j++) {
      remainder[j] ^= gfMultiply(generator[j + 1], factor);
    }
  }
  return remainder;
}

// ---------------------------------------------------------------------------------------------------------------
// Text to codewords.

/** UTF-8 bytes of the text (by hand: TextEncoder is not in every test DOM). Lone surrogates become U+FFFD. */
export function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    let code = char.codePointAt(0) ?? 0xfffd;
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) {
      bytes.push(code);
    } else if (code < 0x800) {
      bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      bytes.push(
        0xe0 | (code >> 12),
        0x80 | ((code >> 6) & 0x3f),
        0x80 | (code & 0x3f)
      );
    } else {
      bytes.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 0x3f),
        0x80 | ((code >> 6) & 0x3f),
        0x80 | (code & 0x3f)
      );
    }
  }
  return bytes;
}

class BitBuffer {
  readonly bits: number[] = [];
  append(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) this.bits.push((value >>> i) & 1);
  }
}

function countBits(version: number): number {
  return version <= 9 ? 8 : 16;
}

function headerBits(version: number, eci: boolean): number {
  return (eci ? 12 : 0) + 4 + countBits(version);
}

/** Codewords of data (not error correction) a version holds at level M. */
function dataCodewords(version: number): number {
  return (
    totalCodewords(version) - ECC_PER_BLOCK[version] * BLOCK_COUNT[version]
  );
}

/** The most bytes of text a version holds at level M in byte mode (with `eci`: behind the UTF-8 designator). */
export function byteCapacity(version: number, eci = false): number {
  const bits = dataCodewords(version) * 8 - headerBits(version, eci);
  return Math.min(Math.floor(bits / 8), 2 ** countBits(version) - 1);
}

function fits(version: number, byteLength: number, eci: boolean): boolean {
  return (
    byteLength < 2 ** countBits(version) &&
    headerBits(version, eci) + byteLength * 8 <= dataCodewords(version) * 8
  );
}

/** The data codewords: mode, count, bytes, terminator, padding to the version's capacity. */
function dataStream(bytes: number[], version: number, eci: boolean): number[] {
  const buffer = new BitBuffer();
  if (eci) {
    buffer.append(MODE_ECI, 4);
    buffer.append(ECI_UTF8, 8);
  }
  buffer.append(MODE_BYTE, 4);
  buffer.append(bytes.length, countBits(version));
  for (const byte of bytes) buffer.append(byte, 8);
  const capacityBits = dataCodewords(version) * 8;
  buffer.append(0, Math.min(4, capacityBits - buffer.bits.length));
  buffer.append(0, (8 - (buffer.bits.length % 8)) % 8);
  const codewords: number[] = [];
  for (let i = 0; i < buffer.bits.length; i += 8) {
    let byte = 0;
    for (let j = 0; j < 8; j++) byte = (byte << 1) | buffer.bits[i + j];
    codewords.push(byte);
  }
  for (let pad = 0; codewords.length < capacityBits / 8; pad++) {
    codewords.push(PAD_BYTES[pad % 2]);
  }
  return codewords;
}

/** Splits the data into the version's blocks, adds each block's check codewords, and interleaves them. */
function withErrorCorrection(data: number[], version: number): number[] {
  const blockCount = BLOCK_COUNT[version];
  const eccLength = ECC_PER_BLOCK[version];
  const total = totalCodewords(version);
  // The last (total mod blockCount) blocks carry one data codeword more than the others.
  const shortBlocks = blockCount - (total % blockCount);
  const shortDataLength = Math.floor(total / blockCount) - eccLength;
  const dataBlocks: number[][] = [];
  const eccBlocks: Uint8Array[] = [];
  let offset = 0;
  for (let block = 0; block < blockCount; block++) {
    const length = shortDataLength + (block < shortBlocks ? 0 : 1);
    const slice = data.slice(offset, offset + length);
    offset += length;
    dataBlocks.push(slice);
    eccBlocks.push(reedSolomonRemainder(slice, eccLength));
  }
  const result: number[] = [];
  for (let i = 0; i <= shortDataLength; i++) {
    for (const block of dataBlocks) if (i < block.length) result.push(block[i]);
  }
  for (let i = 0; i < eccLength; i++) {
    for (const block of eccBlocks) result.push(block[i]);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// The module grid.

/** A square of modules with a second layer that marks function patterns (never masked, never data). */
class Grid {
  readonly size: number;
  readonly dark: Uint8Array;
  readonly reserved: Uint8Array;

  constructor(size: number, dark?: Uint8Array, reserved?: Uint8Array) {
    this.size = size;
    this.dark = dark ? dark.slice() : new Uint8Array(size * size);
    this.reserved = reserved ? reserved.slice() : new Uint8Array(size * size);
  }

  copy(): Grid {
    return new Grid(this.size, this.dark, this.reserved);
  }

  setFunction(x: number, y: number, isDark: boolean): void {
    const index = y * this.size + x;
    this.dark[index] = isDark ? 1 : 0;
    this.reserved[index] = 1;
  }

  isDark(x: number, y: number): boolean {
    return this.dark[y * this.size + x] === 1;
  }
}

function sizeOf(version: number): number {
  return 17 + 4 * version;
}

/** A finder pattern (7×7 with its light separator ring) centred on (cx, cy). */
function drawFinder(grid: Grid, cx: number, cy: number): void {
  for (let dy = -4; dy <= 4; dy++) {
    for (let dx = -4; dx <= 4; dx++) {
      const x = cx + dx;
      const y = cy + dy;
      if (x < 0 || y < 0 || x >= grid.size || y >= grid.size) continue;
      const ring = Math.max(Math.abs(dx), Math.abs(dy));
      grid.setFunction(x, y, ring !== 2 && ring !== 4);
    }
  }
}

function drawAlignment(grid: Grid, cx: number, cy: number): void {
  for (let dy = -2; dy <= 2; dy++) {
    for (let dx = -2; dx <= 2; dx++) {
      grid.setFunction(
        cx + dx,
        cy + dy,
        Math.max(Math.abs(dx), Math.abs(dy)) !== 1
      );
    }
  }
}

/**
 * Row and column coordinates of the alignment pattern centres: the first at 6, the last 7 from the far edge, the
 * ones between an even step apart (the spec's table; version 32 is the one exception to the rounding rule).
 */
export function alignmentCenters(version: number): number[] {
  if (version < 2) return [];
  const count = Math.floor(version / 7) + 2;
  const last = sizeOf(version) - 7;
  const step =
    version === 32 ? 26 : Math.ceil((last - 6) / (count - 1) / 2) * 2;
  const centers = [6];
  for (let i = count - 2; i >= 0; i--) centers.push(last - i * step);
  return centers;
}

/** BCH remainder of value·x^degree divided by the generator (a polynomial over GF(2) as bits). */
function bchRemainder(
  value: number,
  generator: number,
  degree: number
): number {
  let rest = value << degree;
  for (let bit = 31 - Math.clz32(rest); bit >= degree; bit--) {
    if ((rest >>> bit) & 1) rest ^= generator << (bit - degree);
  }
  return rest;
}

/** The 15 format bits for level M and the mask (BCH(15,5), then XOR with the spec's mask pattern). */
export function formatBits(mask: number): number {
  const data = (LEVEL_M_BITS << 3) | mask;
  return (
    ((data << 10) | bchRemainder(data, FORMAT_GENERATOR, 10)) ^ FORMAT_XOR_MASK
  );
}

/** The 18 version bits (versions 7 and up): the version number and its BCH(18,6) check bits. */
export function versionBits(version: number): number {
  return (version << 12) | bchRemainder(version, VERSION_GENERATOR, 12);
}

/** Both copies of the format information, and the single dark module beside the lower-left finder. */
function drawFormat(grid: Grid, mask: number): void {
  const bits = formatBits(mask);
  const bit = (i: number): boolean => ((bits >>> i) & 1) === 1;
  const last = grid.size - 1;
  // Around the upper-left finder: down column 8 (skipping the timing row), then left along row 8.
  for (let i = 0; i <= 5; i++) grid.setFunction(8, i, bit(i));
  grid.setFunction(8, 7, bit(6));
  grid.setFunction(8, 8, bit(7));
  grid.setFunction(7, 8, bit(8));
  for (let i = 9; i < 15; i++) grid.setFunction(14 - i, 8, bit(i));
  // Split between the other two finders.
  for (let i = 0; i < 8; i++) grid.setFunction(last - i, 8, bit(i));
  for (let i = 8; i < 15; i++) grid.setFunction(8, grid.size - 15 + i, bit(i));
  grid.setFunction(8, grid.size - 8, true);
}

/** Two 6×3 copies of the version information, beside the upper-right and lower-left finders. */
function drawVersion(grid: Grid, version: number): void {
  if (version < 7) return;
  const bits = versionBits(version);
  for (let i = 0; i < 18; i++) {
    const isDark = ((bits >>> i) & 1) === 1;
    const across = grid.size - 11 + (i % 3);
    const along = Math.floor(i / 3);
    grid.setFunction(across, along, isDark);
    grid.setFunction(along, across, isDark);
  }
}

/** Every function pattern of the version; the format area is reserved (drawn again once the mask is known). */
function functionPatterns(version: number): Grid {
  const size = sizeOf(version);
  const grid = new Grid(size);
  for (let i = 0; i < size; i++) {
    grid.setFunction(6, i, i % 2 === 0);
    grid.setFunction(i, 6, i % 2 === 0);
  }
  drawFinder(grid, 3, 3);
  drawFinder(grid, size - 4, 3);
  drawFinder(grid, 3, size - 4);
  const centers = alignmentCenters(version);
  const lastIndex = centers.length - 1;
  centers.forEach((cy, row) => {
    centers.forEach((cx, column) => {
      const onFinder =
        (row === 0 && column === 0) ||
        (row === 0 && column === lastIndex) ||
        (row === lastIndex && column === 0);
      if (!onFinder) drawAlignment(grid, cx, cy);
    });
  });
  drawFormat(grid, 0);
  drawVersion(grid, version);
  return grid;
}

const templateCache = new Map<number, Grid>();

function template(version: number): Grid {
  let grid = templateCache.get(version);
  if (!grid) {
    grid = functionPatterns(version);
    templateCache.set(version, grid);
  }
  return grid;
}

/** All codewords the version holds (data and error correction): its data modules / 8, remainder bits unused. */
function totalCodewords(version: number): number {
  const reserved = template(version).reserved;
  let free = 0;
  for (const cell of reserved) if (cell === 0) free++;
  return Math.floor(free / 8);
}

/** Places the codewords in the two-module-wide zigzag from the lower right, skipping function modules. */
function placeCodewords(grid: Grid, codewords: number[]): void {
  const { size } = grid;
  const totalBits = codewords.length * 8;
  let bitIndex = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    // The vertical timing pattern takes column 6 out of the zigzag.
    if (right === 6) right = 5;
    const upward = ((right + 1) & 2) === 0;
    for (let step = 0; step < size; step++) {
      const y = upward ? size - 1 - step : step;
      for (let x = right; x >= right - 1; x--) {
        const index = y * size + x;
        if (grid.reserved[index] || bitIndex >= totalBits) continue;
        const byte = codewords[bitIndex >>> 3];
        grid.dark[index] = (byte >>> (7 - (bitIndex & 7))) & 1;
        bitIndex++;
      }
    }
  }
}

const MASKS: readonly ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0,
  (_x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(y / 2) + Math.floor(x / 3)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0
];

function applyMask(grid: Grid, mask: number): void {
  const condition = MASKS[mask];
  for (let y = 0; y < grid.size; y++) {
    for (let x = 0; x < grid.size; x++) {
      const index = y * grid.size + x;
      if (!grid.reserved[index] && condition(x, y)) grid.dark[index] ^= 1;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Mask penalty (the four rules of the spec's evaluation).

function matchesAt(line: number[], start: number, pattern: number[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (line[start + i] !== pattern[i]) return false;
  }
  return true;
}

/** Rules 1 and 3 on one row or column: runs of five or more, and 1:1:3:1:1 finder look-alikes beside 4 light. */
export function linePenalty(line: number[]): number {
  let penalty = 0;
  let runLength = 1;
  for (let i = 1; i <= line.length; i++) {
    if (i < line.length && line[i] === line[i - 1]) {
      runLength++;
      continue;
    }
    if (runLength >= 5) penalty += PENALTY_RUN + (runLength - 5);
    runLength = 1;
  }
  // The quiet zone around the symbol is light, so the line is read with four light modules on each side.
  const padded = [0, 0, 0, 0, ...line, 0, 0, 0, 0];
  for (
    let start = 0;
    start + FINDER_LIKE_BEFORE.length <= padded.length;
    start++
  ) {
    if (matchesAt(padded, start, FINDER_LIKE_BEFORE))
      penalty += PENALTY_FINDER_LIKE;
    if (matchesAt(padded, start, FINDER_LIKE_AFTER))
      penalty += PENALTY_FINDER_LIKE;
  }
  return penalty;
}

function penaltyScore(grid: Grid): number {
  const { size, dark } = grid;
  let penalty = 0;
  for (let y = 0; y < size; y++) {
    penalty += linePenalty(Array.from(dark.subarray(y * size, (y + 1) * size)));
  }
  for (let x = 0; x < size; x++) {
    const column: number[] = [];
    for (let y = 0; y < size; y++) column.push(dark[y * size + x]);
    penalty += linePenalty(column);
  }
  for (let y = 0; y < size - 1; y++) {
    for (let x = 0; x < size - 1; x++) {
      const cell = dark[y * size + x];
      if (
        cell === dark[y * size + x + 1] &&
        cell === dark[(y + 1) * size + x] &&
        cell === dark[(y + 1) * size + x + 1]
      ) {
        penalty += PENALTY_BLOCK;
      }
    }
  }
  let darkCount = 0;
  for (const cell of dark) darkCount += cell;
  const total = size * size;
  // Each full 5 % that the dark share strays from 50 % costs 10.
  const steps = Math.floor(Math.abs(darkCount * 20 - total * 10) / total);
  return penalty + steps * PENALTY_BALANCE;
}

// ---------------------------------------------------------------------------------------------------------------

function chooseVersion(
  byteLength: number,
  eci: boolean,
  maxVersion: number
): number {
  for (let version = MIN_VERSION; version <= maxVersion; version++) {
    if (fits(version, byteLength, eci)) return version;
  }
  throw new QrCapacityError(byteLength, byteCapacity(maxVersion, eci));
}

export interface QrOptions {
  /** The largest version allowed (1–40, default 40): a denser code is harder to scan from a screen. */
  maxVersion?: number;
  /** A fixed mask (0–7) instead of the one of least penalty; for tests and comparisons. */
  mask?: number;
}

function checkRange(
  name: string,
  value: number,
  min: number,
  max: number
): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}.`);
  }
}

function toRows(grid: Grid): boolean[][] {
  const rows: boolean[][] = [];
  for (let y = 0; y < grid.size; y++) {
    const row: boolean[] = [];
    for (let x = 0; x < grid.size; x++) row.push(grid.isDark(x, y));
    rows.push(row);
  }
  return rows;
}

/** Masks the placed data with each candidate mask and keeps the one of least penalty (the first on a tie). */
function bestMasked(base: Grid, masks: number[]): { grid: Grid; mask: number } {
  let best: { grid: Grid; mask: number; score: number } | undefined;
  for (const mask of masks) {
    const candidate = base.copy();
    applyMask(candidate, mask);
    drawFormat(candidate, mask);
    const score = penaltyScore(candidate);
    if (!best || score < best.score) best = { grid: candidate, mask, score };
  }
  return best!;
}

/**
 * Encodes the text as the smallest QR code (level M, byte mode) that holds it, with the mask of least penalty.
 * Throws QrCapacityError when it does not fit `maxVersion` (default 40: 2331 bytes of ASCII).
 */
export function encodeQr(text: string, options: QrOptions = {}): QrCode {
  const maxVersion = options.maxVersion ?? MAX_VERSION;
  checkRange("maxVersion", maxVersion, MIN_VERSION, MAX_VERSION);
  if (options.mask !== undefined) checkRange("mask", options.mask, 0, 7);
  const bytes = utf8Bytes(text);
  const eci = bytes.some((byte) => byte >= 0x80);
  const version = chooseVersion(bytes.length, eci, maxVersion);
  const codewords = withErrorCorrection(
    dataStream(bytes, version, eci),
    version
  );
  const base = template(version).copy();
  placeCodewords(base, codewords);
  const masks =
    options.mask === undefined ? [0, 1, 2, 3, 4, 5, 6, 7] : [options.mask];
  const chosen = bestMasked(base, masks);
  return {
    version,
    size: chosen.grid.size,
    mask: chosen.mask,
    modules: toRows(chosen.grid)
  };
}

/** The spec's mask penalty of a finished symbol (rules 1–4), e.g. to compare masks. */
export function penaltyOf(modules: readonly (readonly boolean[])[]): number {
  const grid = new Grid(modules.length);
  modules.forEach((row, y) =>
    row.forEach((isDark, x) => {
      grid.dark[y * grid.size + x] = isDark ? 1 : 0;
    })
  );
  return penaltyScore(grid);
}

/**
 * SVG path data drawing the dark modules as unit squares (horizontal runs merged), offset by the quiet zone, for a
 * viewBox of `0 0 size+2q size+2q`.
 */
export function qrPathData(code: QrCode, quietZone = 4): string {
  const parts: string[] = [];
  code.modules.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      const run = x - start;
      parts.push(`M${start + quietZone} ${y + quietZone}h${run}v1h-${run}z`);
    }
  });
  return parts.join("");
}
