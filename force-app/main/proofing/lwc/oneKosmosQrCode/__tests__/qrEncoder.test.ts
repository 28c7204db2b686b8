// The encoder against an independent decoder (jsQR) and the spec's published values: every version's capacity, every
// mask, UTF-8, damage repaired by the error correction, and a clear error for text too long.
import {
  MAX_VERSION,
  QrCapacityError,
  byteCapacity,
  encodeQr,
  penaltyOf,
  qrPathData
} from "c/oneKosmosQrCode";
import {
  alignmentCenters,
  formatBits,
  linePenalty,
  reedSolomonRemainder,
  utf8Bytes,
  versionBits
} from "../qrEncoder";
import { CAPTURE_URL, decodeModules } from "./qrTestUtils";

/** ASCII text of the length, from the characters a URL uses. */
function urlLike(length: number): string {
  const alphabet =
    "abcdefghijklmnopqrstuvwxyz0123456789/:.-_?=&ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let text = "";
  for (let i = 0; i < length; i++)
    text += alphabet[(i * 7 + 3) % alphabet.length];
  return text;
}

describe("capacity and versions (level M, byte mode)", () => {
  // ISO/IEC 18004 table 7, byte mode, level M.
  const PUBLISHED: Record<number, number> = {
    1: 14,
    2: 26,
    3: 42,
    4: 62,
    5: 84,
    6: 106,
    7: 122,
    8: 152,
    9: 180,
    10: 213,
    20: 666,
    27: 1125,
    32: 1538,
    40: 2331
  };

  it.each(Object.entries(PUBLISHED).map(([v, n]) => [Number(v), n]))(
    "version %i holds %i bytes",
    (version, bytes) => {
      expect(byteCapacity(version)).toBe(bytes);
    }
  );

  it("decodes the fullest text of every version, in the smallest version that holds it", () => {
    for (let version = 1; version <= MAX_VERSION; version++) {
      const text = urlLike(byteCapacity(version));
      const code = encodeQr(text);
      expect({
        version,
        decoded: decodeModules(code.modules, version > 20 ? 2 : 3)
      }).toEqual({
        version: code.version,
        decoded: text
      });
      expect(code.size).toBe(17 + 4 * version);
    }
  });

  it("moves to the next version for one byte more than a version holds", () => {
    const next: number[] = [];
    for (let version = 1; version < MAX_VERSION; version++) {
      next.push(encodeQr(urlLike(byteCapacity(version) + 1)).version);
    }
    expect(next).toEqual(
      Array.from({ length: MAX_VERSION - 1 }, (_, i) => i + 2)
    );
  });

  it.each([1, 13, 14, 15, 80, 120])("decodes %i characters", (length) => {
    const text = urlLike(length);
    expect(decodeModules(encodeQr(text).modules)).toBe(text);
  });

  it("draws a realistic capture link (about 110 characters) as a version 7 code and decodes it", () => {
    expect(CAPTURE_URL.length).toBeGreaterThan(106);
    const code = encodeQr(CAPTURE_URL);
    expect(code.version).toBe(7);
    expect(decodeModules(code.modules)).toBe(CAPTURE_URL);
  });

  it("decodes UTF-8 text (behind the ECI designator)", () => {
    const text = "Zoë Müller · 日本 · 😀";
    expect(decodeModules(encodeQr(text).modules)).toBe(text);
  });

  it("puts the alignment patterns where the spec's table does", () => {
    expect(alignmentCenters(1)).toEqual([]);
    expect(alignmentCenters(2)).toEqual([6, 18]);
    expect(alignmentCenters(7)).toEqual([6, 22, 38]);
    expect(alignmentCenters(10)).toEqual([6, 28, 50]);
    expect(alignmentCenters(32)).toEqual([6, 34, 60, 86, 112, 138]);
    expect(alignmentCenters(40)).toEqual([6, 30, 58, 86, 114, 142, 170]);
  });
});

