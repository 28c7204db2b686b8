/**
 * Reading Apex source without an Apex parser: which files there are, and a same-length "code only" view of each
 * (comments blanked, string contents blanked) so that simple scans never match inside a comment or a string, and
 * every offset still points at the same line and column of the real file.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { listFiles, readDxProject, relativePath } from "../schema/project";

export interface ApexFile {
  /** Absolute path. */
  path: string;
  /** Relative to the project root, forward slashes. */
  rel: string;
  /** Class or trigger name (the file name without its suffix). */
  name: string;
  kind: "class" | "trigger";
  text: string;
}

/** Every .cls and .trigger in the package directories of the project, sorted by path. */
export function readApexFiles(root: string): ApexFile[] {
  const { packageDirs } = readDxProject(root);
  const files: ApexFile[] = [];
  for (const file of packageDirs.flatMap((dir) => listFiles(dir))) {
    const ext = path.extname(file);
    if (ext !== ".cls" && ext !== ".trigger") continue;
    files.push({
      path: file,
      rel: relativePath(root, file),
      name: path.basename(file, ext),
      kind: ext === ".cls" ? "class" : "trigger",
      text: fs.readFileSync(file, "utf8")
    });
  }
  return files.sort((a, b) => a.rel.localeCompare(b.rel));
}

/** Replaces every character but line breaks with a space. */
function blank(text: string): string {
  return text.replace(/[^\r\n]/g, " ");
}

/**
 * The same text with comments blanked and, unless `keepStrings`, the contents of string literals blanked (the quotes
 * stay, so `'x'` becomes `' '`). Same length, same line breaks.
 */
export function codeOnly(text: string, keepStrings = false): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === "/" && next === "/") {
      const end = text.indexOf("\n", i);
      const stop = end === -1 ? text.length : end;
      out += blank(text.slice(i, stop));
      i = stop;
    } else if (c === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += blank(text.slice(i, stop));
      i = stop;
    } else if (c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== "'" && text[j] !== "\n") {
        j += text[j] === "\\" ? 2 : 1;
      }
      const stop = Math.min(j, text.length);
      const body = text.slice(i + 1, stop);
      out += "'" + (keepStrings ? body : blank(body));
      if (stop < text.length && text[stop] === "'") out += "'";
      i = stop < text.length && text[stop] === "'" ? stop + 1 : stop;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** 1-based line and column of an offset. */
export function lineColumn(
  text: string,
  offset: number
): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** True when the code (comments and strings blanked) carries an `@IsTest` annotation on a top-level class. */
export function isTestClass(file: ApexFile): boolean {
  if (file.kind !== "class") return false;
  const code = codeOnly(file.text);
  const declaration = new RegExp(`\\bclass\\s+${file.name}\\b`, "i").exec(code);
  const head = declaration ? code.slice(0, declaration.index) : code;
  return /@isTest\b/i.test(head);
}
