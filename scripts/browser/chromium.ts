/**
 * Debian's Chromium driven by playwright-core: never a downloaded browser. The flags keep it from reaching for Google's
 * services (the machine's network is closed and refuses those connections) and from sharing a profile between runs.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { CHROMIUM_PATH, missingChromiumMessage } from "./chromiumPath";

export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync"
];

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A headless Chromium with a fresh profile (removed on close). */
export async function launchChromium(): Promise<Chromium> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(missingChromiumMessage());
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "onekosmos-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1000, height: 600 },
    locale: "en-US",
    timezoneId: "UTC"
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    }
  };
}
