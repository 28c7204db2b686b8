/**
 * Flows follow lightning-flow-scanner's rules: no DML, SOQL or actions in loops, fault paths on every element that
 * can fail, descriptions, no hard-coded ids or URLs, no unused variables or unconnected elements, and so on (every
 * default rule of the scanner). The scanner parses without validating and skips a flow it cannot read, so a flow that
 * is not well-formed XML with a <Flow> root, or that the scanner fails on, is a finding here too.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import {
  getRules,
  parse,
  scan,
  type IRulesConfig,
  type ScanResult
} from "@flow-scanner/lightning-flow-scanner-core";
import type { Check, CheckContext, Finding } from "../types";
import { listFiles, readDxProject, relativePath } from "../schema/project";

const NAME = "flow-scan";

/** Every default rule, as errors; naming follows the project (OneKosmos_…), API versions stay current. */
export function scannerConfig(): IRulesConfig {
  const rules: NonNullable<IRulesConfig["rules"]> = {};
  for (const rule of getRules()) rules[rule.name] = { severity: "error" };
  Object.assign(rules.FlowName ?? {}, {
    expression: "^OneKosmos_[A-Za-z0-9_]+$"
  });
  Object.assign(rules.APIVersion ?? {}, { expression: ">=60" });
  return { rules, detailLevel: "simple" };
}

/** Problems that keep a file from being scanned: not well-formed XML, or no <Flow> root. */
export function unreadableFlow(
  xml: string
): Omit<Finding, "check" | "file"> | undefined {
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    return {
      line: valid.err.line,
      column: valid.err.col,
      message: `flow is not well-formed XML, so it was not scanned: ${valid.err.msg}`
    };
  const parsed = new XMLParser({ ignoreAttributes: true }).parse(xml) as Record<
    string,
    unknown
  >;
  if (typeof parsed.Flow !== "object" || parsed.Flow === null)
    return {
      line: 1,
      message: "no <Flow> root element, so it was not scanned"
    };
  return undefined;
}

/** Line of the element the violation is about (`<name>X</name>`), or of the flow attribute's tag. */
function lineOf(
  xml: string,
  name: string,
  metaType: string,
  type: string
): number | undefined {
  const needle =
    metaType === "attribute" ? `<${type}>` : `<name>${name}</name>`;
  const index = xml.indexOf(needle);
  return index === -1 ? undefined : xml.slice(0, index).split("\n").length;
}

/**
 * Trigger order exists only for record-triggered flows (Salesforce: "You can define a trigger order value only for
 * before-save or after-save flows on an object"), but the scanner's TriggerOrder rule asks it of every flow whose
 * start names an object, platform-event-triggered ones included (scanner issue Flow-Scanner/lightning-flow-scanner#280,
 * open). Such a flow is not asked for it here, rather than carrying a value the platform does not define for it.
 */
export function ruleApplies(ruleName: string, xml: string): boolean {
  if (ruleName !== "TriggerOrder") return true;
  return /<triggerType>\s*Record(BeforeSave|AfterSave|BeforeDelete)\s*<\/triggerType>/.test(
    xml
  );
}

/**
 * The scanner walks a flow from the start element's own connector only, so the elements of a record-triggered flow's
 * scheduled paths (Run Asynchronously, time-based) escape the rules that follow the path, such as missing fault paths.
 * For each scheduled path this gives a copy of the flow whose start connector leads into that path, to scan as well.
 * @param xml the flow
 * @returns one copy per scheduled path (none when the flow has none)
 */
export function scheduledPathVariants(xml: string): string[] {
  const start = /<start>([\s\S]*?)<\/start>/.exec(xml);
  if (!start) return [];
  const paths =
    start[1].match(/<scheduledPaths>[\s\S]*?<\/scheduledPaths>/g) ?? [];
  const direct = start[1].replace(
    /<scheduledPaths>[\s\S]*?<\/scheduledPaths>/g,
    ""
  );
  const withoutConnector = direct.replace(
    /<connector>[\s\S]*?<\/connector>/,
    ""
  );
  const variants: string[] = [];
  for (const scheduled of paths) {
    const target = /<targetReference>([^<]+)<\/targetReference>/.exec(
      scheduled
    );
    if (!target) continue;
    const body =
      `<connector><targetReference>${target[1]}</targetReference></connector>` +
      withoutConnector;
    variants.push(xml.replace(start[0], `<start>${body}</start>`));
  }
  return variants;
}