describe("too long", () => {
  it("throws a clear error instead of drawing a broken code", () => {
    const text = urlLike(2332);
    expect(() => encodeQr(text)).toThrow(QrCapacityError);
    expect(() => encodeQr(text)).toThrow(
      "The text is 2332 bytes; a QR code with error correction M holds at most 2331 bytes."
    );
  });

  it("honours a smaller largest version", () => {
    expect(encodeQr(urlLike(213), { maxVersion: 10 }).version).toBe(10);
    let caught: unknown;
    try {
      encodeQr(urlLike(214), { maxVersion: 10 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(QrCapacityError);
    expect(caught).toMatchObject({ byteLength: 214, maxBytes: 213 });
  });

  it("counts UTF-8 bytes, not characters", () => {
    // 12 two-byte characters are 24 bytes: more than a version 1 code's 14, even though 12 characters would fit.
    expect(encodeQr("é".repeat(12)).version).toBe(2);
    expect(() => encodeQr("é".repeat(1200))).toThrow(QrCapacityError);
  });

  it("refuses a bad version limit or mask", () => {
    expect(() => encodeQr("x", { maxVersion: 0 })).toThrow(RangeError);
    expect(() => encodeQr("x", { maxVersion: 41 })).toThrow(RangeError);
    expect(() => encodeQr("x", { maxVersion: 2.5 })).toThrow(RangeError);
    expect(() => encodeQr("x", { mask: 8 })).toThrow(RangeError);
  });
});

describe("masks", () => {
  it.each([0, 1, 2, 3, 4, 5, 6, 7])("decodes with mask %i forced", (mask) => {
    for (const text of [urlLike(14), CAPTURE_URL, urlLike(300)]) {
      const code = encodeQr(text, { mask });
      expect(code.mask).toBe(mask);
      expect(decodeModules(code.modules)).toBe(text);
    }
  });

  it("chooses the mask of least penalty", () => {
    for (const text of [CAPTURE_URL, urlLike(30), urlLike(500)]) {
      const chosen = encodeQr(text);
      const penalties = [0, 1, 2, 3, 4, 5, 6, 7].map((mask) =>
        penaltyOf(encodeQr(text, { mask }).modules)
      );
      expect(penaltyOf(chosen.modules)).toBe(Math.min(...penalties));
      expect(penalties.indexOf(Math.min(...penalties))).toBe(chosen.mask);
    }
  });

  it("scores the four penalty rules", () => {
    const light = (n: number): boolean[][] =>
      Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
    // 5×5 all light: 10 runs of 5 (3 each), 16 2×2 blocks (3 each), 0 % dark (10 × 10).
    expect(penaltyOf(light(5))).toBe(10 * 3 + 16 * 3 + 100);
    // A checkerboard: no runs, no blocks, no finder look-alikes, exactly half dark.
    const checker = light(6).map((row, y) =>
      row.map((_, x) => (x + y) % 2 === 0)
    );
    expect(penaltyOf(checker)).toBe(0);
  });

  it("scores runs and finder look-alikes in a line (rules 1 and 3)", () => {
    expect(linePenalty([1, 1, 1, 1])).toBe(0);
    expect(linePenalty([1, 1, 1, 1, 1])).toBe(3);
    expect(linePenalty([0, 0, 0, 0, 0, 0, 0, 1])).toBe(5);
    // Beside the light quiet zone on both sides, 1:1:3:1:1 counts once for each light side.
    expect(linePenalty([1, 0, 1, 1, 1, 0, 1])).toBe(80);
    // Light only before it (and a run of five dark modules after it).
    expect(linePenalty([1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1])).toBe(40 + 3);
    // Dark on both sides: no light run of four, no look-alike.
    expect(linePenalty([1, 0, 1, 0, 1, 1, 1, 0, 1, 0, 1])).toBe(0);
  });
});

describe("building blocks against the spec's values", () => {
  it("computes the Reed–Solomon check codewords of the spec's HELLO WORLD 1-M example", () => {
    const data = [
      32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17
    ];
    expect(Array.from(reedSolomonRemainder(data, 10))).toEqual([
      196, 35, 39, 119, 235, 215, 231, 226, 93, 23
    ]);
  });

  it("repairs damaged modules with the error correction", () => {
    const code = encodeQr(CAPTURE_URL);
    const damaged = code.modules.map((row) => [...row]);
    // Flip a few modules in the data area far from the function patterns (up to ~15 % may be restored).
    for (const [x, y] of [
      [20, 20],
      [21, 21],
      [22, 25],
      [15, 30],
      [30, 15],
      [25, 28]
    ]) {
      damaged[y][x] = !damaged[y][x];
    }
    expect(decodeModules(damaged)).toBe(CAPTURE_URL);
  });

  it("produces the published format and version information", () => {
    expect(formatBits(0).toString(2).padStart(15, "0")).toBe("101010000010010");
    expect(formatBits(5).toString(2).padStart(15, "0")).toBe("100000011001110");
    expect(formatBits(7).toString(2).padStart(15, "0")).toBe("100101010100000");
    expect(versionBits(7)).toBe(0x07c94);
    expect(versionBits(40)).toBe(0x28c69);
  });

  it("encodes UTF-8 as the standard does, surrogates included", () => {
    expect(utf8Bytes("aé€😀")).toEqual([
      0x61, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80
    ]);
    expect(utf8Bytes("\ud800")).toEqual([0xef, 0xbf, 0xbd]);
  });

  it("draws each run of dark modules as one rectangle, offset by the quiet zone", () => {
    const code = {
      version: 1,
      size: 3,
      mask: 0,
      modules: [
        [true, true, false],
        [false, false, false],
        [true, false, true]
      ]
    };
    expect(qrPathData(code, 4)).toBe("M4 4h2v1h-2zM4 6h1v1h-1zM6 6h1v1h-1z");
    expect(qrPathData(code, 0)).toBe("M0 0h2v1h-2zM0 2h1v1h-1zM2 2h1v1h-1z");
  });
});
