/**
 * PMD with the committed ruleset (config/pmd-ruleset.xml): zero violations. A file PMD cannot parse is a finding
 * too (it would otherwise go unchecked), and so is a suppression that hides everything or gives no reason.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Check, CheckContext, Finding } from "../types";
import { codeOnly, lineColumn, readApexFiles } from "../apex/apexSource";
import { FAST_JVM, PMD_LIB } from "../apex/apexLs";
import { run } from "../run";
import { readDxProject, relativePath } from "../schema/project";

const NAME = "apex-pmd";
export const RULESET = path.join("config", "pmd-ruleset.xml");

interface PmdViolation {
  beginline: number;
  begincolumn: number;
  description: string;
  rule: string;
  suppressiontype?: string;
  usermsg?: string;
}

export interface PmdReport {
  files: { filename: string; violations: PmdViolation[] }[];
  suppressedViolations?: { filename: string; violations: PmdViolation[] }[];
  processingErrors?: { filename: string; message: string }[];
  configurationErrors?: { rule: string; ruleset: string; message: string }[];
}

/** Findings of a PMD JSON report. */
export function pmdFindings(root: string, report: PmdReport): Finding[] {
  const rel = (file: string): string =>
    path.isAbsolute(file) ? relativePath(root, file) : file;
  const findings: Finding[] = [];
  for (const file of report.files) {
    for (const v of file.violations) {
      findings.push({
        check: NAME,
        file: rel(file.filename),
        line: v.beginline,
        column: v.begincolumn,
        message: `${v.rule}: ${v.description}`
      });
    }
  }
  for (const file of report.suppressedViolations ?? []) {
    for (const v of file.violations) {
      if (v.suppressiontype === "nopmd" && !v.usermsg?.trim())
        findings.push({
          check: NAME,
          file: rel(file.filename),
          line: v.beginline,
          column: v.begincolumn,
          message: `${v.rule} suppressed by a bare NOPMD: write the reason after it (// NOPMD <why>)`
        });
    }
  }
  for (const error of report.processingErrors ?? []) {
    // "…Syntax error at 3:20: mismatched input…": keep the position and the first words, not the token list.
    const syntax = /Syntax error at (\d+):(\d+): ([^{\n]*)/.exec(error.message);
    findings.push({
      check: NAME,
      file: rel(error.filename),
      line: syntax ? Number(syntax[1]) : undefined,
      column: syntax ? Number(syntax[2]) + 1 : undefined,
      message: syntax
        ? `PMD cannot parse the file: ${syntax[3].trim()}`
        : `PMD failed on the file: ${error.message.split("\n")[0].slice(0, 300)}`
    });
  }
  for (const error of report.configurationErrors ?? []) {
    findings.push({
      check: NAME,
      file: RULESET.split(path.sep).join("/"),
      message: `rule ${error.rule} (${error.ruleset}): ${error.message}`
    });
  }
  return findings;
}

/** `@SuppressWarnings('PMD')` turns every rule off for a whole class or method: name the rule instead. */
export function blanketSuppressions(root: string): Finding[] {
  const findings: Finding[] = [];
  for (const file of readApexFiles(root)) {
    const code = codeOnly(file.text, true);
    const blanket = /@SuppressWarnings\s*\(\s*'\s*PMD\s*'\s*\)/gi;
    let match: RegExpExecArray | null;
    while ((match = blanket.exec(code))) {
      findings.push({
        check: NAME,
        file: file.rel,
        ...lineColumn(file.text, match.index),
        message:
          "@SuppressWarnings('PMD') hides every rule: name the rule (PMD.<Rule>) and say why in a comment"
      });
    }
  }
  return findings;
}

export const apexPmdCheck: Check = {
  name: NAME,
  description: `PMD 7 (${RULESET}): security, performance, error-prone, best practices; zero violations`,
  async run(ctx: CheckContext): Promise<Finding[]> {
    if (readApexFiles(ctx.root).length === 0) return [];
    const ruleset = path.join(ctx.root, RULESET);
    if (!fs.existsSync(ruleset))
      return [{ check: NAME, message: `${RULESET} is missing` }];
    const dirs = readDxProject(ctx.root).packageDirs.filter((dir) =>
      fs.existsSync(dir)
    );
    const result = await run(
      "java",
      [
        ...FAST_JVM,
        "-cp",
        path.join(PMD_LIB, "*"),
        "net.sourceforge.pmd.cli.PmdCli",
        "check",
        "--rulesets",
        ruleset,
        ...dirs.flatMap((dir) => ["--dir", dir]),
        "--format",
        "json",
        "--no-cache",
        "--no-progress",
        "--show-suppressed"
      ],
      { cwd: ctx.root, timeoutMs: 300_000 }
    );
    // 0: clean, 4: violations, 5: files PMD could not process (reported below). Anything else: PMD did not run.
    if (![0, 4, 5].includes(result.code))
      return [
        {
          check: NAME,
          message: `PMD exited with ${result.code}:\n${(result.stderr || result.stdout).trim().slice(-3000)}`
        }
      ];
    let report: PmdReport;
    try {
      report = JSON.parse(result.stdout) as PmdReport;
    } catch (error) {
      return [
        {
          check: NAME,
          message: `unreadable PMD report (${(error as Error).message}):\n${result.stdout.slice(0, 2000)}`
        }
      ];
    }
    return [...pmdFindings(ctx.root, report), ...blanketSuppressions(ctx.root)];
  }
};
