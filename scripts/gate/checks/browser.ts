import * as fs from "node:fs";
import * as path from "node:path";
import type { Check, CheckContext, Finding } from "../types";
import { bin, relativeToRoot, run } from "../run";
import { parseTapFailures } from "./toolChecks";
import {
  CHROMIUM_PATH,
  missingChromiumMessage
} from "../../browser/chromiumPath";

const TESTS_DIR = "scripts/browser/tests";

/** The browser test files: *.browser.ts (not *.test.ts, so script-tests does not run them a second time). */
export function findBrowserTests(root: string): string[] {
  const dir = path.join(root, TESTS_DIR);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".browser.ts"))
    .map((name) => relativeToRoot(root, path.join(dir, name)))
    .sort();
}

function tail(text: string, lines = 30): string {
  return text.trim().split("\n").slice(-lines).join("\n");
}

/** The check, with the browser's path as a parameter so its test can take the browser away. */
export function createBrowserCheck(chromiumPath: string): Check {
  return {
    name: "browser",
    description:
      "The components built with @lwc/rollup-plugin and SLDS, driven in Debian's headless Chromium with platform doubles",
    async run(ctx: CheckContext): Promise<Finding[]> {
      // A missing browser fails the gate, never skips it: CI installs Chromium (.ci/run).
      if (!fs.existsSync(chromiumPath)) {
        return [
          { check: "browser", message: missingChromiumMessage(chromiumPath) }
        ];
      }
      const files = findBrowserTests(ctx.root);
      if (files.length === 0)
        return [
          { check: "browser", message: `no *.browser.ts under ${TESTS_DIR}` }
        ];
      const result = await run(
        bin("tsx"),
        ["--test", "--test-reporter=tap", ...files],
        { cwd: ctx.root, timeoutMs: 180_000 }
      );
      const passed = /^\s*# pass (\d+)$/m.exec(result.stdout);
      ctx.log(`  browser tests: ${passed ? passed[1] : "?"} passed`);
      if (result.code === 0) return [];
      const failures = parseTapFailures(result.stdout, ctx.root).map(
        (finding) => ({ ...finding, check: "browser" })
      );
      return failures.length > 0
        ? failures
        : [
            {
              check: "browser",
              message: `browser tests failed:\n${tail(result.stdout + result.stderr)}`
            }
          ];
    }
  };
}

export const browserCheck = createBrowserCheck(CHROMIUM_PATH);
