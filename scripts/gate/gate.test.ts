import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { formatFinding, parseArgs, selectChecks } from "./gate";
import { parseTapFailures, parseTscOutput } from "./checks/toolChecks";

describe("gate runner", () => {
  it("selects checks with --only and --skip, and refuses unknown names", () => {
    assert.deepEqual(
      selectChecks(parseArgs(["--only", "prettier,apex-pmd"])).map(
        (c) => c.name
      ),
      ["prettier", "apex-pmd"]
    );
    assert.ok(
      !selectChecks(parseArgs(["--skip", "jest"])).some(
        (c) => c.name === "jest"
      )
    );
    assert.throws(() => parseArgs(["--only", "nope"]), /unknown check "nope"/);
    assert.throws(() => parseArgs(["--bogus"]), /unknown option/);
    assert.throws(() => parseArgs(["--root"]), /needs a value/);
  });
  it("has unique check names", () => {
    const names = selectChecks({ skip: [] }).map((c) => c.name);
    assert.equal(new Set(names).size, names.length);
  });
  it("formats a finding with file, line and column", () => {
    assert.equal(
      formatFinding({
        check: "x",
        file: "a/b.cls",
        line: 3,
        column: 7,
        message: "bad"
      }),
      "  ✖ [x] a/b.cls:3:7: bad"
    );
    assert.equal(
      formatFinding({ check: "x", message: "no file" }),
      "  ✖ [x] no file"
    );
  });
  it("parses tsc output into findings relative to the root", () => {
    const findings = parseTscOutput(
      "force-app/main/core/lwc/a/a.ts(4,3): error TS2322: Type 'string' is not assignable to type 'number'.\n" +
        "  Details continue here.\n",
      "/p",
      "/p"
    );
    assert.equal(findings.length, 1);
    assert.equal(findings[0].file, "force-app/main/core/lwc/a/a.ts");
    assert.equal(findings[0].line, 4);
    assert.match(findings[0].message, /TS2322[\s\S]*Details continue/);
  });
});

describe("script-tests output", () => {
  it("reports leaf failures with their file, line and error, not the suites around them", () => {
    const tap = [
      "# Subtest: suite",
      "    # Subtest: leaf",
      "    not ok 1 - leaf",
      "      ---",
      "      location: '/p/scripts/x.test.ts:12:5'",
      "      failureType: 'testCodeFailure'",
      "      error: |-",
      "        expected 1 to be 2",
      "      code: 'ERR_ASSERTION'",
      "      ...",
      "not ok 1 - suite",
      "  ---",
      "  failureType: 'subtestsFailed'",
      "  ..."
    ].join("\n");
    const findings = parseTapFailures(tap, "/p");
    assert.equal(findings.length, 1);
    assert.equal(findings[0].file, "scripts/x.test.ts");
    assert.equal(findings[0].line, 12);
    assert.match(findings[0].message, /failed: leaf\nexpected 1 to be 2/);
  });
});
