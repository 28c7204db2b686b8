/**
 * npm run screenshots: the PNGs of docs/images, taken from the harness scenarios in headless Chromium (each shot is
 * the component alone, at a fixed width, so the files stay small and change only when the component does).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { launchChromium } from "./chromium";
import { startPreviewServer } from "./server";

/** Scenario id → file under docs/images. */
export const SHOTS: Readonly<Record<string, string>> = {
  "history-list": "verification-history.png"
};

async function main(): Promise<void> {
  const root = path.resolve(__dirname, "..", "..");
  const out = path.join(root, "docs", "images");
  fs.mkdirSync(out, { recursive: true });
  const server = await startPreviewServer(root);
  const browser = await launchChromium();
  try {
    for (const [scenario, file] of Object.entries(SHOTS)) {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1100, height: 600 });
      await page.goto(`${server.url}/scenario?scenario=${scenario}`);
      await page.waitForSelector('body[data-harness="ready"]', {
        state: "attached"
      });
      // Let the doubles answer and the component settle.
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(300);
      await page
        .locator("#root > *")
        .first()
        .screenshot({ path: path.join(out, file), animations: "disabled" });
      await page.close();
      console.log(`docs/images/${file}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
