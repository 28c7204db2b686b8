import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Check, CheckContext, Finding } from "../types";
import { bin, relativeToRoot, run } from "../run";

/** When a tool fails without saying which file, the finding still has to say what happened: keep the tail. */
function tail(text: string, lines = 30): string {
  return text.trim().split("\n").slice(-lines).join("\n");
}

export const prettierCheck: Check = {
  name: "prettier",
  description:
    "Apex, TypeScript, HTML, CSS, JSON, XML and Markdown are formatted (and parse)",
  async run(ctx: CheckContext): Promise<Finding[]> {
    const result = await run(
      bin("prettier"),
      ["--check", ".", "--log-level", "warn"],
      { cwd: ctx.root }
    );
    if (result.code === 0) return [];
    const findings: Finding[] = [];
    for (const line of `${result.stdout}\n${result.stderr}`.split("\n")) {
      const unformatted = /^\[warn\] (.+)$/.exec(line);
      if (unformatted && !unformatted[1].startsWith("Code style issues")) {
        findings.push({
          check: "prettier",
          file: unformatted[1].trim(),
          message: "not formatted: run npm run format"
        });
        continue;
      }
      const error = /^\[error\] ([^:]+): (.+)$/.exec(line);
      if (error) {
        const position = /\((\d+):(\d+)\)/.exec(error[2]);
        findings.push({
          check: "prettier",
          file: error[1].trim(),
          line: position ? Number(position[1]) : undefined,
          column: position ? Number(position[2]) : undefined,
          message: `does not parse: ${error[2]}`
        });
      }
    }
    return findings.length > 0
      ? findings
      : [
          {
            check: "prettier",
            message: `prettier failed:\n${tail(result.stdout + result.stderr)}`
          }
        ];
  }
};

interface EslintFileResult {
  filePath: string;
  messages: {
    line?: number;
    column?: number;
    message: string;
    ruleId: string | null;
    severity: number;
  }[];
}

export const eslintCheck: Check = {
  name: "eslint",
  description:
    "ESLint (LWC rules on TypeScript components, typescript-eslint on scripts): no errors, no warnings",
  async run(ctx: CheckContext): Promise<Finding[]> {
    const result = await run(bin("eslint"), ["--format", "json", "."], {
      cwd: ctx.root
    });
    let files: EslintFileResult[];
    try {
      files = JSON.parse(result.stdout) as EslintFileResult[];
    } catch {
      return [
        {
          check: "eslint",
          message: `eslint did not run:\n${tail(result.stdout + result.stderr)}`
        }
      ];
    }
    return files.flatMap((file) =>
      file.messages.map((message) => ({
        check: "eslint",
        file: relativeToRoot(ctx.root, file.filePath),
        line: message.line,
        column: message.column,
        message: `${message.message}${message.ruleId ? ` (${message.ruleId})` : ""}`
      }))
    );
  }
};

/** tsc --pretty false prints `file(line,col): error TSnnnn: message`, continuation lines indented. */
export function parseTscOutput(
  output: string,
  root: string,
  projectDir: string
): Finding[] {
  const findings: Finding[] = [];
  for (const line of output.split("\n")) {
    const match = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
    if (match) {
      findings.push({
        check: "typescript",
        file: relativeToRoot(root, path.resolve(projectDir, match[1])),
        line: Number(match[2]),
        column: Number(match[3]),
        message: `${match[4]}: ${match[5]}`
      });
    } else if (/^\s+\S/.test(line) && findings.length > 0) {
      findings[findings.length - 1].message += `\n${line.trimEnd()}`;
    } else if (/^error (TS\d+): (.*)$/.test(line)) {
      findings.push({ check: "typescript", message: line.trim() });
    }
  }
  return findings;
}

export const typescriptCheck: Check = {
  name: "typescript",
  description:
    "tsc --noEmit over components, their tests, types/ and scripts/ (strict)",
  async run(ctx: CheckContext): Promise<Finding[]> {
    const findings: Finding[] = [];
    for (const project of ["tsconfig.json", "scripts/tsconfig.json"]) {
      const result = await run(
        bin("tsc"),
        ["-p", project, "--noEmit", "--pretty", "false"],
        { cwd: ctx.root }
      );
      if (result.code === 0) continue;
      const parsed = parseTscOutput(
        result.stdout + result.stderr,
        ctx.root,
        ctx.root
      );
      findings.push(
        ...(parsed.length > 0
          ? parsed
          : [
              {
                check: "typescript",
                file: project,
                message: `tsc failed:\n${tail(result.stdout + result.stderr)}`
              }
            ])
      );
    }
    return findings;
  }
};

