/** What each browser test file shares: one harness server and one Chromium, and a way to open a scenario. */
import { strict as assert } from "node:assert";
import * as path from "node:path";
import type { Page } from "playwright-core";
import { launchChromium, type Chromium } from "../chromium";
import { startPreviewServer, type PreviewServer } from "../server";

/** The project whose components are tested; HARNESS_ROOT points at a copy (e.g. one with a planted bug). */
export const PROJECT_ROOT = process.env.HARNESS_ROOT
  ? path.resolve(process.env.HARNESS_ROOT)
  : path.resolve(__dirname, "..", "..", "..");

export interface OpenOptions {
  /** Runs before the page loads (e.g. page.clock.install()). */
  beforeLoad?: (page: Page) => Promise<void>;
  /** More URL parameters, e.g. "&formFactor=Small". */
  query?: string;
}

export interface BrowserSession {
  open(scenario: string, options?: OpenOptions): Promise<Page>;
  close(): Promise<void>;
}

export async function startSession(): Promise<BrowserSession> {
  const server: PreviewServer = await startPreviewServer(PROJECT_ROOT);
  let browser: Chromium;
  try {
    browser = await launchChromium();
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    async open(scenario, options = {}) {
      const page = await browser.context.newPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(message.text());
      });
      await options.beforeLoad?.(page);
      await page.goto(
        `${server.url}/scenario?scenario=${encodeURIComponent(scenario)}${options.query ?? ""}`
      );
      await page
        .waitForSelector("body[data-harness]", {
          state: "attached",
          timeout: 10_000
        })
        .catch((error: Error) => {
          throw new Error(
            `scenario ${scenario} did not start: ${[error.message.split("\n")[0], ...problems].join("; ")}`.slice(
              0,
              2000
            )
          );
        });
      assert.equal(
        await page.getAttribute("body", "data-harness"),
        "ready",
        `scenario ${scenario} did not start: ${problems.join("; ")}`
      );
      Object.assign(page, { harnessProblems: problems });
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    }
  };
}

/** Script errors and console errors the page reported since it opened. */
export function pageProblems(page: Page): string[] {
  return (page as Page & { harnessProblems?: string[] }).harnessProblems ?? [];
}
