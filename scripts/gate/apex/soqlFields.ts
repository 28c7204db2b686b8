/**
 * The Apex semantic checker does not look inside SOQL, so a misspelt field in `[SELECT … FROM OneKosmos_X__c]`
 * would first fail at deploy. This light check reads the project's own object folders and reports custom fields
 * (`…__c`) and custom relationships (`…__r.`) in a query on one of the project's custom objects, custom metadata
 * types or platform events that the project does not define. Standard objects and standard fields are not checked
 * (their fields are not in the project); objects from other packages are skipped.
 *
 * Covered: static SOQL (`[SELECT …]`) and string literals that hold a whole `SELECT … FROM …` (dynamic SOQL), their
 * SELECT lists, WHERE/ORDER BY/GROUP BY clauses and nested sub-queries. Bind expressions (`:value.Field__c`) are
 * Apex, not SOQL, and are skipped.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readDxProject } from "../schema/project";
import { type ApexFile, codeOnly, lineColumn } from "./apexSource";

/** Object API name (lower case) → its name as written and its field names (lower case). */
export type ProjectObjects = Map<string, { name: string; fields: Set<string> }>;

const CUSTOM_SUFFIX = /__(c|mdt|e|b)$/i;

/** The custom objects, custom metadata types and platform events defined in the package directories. */
export function readProjectObjects(root: string): ProjectObjects {
  const objects: ProjectObjects = new Map();
  const pendingFields: ProjectObjects = new Map();
  const visit = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name === "node_modules") continue;
      const full = path.join(dir, entry.name);
      if (entry.name === "objects") {
        for (const object of fs.readdirSync(full, { withFileTypes: true })) {
          if (!object.isDirectory() || !CUSTOM_SUFFIX.test(object.name))
            continue;
          const objectDir = path.join(full, object.name);
          const defined = fs.existsSync(
            path.join(objectDir, `${object.name}.object-meta.xml`)
          );
          const key = object.name.toLowerCase();
          const known = objects.get(key) ?? {
            name: object.name,
            fields: new Set<string>()
          };
          const fieldsDir = path.join(objectDir, "fields");
          if (fs.existsSync(fieldsDir)) {
            for (const file of fs.readdirSync(fieldsDir)) {
              if (file.endsWith(".field-meta.xml"))
                known.fields.add(
                  file.slice(0, -".field-meta.xml".length).toLowerCase()
                );
            }
          }
          // An object folder without its .object-meta.xml only adds fields to an object defined elsewhere.
          if (defined || objects.has(key)) objects.set(key, known);
          else pendingFields.set(key, known);
        }
      } else {
        visit(full);
      }
    }
  };
  for (const dir of readDxProject(root).packageDirs) visit(dir);
  for (const [key, extra] of pendingFields) {
    const known = objects.get(key);
    if (known) extra.fields.forEach((f) => known.fields.add(f));
  }
  return objects;
}

export interface SoqlProblem {
  /** Offset in the Apex file. */
  offset: number;
  message: string;
}

const CLAUSE_KEYWORDS = new Set([
  "where",
  "with",
  "order",
  "group",
  "limit",
  "offset",
  "for",
  "using",
  "having",
  "all",
  "update",
  "view",
  "reference"
]);

/** Blanks `text[start, end)` in `chars`, keeping line breaks. */
function blankRange(chars: string[], start: number, end: number): void {
  for (let i = start; i < end; i++) if (chars[i] !== "\n") chars[i] = " ";
}

/** End (exclusive) of a bind expression starting after the colon at `start`. */
function bindEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && /\s/.test(text[i])) i++;
  let depth = 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && !/[\w.]/.test(c)) break;
  }
  return i;
}

/**
 * Problems in one query. `query` is the text between the brackets (or of the literal), `base` its offset in the
 * file; strings in it are already blanked.
 */
