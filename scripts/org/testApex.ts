/** npm run test:apex -- -o <alias> [--min-coverage 90]: runs every local Apex test with coverage in the org. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main, parseOrgArgs, requireOrg, sf, step, UsageError } from "./common";

export interface ApexRunSummary {
  outcome: string;
  testsRan: number;
  failing: number;
  orgWideCoverage?: string;
  testRunCoverage?: string;
}

/** The coverage percentage that decides: org-wide where sf reports it, else the run's own. */
export function coverageOf(summary: ApexRunSummary): number | undefined {
  const text = summary.orgWideCoverage ?? summary.testRunCoverage;
  if (!text) return undefined;
  const value = Number(text.replace("%", ""));
  return Number.isFinite(value) ? value : undefined;
}

export function parseMinCoverage(rest: string[]): number {
  let min = 90;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === "--min-coverage") {
      min = Number(rest[++i]);
      if (!Number.isFinite(min) || min < 0 || min > 100)
        throw new UsageError("--min-coverage takes 0–100");
    } else throw new UsageError(`unknown option ${rest[i]}`);
  }
  return min;
}

if (require.main === module) {
  main("test:apex", (argv) => {
    const args = parseOrgArgs(argv);
    const min = parseMinCoverage(args.rest);
    const org = requireOrg(args.targetOrg, "test:apex");
    const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), "apex-tests-"));
    step(
      `Run local Apex tests in ${org.username} (coverage must be ≥ ${min}%)`
    );
    const result = sf([
      "apex",
      "run",
      "test",
      "--target-org",
      org.username,
      "--test-level",
      "RunLocalTests",
      "--code-coverage",
      "--result-format",
      "json",
      "--output-dir",
      outputDir,
      "--wait",
      "60"
    ]);
    const parsed = JSON.parse(result.stdout) as {
      result?: { summary?: ApexRunSummary };
    };
    const summary = parsed.result?.summary;
    if (!summary)
      throw new Error(
        `no test summary from sf:\n${result.stdout || result.stderr}`
      );
    const coverage = coverageOf(summary);
    console.log(
      `${summary.testsRan} tests, ${summary.failing} failing, coverage ${coverage ?? "unknown"}%`
    );
    console.log(`Full results: ${outputDir}`);
    if (summary.failing > 0 || summary.outcome !== "Passed")
      throw new Error("Apex tests failed");
    if (coverage === undefined || coverage < min)
      throw new Error(`coverage ${coverage ?? "?"}% is under ${min}%`);
  });
}