export function scanFindings(
  root: string,
  results: ScanResult[],
  texts: Map<string, string>
): Finding[] {
  const findings: Finding[] = [];
  for (const result of results) {
    const file = result.flow.fsPath ?? result.flow.uri ?? "";
    const rel = file ? relativePath(root, file) : undefined;
    const xml = texts.get(file) ?? "";
    for (const rule of result.ruleResults) {
      if (!ruleApplies(rule.ruleName, xml)) continue;
      if (rule.errorMessage) {
        findings.push({
          check: NAME,
          file: rel,
          message: `${rule.ruleName} could not be checked: ${rule.errorMessage}`
        });
      }
      if (!rule.occurs) continue;
      for (const violation of rule.details) {
        findings.push({
          check: NAME,
          file: rel,
          line: lineOf(xml, violation.name, violation.metaType, violation.type),
          message: `${rule.ruleName} (${rule.ruleDefinition.label}): ${violation.type ? `${violation.type} ` : ""}${violation.name}`
        });
      }
    }
  }
  return findings;
}

export const flowScanCheck: Check = {
  name: NAME,
  description:
    "Flows: lightning-flow-scanner default rules (DML/SOQL in loops, fault paths, descriptions, hard-coded ids, …)",
  async run(ctx: CheckContext): Promise<Finding[]> {
    const files = readDxProject(ctx.root)
      .packageDirs.flatMap((dir) => listFiles(dir))
      .filter((file) => file.endsWith(".flow-meta.xml"));
    if (files.length === 0) return [];
    const findings: Finding[] = [];
    const texts = new Map<string, string>();
    const scannable: string[] = [];
    for (const file of files) {
      const xml = fs.readFileSync(file, "utf8");
      const problem = unreadableFlow(xml);
      if (problem) {
        findings.push({
          check: NAME,
          file: relativePath(ctx.root, file),
          ...problem
        });
        continue;
      }
      texts.set(file, xml);
      scannable.push(file);
    }
    const parsed = await parse(scannable);
    for (const flow of parsed) {
      if (flow.errorMessage || !flow.flow)
        findings.push({
          check: NAME,
          file: relativePath(ctx.root, flow.uri),
          message: `the flow scanner cannot read this flow: ${flow.errorMessage ?? "no flow"}`
        });
    }
    findings.push(
      ...scanFindings(ctx.root, scan(parsed, scannerConfig()), texts)
    );
    findings.push(...(await scheduledPathFindings(ctx.root, texts, findings)));
    return findings;
  }
};

/**
 * Scans each scheduled path's copy (scheduledPathVariants) under the flow's own file name in a scratch folder and
 * reports what the plain scan did not, against the original file.
 */
async function scheduledPathFindings(
  root: string,
  texts: Map<string, string>,
  already: Finding[]
): Promise<Finding[]> {
  const copies = new Map<string, string>();
  const scratch = fs.mkdtempSync(
    path.join(os.tmpdir(), "onekosmos-flow-paths-")
  );
  try {
    for (const [file, xml] of texts) {
      for (const variant of scheduledPathVariants(xml)) {
        const copy = path.join(
          scratch,
          String(copies.size),
          path.basename(file)
        );
        fs.mkdirSync(path.dirname(copy), { recursive: true });
        fs.writeFileSync(copy, variant);
        copies.set(copy, file);
      }
    }
    if (copies.size === 0) return [];
    const variantTexts = new Map<string, string>();
    for (const [copy, file] of copies)
      variantTexts.set(copy, texts.get(file) ?? "");
    const seen = new Set(already.map((f) => `${f.file}|${f.message}`));
    const found: Finding[] = [];
    for (const finding of scanFindings(
      scratch,
      scan(await parse([...copies.keys()]), scannerConfig()),
      variantTexts
    )) {
      const original = copies.get(path.join(scratch, finding.file ?? ""));
      const file = original ? relativePath(root, original) : finding.file;
      const key = `${file}|${finding.message}`;
      // A copy leaves the immediate path unconnected by design: only what the plain scan cannot see counts.
      if (seen.has(key) || finding.message.startsWith("UnconnectedElement"))
        continue;
      seen.add(key);
      found.push({ ...finding, file });
    }
    return found;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