export function checkQuery(
  query: string,
  base: number,
  objects: ProjectObjects
): SoqlProblem[] {
  const problems: SoqlProblem[] = [];
  const chars = [...query];
  // Sub-queries first: each is a query of its own (a semi-join on another object, or a child relationship).
  for (let i = 0; i < query.length; i++) {
    if (query[i] !== "(") continue;
    if (!/^\(\s*select\b/i.test(query.slice(i, i + 20))) continue;
    let depth = 0;
    let j = i;
    for (; j < query.length; j++) {
      if (query[j] === "(") depth++;
      else if (query[j] === ")" && --depth === 0) break;
    }
    const inner = query.slice(i + 1, j);
    // A child-relationship sub-query names a relationship, not an object: checkQuery skips names it doesn't know.
    problems.push(...checkQuery(inner, base + i + 1, objects));
    blankRange(chars, i, Math.min(j + 1, query.length));
    i = j;
  }
  const outer = chars.join("");
  const head = /^\s*select\b([\s\S]*?)\bfrom\s+(\w+)(?:\s+(\w+))?/i.exec(outer);
  if (!head) return problems;
  const object = objects.get(head[2].toLowerCase());
  if (!object) return problems;
  const alias =
    head[3] && !CLAUSE_KEYWORDS.has(head[3].toLowerCase())
      ? head[3].toLowerCase()
      : undefined;

  const selectStart = head.index + head[0].toLowerCase().indexOf("select") + 6;
  const selectEnd = selectStart + head[1].length;
  const restStart = head.index + head[0].length;
  const scanned = [...outer];
  // Everything but the SELECT list and the clauses after FROM <object> [alias] is out of scope.
  blankRange(scanned, 0, selectStart);
  blankRange(scanned, selectEnd, restStart);
  for (let i = restStart; i < scanned.length; i++) {
    if (scanned[i] === ":") {
      const end = bindEnd(outer, i + 1);
      blankRange(scanned, i, end);
      i = end - 1;
    }
  }
  const text = scanned.join("");
  const dataCategory = /\bwith\s+data\s+category\b/i.exec(text);
  const scope = dataCategory ? text.slice(0, dataCategory.index) : text;

  const token = /\b[A-Za-z]\w*(?:\s*\.\s*[A-Za-z]\w*)*/g;
  let match: RegExpExecArray | null;
  while ((match = token.exec(scope))) {
    const segments = match[0].split(".").map((s) => s.trim());
    if (alias && segments.length > 1 && segments[0].toLowerCase() === alias)
      segments.shift();
    const first = segments[0];
    const lower = first.toLowerCase();
    let missing: string | undefined;
    if (segments.length === 1 && lower.endsWith("__c")) {
      if (!object.fields.has(lower)) missing = first;
    } else if (segments.length > 1 && lower.endsWith("__r")) {
      const lookup = `${lower.slice(0, -3)}__c`;
      if (!object.fields.has(lookup))
        missing = `${first} (no ${first.slice(0, -3)}__c lookup)`;
    }
    if (missing)
      problems.push({
        offset: base + match.index,
        message: `SOQL: unknown field ${missing} on ${object.name} (not in the project's object files)`
      });
  }
  return problems;
}

/** Every SOQL problem in one Apex file. */
export function checkSoqlFields(
  file: ApexFile,
  objects: ProjectObjects
): { line: number; column: number; message: string }[] {
  const problems: SoqlProblem[] = [];
  const code = codeOnly(file.text);
  const withStrings = codeOnly(file.text, true);

  // Static SOQL: [SELECT … ] (string contents are blanked in `code`, so brackets inside strings don't count).
  const open = /\[\s*select\b/gi;
  let match: RegExpExecArray | null;
  while ((match = open.exec(code))) {
    let depth = 0;
    let end = match.index;
    for (; end < code.length; end++) {
      if (code[end] === "[") depth++;
      else if (code[end] === "]" && --depth === 0) break;
    }
    problems.push(
      ...checkQuery(code.slice(match.index + 1, end), match.index + 1, objects)
    );
  }

  // Dynamic SOQL: a string literal that holds a whole SELECT … FROM … .
  const literal = /'((?:[^'\\\n]|\\.)*)'/g;
  while ((match = literal.exec(withStrings))) {
    const body = match[1];
    if (!/^\s*select\b[\s\S]*\bfrom\s+\w+/i.test(body)) continue;
    // Quoted values inside the literal (\'…\') are values, not fields.
    const values = body.replace(/\\'(?:[^\\]|\\[^'])*?\\'/g, (v) =>
      " ".repeat(v.length)
    );
    problems.push(...checkQuery(values, match.index + 1, objects));
  }

  return problems
    .sort((a, b) => a.offset - b.offset)
    .map((p) => ({ ...lineColumn(file.text, p.offset), message: p.message }));
}
