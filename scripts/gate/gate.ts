/**
 * The offline gate: `npm test`. Proves, without an org, as much as can be proven about a deploy.
 *
 *   npm test                              build, then every check
 *   npm test -- --only apex-pmd,prettier  only these checks
 *   npm test -- --skip jest               all but these
 *   npm test -- --no-build --root <dir>   check another copy of the project as it is (the planted-defect test)
 *   npm test -- --json <file>             also write the findings as JSON
 *   npm test -- --list                    list the checks
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Check, Finding } from "./types";
import { ALL_CHECKS } from "./registry";
import { bin, run } from "./run";

interface Options {
  root: string;
  only?: string[];
  skip: string[];
  build: boolean;
  json?: string;
  list: boolean;
}

export function parseArgs(argv: string[]): Options {
  const options: Options = {
    root: process.cwd(),
    skip: [],
    build: true,
    list: false
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === "--only") options.only = value().split(",").filter(Boolean);
    else if (arg === "--skip")
      options.skip = value().split(",").filter(Boolean);
    else if (arg === "--root") options.root = path.resolve(value());
    else if (arg === "--json") options.json = path.resolve(value());
    else if (arg === "--no-build") options.build = false;
    else if (arg === "--list") options.list = true;
    else
      throw new Error(
        `unknown option ${arg} (see the header of scripts/gate/gate.ts)`
      );
  }
  const known = new Set(ALL_CHECKS.map((c) => c.name));
  for (const name of [...(options.only ?? []), ...options.skip]) {
    if (!known.has(name))
      throw new Error(
        `unknown check "${name}"; known: ${[...known].join(", ")}`
      );
  }
  return options;
}

export function selectChecks(options: Pick<Options, "only" | "skip">): Check[] {
  return ALL_CHECKS.filter(
    (check) =>
      (!options.only || options.only.includes(check.name)) &&
      !options.skip.includes(check.name)
  );
}

export function formatFinding(finding: Finding): string {
  const where = finding.file
    ? `${finding.file}${finding.line ? `:${finding.line}${finding.column ? `:${finding.column}` : ""}` : ""}: `
    : "";
  return `  ✖ [${finding.check}] ${where}${finding.message.split("\n").join("\n      ")}`;
}

async function build(root: string): Promise<Finding[]> {
  const script = path.join(root, "scripts", "build", "build.ts");
  if (!fs.existsSync(script))
    return [{ check: "build", message: "scripts/build/build.ts is missing" }];
  const result = await run(bin("tsx"), [script], { cwd: root });
  if (result.code === 0) return [];
  return [
    {
      check: "build",
      message: `npm run build failed:\n${(result.stdout + result.stderr).trim()}`
    }
  ];
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  if (options.list) {
    for (const check of ALL_CHECKS)
      console.log(`${check.name.padEnd(22)} ${check.description}`);
    return 0;
  }
  const log = (message: string): void => console.log(message);
  const started = Date.now();
  const findings: Finding[] = [];
  let passed = 0;
  let failed = 0;

  if (options.build) {
    const t = Date.now();
    const buildFindings = await build(options.root);
    log(
      `${buildFindings.length === 0 ? "✔" : "✖"} build (${((Date.now() - t) / 1000).toFixed(1)} s)`
    );
    if (buildFindings.length > 0) {
      // Every later check would report the same broken build many times over: stop here.
      buildFindings.forEach((f) => log(formatFinding(f)));
      log("0 passed, 1 failed");
      return 1;
    }
  }

  for (const check of selectChecks(options)) {
    const t = Date.now();
    let result: Finding[];
    try {
      result = await check.run({ root: options.root, log });
    } catch (error) {
      result = [
        {
          check: check.name,
          message: `check crashed: ${(error as Error).stack ?? String(error)}`
        }
      ];
    }
    const seconds = ((Date.now() - t) / 1000).toFixed(1);
    log(
      `${result.length === 0 ? "✔" : "✖"} ${check.name} (${seconds} s) ${check.description}`
    );
    result.forEach((f) => log(formatFinding(f)));
    findings.push(...result);
    if (result.length === 0) passed++;
    else failed++;
  }

  if (options.json)
    fs.writeFileSync(options.json, JSON.stringify(findings, null, 2));
  log(
    `\ngate finished in ${((Date.now() - started) / 1000).toFixed(1)} s with ${findings.length} finding(s)`
  );
  // The plain closing line CI reads: one entry per check.
  log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(2);
    }
  );
}
