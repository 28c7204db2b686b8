/**
 * npm run screenshots: the PNGs of docs/images, taken from the harness scenarios in headless Chromium (each shot is
 * the component alone, at a fixed width, so the files stay small and change only when the component does).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { launchChromium } from "./chromium";
import { startPreviewServer } from "./server";

/** Scenario id → file under docs/images, and the page width it is shown at. */
export const SHOTS: Readonly<Record<string, { file: string; width: number }>> =
  {
    "history-list": { file: "verification-history.png", width: 1100 },
    "stepup-ready": { file: "step-up-ready.png", width: 600 },
    "stepup-waiting": { file: "step-up-waiting.png", width: 600 },
    "stepup-popup-blocked": { file: "step-up-popup-blocked.png", width: 600 },
    "stepup-verified": { file: "step-up-verified.png", width: 600 },
    "stepup-failed": { file: "step-up-failed.png", width: 600 },
    "stepup-expired": { file: "step-up-expired.png", width: 600 },
    "approve-form": { file: "approve-save-form.png", width: 600 },
    "approve-step-up": { file: "approve-save-step-up.png", width: 600 },
    "approve-refused": { file: "approve-save-refused.png", width: 600 },
    "protected-locked": { file: "protected-fields-locked.png", width: 600 },
    "protected-open": { file: "protected-fields-open.png", width: 600 },
    "proofing-screen": { file: "proofing-request-screen.png", width: 600 },
    "proofing-pending": { file: "proofing-request-pending.png", width: 600 }
  };

async function main(): Promise<void> {
  const root = path.resolve(__dirname, "..", "..");
  const out = path.join(root, "docs", "images");
  fs.mkdirSync(out, { recursive: true });
  const server = await startPreviewServer(root);
  const browser = await launchChromium();
  try {
    for (const [scenario, { file, width }] of Object.entries(SHOTS)) {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width, height: 600 });
      await page.goto(`${server.url}/scenario?scenario=${scenario}`);
      await page.waitForSelector('body[data-harness="ready"]', {
        state: "attached"
      });
      // Let the doubles answer and the component settle.
      await page.waitForLoadState("networkidle");
      // The expired scenario expires a second after it starts.
      await page.waitForTimeout(scenario === "stepup-expired" ? 1500 : 300);
      // Click beside the component: the focus ring the component set for keyboard users is not part of the picture.
      await page.mouse.click(width - 5, 595);
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
