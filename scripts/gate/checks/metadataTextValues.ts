import * as fs from "node:fs";
import * as path from "node:path";
import type { Check, CheckContext, Finding } from "../types";
import { relativeToRoot } from "../run";
import { readDxProject } from "../schema/project";

/**
 * Salesforce keeps the text of a metadata element byte for byte: a formatter that wraps a long label, header formula
 * or help text adds newlines and indentation that then show up in the org (or break a formula). Leading or trailing
 * whitespace in a text value is therefore always a defect here; whitespace inside a value (one acr value per line) is
 * left alone.
 */
export function findPaddedText(
  xml: string
): { line: number; element: string }[] {
  const found: { line: number; element: string }[] = [];
  const leaf = /<([A-Za-z_][\w.:-]*)(?:\s[^<>]*)?>([^<]*)<\/\1>/g;
  for (let match = leaf.exec(xml); match; match = leaf.exec(xml)) {
    const text = match[2];
    if (text.length > 0 && (/^\s/.test(text) || /\s$/.test(text))) {
      const line = xml.slice(0, match.index).split("\n").length;
      found.push({ line, element: match[1] });
    }
  }
  return found;
}

function xmlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return xmlFiles(full);
    return entry.name.endsWith(".xml") ? [full] : [];
  });
}

export const metadataTextValuesCheck: Check = {
  name: "metadata-text-values",
  description:
    "metadata text values carry no leading or trailing whitespace (wrapped labels, formulas, help text)",
  async run(ctx: CheckContext): Promise<Finding[]> {
    // The project's source folders (optional ones included); a bare folder without sfdx-project.json is force-app.
    const dirs = fs.existsSync(path.join(ctx.root, "sfdx-project.json"))
      ? readDxProject(ctx.root).packageDirs
      : [path.join(ctx.root, "force-app")];
    return dirs.flatMap(xmlFiles).flatMap((file) =>
      findPaddedText(fs.readFileSync(file, "utf8")).map(
        ({ line, element }) => ({
          check: "metadata-text-values",
          file: relativeToRoot(ctx.root, file),
          line,
          message: `<${element}> has leading or trailing whitespace, which the org would keep; put the text on one line`
        })
      )
    );
  }
};
