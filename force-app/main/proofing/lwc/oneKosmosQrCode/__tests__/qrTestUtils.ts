// Test helpers shared by the QR code tests and the proofing request tests: draw a module matrix (or the SVG path the
// component renders) into RGBA pixels and read it back with jsQR, an independent decoder.
import jsQR from "jsqr";

export type Modules = readonly (readonly boolean[])[];

/** Pixels of the matrix with a light quiet zone, `scale` pixels per module. */
export function toPixels(
  modules: Modules,
  scale = 3,
  quietZone = 4
): { data: Uint8ClampedArray; width: number } {
  const width = (modules.length + 2 * quietZone) * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  modules.forEach((row, y) =>
    row.forEach((isDark, x) => {
      if (!isDark) return;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const pixel =
            ((y + quietZone) * scale + dy) * width +
            (x + quietZone) * scale +
            dx;
          data.fill(0, pixel * 4, pixel * 4 + 3);
        }
      }
    })
  );
  return { data, width };
}

/** What jsQR reads from the matrix, or null when it finds no valid code. */
export function decodeModules(modules: Modules, scale = 3): string | null {
  const { data, width } = toPixels(modules, scale);
  return (
    jsQR(data, width, width, { inversionAttempts: "dontInvert" })?.data ?? null
  );
}

/**
 * The module matrix an SVG path of unit rectangles (`M x y h w v 1 h -w z`, as the component draws it) paints on a
 * square of `side` modules, quiet zone included. Anything else in the path fails the test.
 */
export function modulesFromPath(pathData: string, side: number): boolean[][] {
  const grid = Array.from({ length: side }, () =>
    new Array<boolean>(side).fill(false)
  );
  const pattern = /M(\d+) (\d+)h(\d+)v1h-(\d+)z/gy;
  let consumed = 0;
  for (const match of pathData.matchAll(pattern)) {
    const [, x, y, width, back] = match.map(Number);
    if (width !== back) throw new Error(`not a rectangle: ${match[0]}`);
    for (let i = 0; i < width; i++) grid[y][x + i] = true;
    consumed += match[0].length;
  }
  if (consumed !== pathData.length) throw new Error("unexpected path data");
  return grid;
}

/** What jsQR reads from the component's rendered SVG path (the quiet zone is already in the path's coordinates). */
export function decodePath(pathData: string, viewBox: string): string | null {
  const side = Number(viewBox.split(" ")[2]);
  const { data, width } = toPixels(modulesFromPath(pathData, side), 3, 0);
  return (
    jsQR(data, width, width, { inversionAttempts: "dontInvert" })?.data ?? null
  );
}

export const CAPTURE_URL =
  "https://acme.1kosmos.net/idproofing/session/6f1c2a9e-4b7d-4e21-9c3a-0d5e8f7a1b2c?tenant=acme&community=default";