interface JestJson {
  testResults: { name: string; status: string; message: string }[];
}

export const jestCheck: Check = {
  name: "jest",
  description:
    "LWC Jest tests with accessibility checks and coverage thresholds (sfdx-lwc-jest)",
  async run(ctx: CheckContext): Promise<Finding[]> {
    const outputFile = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), "gate-jest-")),
      "result.json"
    );
    const result = await run(
      bin("sfdx-lwc-jest"),
      [
        "--coverage",
        "--",
        "--ci",
        "--silent",
        "--json",
        `--outputFile=${outputFile}`
      ],
      { cwd: ctx.root }
    );
    if (result.code === 0) return [];
    const findings: Finding[] = [];
    if (fs.existsSync(outputFile)) {
      const report = JSON.parse(
        fs.readFileSync(outputFile, "utf8")
      ) as JestJson;
      for (const suite of report.testResults.filter(
        (r) => r.status === "failed"
      )) {
        findings.push({
          check: "jest",
          file: relativeToRoot(ctx.root, suite.name),
          message: tail(suite.message, 40) || "test suite failed"
        });
      }
    }
    for (const line of result.stderr.split("\n")) {
      if (/coverage threshold/.test(line))
        findings.push({ check: "jest", message: line.trim() });
    }
    return findings.length > 0
      ? findings
      : [
          {
            check: "jest",
            message: `jest failed:\n${tail(result.stdout + result.stderr)}`
          }
        ];
  }
};

/** Every *.test.ts under scripts/ (the gate's own tests among them), run by Node's test runner through tsx. */
export function findScriptTests(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "node_modules") continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".test.ts"))
        found.push(relativeToRoot(root, full));
    }
  };
  const scripts = path.join(root, "scripts");
  if (fs.existsSync(scripts)) walk(scripts);
  return found.sort();
}

/** Leaf failures of a TAP run (suites that failed only because a subtest did are skipped), with file and line. */
export function parseTapFailures(tap: string, root: string): Finding[] {
  const lines = tap.split("\n");
  const findings: Finding[] = [];
  lines.forEach((line, index) => {
    const head = /^(\s*)not ok \d+ - (.+)$/.exec(line);
    if (!head) return;
    const indent = head[1].length;
    const block: string[] = [];
    for (let j = index + 1; j < lines.length; j++) {
      const next = lines[j];
      const nextIndent = next.length - next.trimStart().length;
      if (next.trim() !== "" && nextIndent <= indent) break;
      block.push(next);
    }
    const text = block.join("\n");
    if (/failureType: 'subtestsFailed'/.test(text)) return;
    const location = /location: '(.+?):(\d+):\d+'/.exec(text);
    const error =
      /error: \|?-?\s*\n?([\s\S]*?)\n\s*(?:code|stack|expected|actual|operator|name):/.exec(
        text
      );
    findings.push({
      check: "script-tests",
      file: location ? relativeToRoot(root, location[1]) : undefined,
      line: location ? Number(location[2]) : undefined,
      message: `failed: ${head[2].trim()}${error ? `\n${error[1].replace(/^\s+/gm, "")}` : ""}`
    });
  });
  return findings;
}

export const scriptTestsCheck: Check = {
  name: "script-tests",
  description:
    "Unit tests of scripts/ (build, gate, org tooling) and the planted-defect test, on Node's test runner",
  async run(ctx: CheckContext): Promise<Finding[]> {
    const files = findScriptTests(ctx.root);
    if (files.length === 0)
      return [
        { check: "script-tests", message: "no *.test.ts under scripts/" }
      ];
    const result = await run(
      bin("tsx"),
      ["--test", "--test-reporter=tap", ...files],
      { cwd: ctx.root }
    );
    const passed = /^\s*# pass (\d+)$/m.exec(result.stdout);
    ctx.log(`  script tests: ${passed ? passed[1] : "?"} passed`);
    if (result.code === 0) return [];
    const failures = parseTapFailures(result.stdout, ctx.root);
    return failures.length > 0
      ? failures
      : [
          {
            check: "script-tests",
            message: `test runner failed:\n${tail(result.stdout + result.stderr)}`
          }
        ];
  }
};
