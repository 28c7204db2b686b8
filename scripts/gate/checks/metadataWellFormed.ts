/**
 * Every XML file of the project is well-formed. `sf project convert source` and the Flow scanner pass malformed XML
 * silently, and the schema check can only read well-formed files, so this runs first and names file and line.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { listFiles, readDxProject, relativePath } from "../schema/project";
import type { Check, CheckContext, Finding } from "../types";

const NAME = "metadata-well-formed";

/** The XML files the check covers: everything *.xml in the package directories, and config/*.xml. */
export function xmlFilesOf(root: string): string[] {
  const { packageDirs } = readDxProject(root);
  const files = packageDirs.flatMap((dir) => listFiles(dir));
  const configDir = path.join(root, "config");
  if (fs.existsSync(configDir)) {
    for (const entry of fs.readdirSync(configDir))
      files.push(path.join(configDir, entry));
  }
  return [...new Set(files)].filter((file) => file.endsWith(".xml")).sort();
}

/** Problems of one XML text, or [] when it is well-formed. */
export function wellFormednessProblems(
  xml: string
): { line: number; column?: number; message: string }[] {
  if (xml.trim() === "")
    return [{ line: 1, message: "empty XML file: expected a root element" }];
  const result = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (result !== true) {
    return [
      {
        line: result.err.line,
        column: result.err.col,
        message: `malformed XML: ${result.err.msg}`
      }
    ];
  }
  return entityProblems(xml);
}

/** `&` must start one of XML's five entities or a character reference (metadata files declare no others). */
const ENTITY = /^&(lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/;

/**
 * The validator lets undefined entities (`&nbsp;`) and a bare `&` in an attribute through; the Metadata API's
 * parser does not. Comments, CDATA sections and processing instructions may hold any `&`.
 */
function entityProblems(
  xml: string
): { line: number; column: number; message: string }[] {
  const problems: { line: number; column: number; message: string }[] = [];
  const opaque = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>/g;
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  const scan = (end: number): void => {
    for (let i = scanned; i < end; i++) {
      const char = xml.charCodeAt(i);
      if (char === 10) {
        line++;
        lineStart = i + 1;
      } else if (char === 38 && !ENTITY.test(xml.slice(i, i + 12))) {
        const reference = /^&[^\s<&;]{0,10};?/.exec(xml.slice(i))?.[0] ?? "&";
        problems.push({
          line,
          column: i - lineStart + 1,
          message:
            reference.length > 1 && reference.endsWith(";")
              ? `malformed XML: undefined entity ${reference}: use &amp;, &lt;, &gt;, &quot;, &apos; or a character reference`
              : 'malformed XML: bare "&": write it as &amp;'
        });
      }
    }
    scanned = end;
  };
  for (const match of xml.matchAll(opaque)) {
    scan(match.index);
    // Keep counting lines inside the opaque section without looking for entities.
    for (let i = match.index; i < match.index + match[0].length; i++) {
      if (xml.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    scanned = match.index + match[0].length;
  }
  scan(xml.length);
  return problems;
}

export const metadataWellFormedCheck: Check = {
  name: NAME,
  description:
    "every XML file under the package directories and config/ is well-formed",
  async run(ctx: CheckContext): Promise<Finding[]> {
    let files: string[];
    try {
      files = xmlFilesOf(ctx.root);
    } catch (error) {
      return [
        {
          check: NAME,
          file: "sfdx-project.json",
          message: `cannot read the project: ${(error as Error).message}`
        }
      ];
    }
    const findings: Finding[] = [];
    for (const file of files) {
      for (const problem of wellFormednessProblems(
        fs.readFileSync(file, "utf8")
      )) {
        findings.push({
          check: NAME,
          file: relativePath(ctx.root, file),
          ...problem
        });
      }
    }
    ctx.log(`${files.length} XML files checked`);
    return findings;
  }
};
