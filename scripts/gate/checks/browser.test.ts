import { strict as assert } from "node:assert";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { browserCheck, createBrowserCheck, findBrowserTests } from "./browser";
import { TOOL_ROOT } from "../run";

describe("browser check", () => {
  it("fails, naming the Debian package, when there is no Chromium (never skips)", async () => {
    const missing = path.join(os.tmpdir(), "no-such-chromium", "chromium");
    const findings = await createBrowserCheck(missing).run({
      root: TOOL_ROOT,
      log: () => undefined
    });
    assert.equal(findings.length, 1);
    assert.equal(findings[0].check, "browser");
    assert.match(findings[0].message, /no browser at .*no-such-chromium/);
    assert.match(
      findings[0].message,
      /install Debian chromium: apt-get install chromium/
    );
  });

  it("is registered under the name the gate's --only and --skip use", () => {
    assert.equal(browserCheck.name, "browser");
  });

  it("runs the *.browser.ts files, not the script unit tests", () => {
    const files = findBrowserTests(TOOL_ROOT);
    assert.ok(files.length > 0);
    for (const file of files) {
      assert.match(file, /^scripts\/browser\/tests\/.+\.browser\.ts$/);
    }
  });
});
