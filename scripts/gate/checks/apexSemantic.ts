/**
 * Apex compiles: no type errors, unknown types, methods, SObject fields, labels, missing returns or syntax errors.
 * The checker is apex-ls (apexlink's successor, see ../apex/apexLs.ts); its known gaps are dropped only when the
 * reviewed list ../apex/known-gaps.json names them. SOQL field lists, which apex-ls does not check, are checked
 * against the project's own object files (../apex/soqlFields.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Check, CheckContext, Finding } from "../types";
import { readApexFiles } from "../apex/apexSource";
import { runApexLs, type ApexLsMessage } from "../apex/apexLs";
import { isKnownGap, loadKnownGaps } from "../apex/knownGaps";
import { checkSoqlFields, readProjectObjects } from "../apex/soqlFields";
import { relativePath } from "../schema/project";

const NAME = "apex-semantic";

/** A syntax error lists every token the parser would have accepted: keep the message readable. */
export function shortenMessage(message: string): string {
  return message.replace(
    /expecting \{([^}]{120,})\}/,
    (_all, tokens: string) =>
      `expecting one of ${tokens.split(",").length} tokens`
  );
}

/** The project-relative path of a file apex-ls names, if it is inside the project (apex-ls may resolve symlinks). */
function projectPath(root: string, file: string): string | undefined {
  for (const base of new Set([root, fs.realpathSync(root)])) {
    if (file.startsWith(base + path.sep)) return relativePath(base, file);
  }
  return undefined;
}

/** One apex-ls message as a finding about a project file (or about the project when it names no file in it). */
export function toFinding(root: string, m: ApexLsMessage): Finding {
  const inside = projectPath(root, m.path);
  const text = shortenMessage(m.message)
    .split(fs.realpathSync(root) + path.sep)
    .join("")
    .split(root + path.sep)
    .join("");
  return {
    check: NAME,
    file: inside,
    line: inside ? m.line : undefined,
    column: inside ? m.column : undefined,
    message: m.category === "Syntax" ? `syntax error: ${text}` : text
  };
}

export const apexSemanticCheck: Check = {
  name: NAME,
  description:
    "Apex semantics (apex-ls): types, methods, SObject fields, labels, returns, syntax; SOQL fields of project objects",
  async run(ctx: CheckContext): Promise<Finding[]> {
    const files = readApexFiles(ctx.root);
    if (files.length === 0) return [];
    let gaps;
    try {
      gaps = loadKnownGaps();
    } catch (error) {
      return [
        {
          check: NAME,
          file: "scripts/gate/apex/known-gaps.json",
          message: (error as Error).message
        }
      ];
    }

    const findings: Finding[] = [];
    const result = await runApexLs(ctx.root);
    if (!result.ok) {
      findings.push({ check: NAME, message: result.error });
    } else {
      let dropped = 0;
      for (const m of result.messages) {
        if (isKnownGap(m.message, gaps)) {
          dropped++;
          continue;
        }
        findings.push(toFinding(ctx.root, m));
      }
      if (dropped > 0)
        ctx.log(
          `  apex-semantic: ${dropped} message(s) dropped as known checker gaps`
        );
    }

    const objects = readProjectObjects(ctx.root);
    for (const file of files) {
      for (const problem of checkSoqlFields(file, objects))
        findings.push({ check: NAME, file: file.rel, ...problem });
    }
    return findings;
  }
};
