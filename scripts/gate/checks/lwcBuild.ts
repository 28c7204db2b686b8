/**
 * lwc-build: what `npm run build` produces is current and the platform's LWC compiler accepts it.
 *   (a) types/generated/apex.d.ts matches the Apex; every `@salesforce/apex/X.y` import names a real
 *       @AuraEnabled method, every `@salesforce/label/c.X` import a real Custom Label; the `c/*` paths
 *       in tsconfig.json list every TypeScript bundle
 *   (b) every component .ts has a .js that is exactly what the compiler emits now
 *   (c) every component .js, .html and .css passes @lwc/compiler's transformSync (namespace c)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { transformSync } from "@lwc/compiler";
import ts from "typescript";
import type { Check, CheckContext, Finding } from "../types";
import { ApexParseError } from "../../build/apexParser";
import {
  APEX_TYPES_FILE,
  type ApexModel,
  expectedApexTypes
} from "../../build/apexTypes";
import {
  TSCONFIG_FILE,
  bundleFiles,
  compileSource,
  compiledPath,
  expectedComponentPaths,
  findBundles,
  isCompiledOutput,
  isComponentSource,
  samePaths,
  withComponentPaths
} from "../../build/lwc";

const CHECK = "lwc-build";
const REBUILD = "run npm run build";

type FindingInput = Omit<Finding, "check">;

function read(root: string, file: string): string | undefined {
  const full = path.join(root, file);
  return fs.existsSync(full) ? fs.readFileSync(full, "utf8") : undefined;
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}

/** Custom Label names from every labels file under force-app. */
export function labelNames(root: string): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && !entry.name.startsWith("."))
          walk(full);
      } else if (entry.name.endsWith(".labels-meta.xml")) {
        const xml = fs.readFileSync(full, "utf8");
        for (const match of xml.matchAll(
          /<fullName>\s*([^<\s]+)\s*<\/fullName>/g
        )) {
          names.add(match[1]);
        }
      }
    }
  };
  const forceApp = path.join(root, "force-app");
  if (fs.existsSync(forceApp)) walk(forceApp);
  return names;
}

/** Platform imports of one component source that must name something real. */
export function checkImports(
  file: string,
  text: string,
  model: ApexModel,
  labels: Set<string>
): FindingInput[] {
  const findings: FindingInput[] = [];
  const methodNames = [...model.methods.keys()];
  for (const imported of ts.preProcessFile(text, true, true).importedFiles) {
    const name = imported.fileName;
    const line = lineOf(text, imported.pos);
    const apex = /^@salesforce\/(apex|apexContinuation)\/(.+)$/.exec(name);
    if (apex) {
      if (model.methods.has(name)) continue;
      const sameIgnoringCase = methodNames.find(
        (m) => m.toLowerCase() === name.toLowerCase()
      );
      const [className, methodName] = apex[2].split(".");
      const hasClass = model.classes.has((className ?? "").toLowerCase());
      findings.push({
        file,
        line,
        message: sameIgnoringCase
          ? `imports ${name}, but the Apex method is spelled ${sameIgnoringCase}`
          : hasClass
            ? `imports ${name}, but ${className} has no @AuraEnabled static method ${methodName ?? ""}${apex[1] === "apexContinuation" ? " with continuation=true" : ""}`
            : `imports ${name}, but there is no Apex class ${className} under force-app`
      });
      continue;
    }
    const label = /^@salesforce\/label\/c\.(.+)$/.exec(name);
    if (label && !labels.has(label[1])) {
      findings.push({
        file,
        line,
        message: `imports ${name}, but no Custom Label ${label[1]} exists under force-app (add it to the labels file)`
      });
    }
  }
  return findings;
}

function apexAndImportFindings(root: string): FindingInput[] {
  let generated: ReturnType<typeof expectedApexTypes>;
  try {
    generated = expectedApexTypes(root);
  } catch (error) {
    if (error instanceof ApexParseError) {
      return [
        {
          file: error.file,
          line: error.line,
          message: `the Apex reader behind the generated types cannot read this class: ${error.message}`
        }
      ];
    }
    throw error;
  }
  const findings: FindingInput[] = [];
  const current = read(root, APEX_TYPES_FILE);
  if (current === undefined) {
    findings.push({ file: APEX_TYPES_FILE, message: `missing: ${REBUILD}` });
  } else if (current !== generated.text) {
    findings.push({
      file: APEX_TYPES_FILE,
      message: `out of date with the @AuraEnabled Apex: ${REBUILD} and commit it`
    });
  }
  const labels = labelNames(root);
  for (const bundle of findBundles(root)) {
    for (const file of bundleFiles(root, bundle)) {
      const authored =
        isComponentSource(file) ||
        (file.endsWith(".js") &&
          !fs.existsSync(path.join(root, file.replace(/\.js$/, ".ts"))));
      if (!authored) continue;
      findings.push(
        ...checkImports(file, read(root, file) ?? "", generated.model, labels)
      );
    }
  }
  return findings;
}

function pathsFindings(root: string): FindingInput[] {
  const text = read(root, TSCONFIG_FILE);
  if (text === undefined) return [{ file: TSCONFIG_FILE, message: "missing" }];
  try {
    const expected = withComponentPaths(text, expectedComponentPaths(root));
    if (samePaths(JSON.parse(text) as typeof expected, expected)) return [];
  } catch (error) {
    return [{ file: TSCONFIG_FILE, message: (error as Error).message }];
  }
  return [
    {
      file: TSCONFIG_FILE,
      message: `its c/* paths do not list every TypeScript component: ${REBUILD}`
    }
  ];
}

/** (b) A .ts whose .js is missing or differs from what the compiler emits now. */
export function builtFindings(root: string): FindingInput[] {
  const findings: FindingInput[] = [];
  for (const bundle of findBundles(root)) {
    for (const file of bundleFiles(root, bundle).filter(isComponentSource)) {
      const compiled = compileSource(file, read(root, file) ?? "");
      if (compiled.errors.length > 0) {
        findings.push({ file, message: compiled.errors.join("\n") });
        continue;
      }
      const js = read(root, compiledPath(file));
      if (js === undefined) {
        findings.push({ file, message: `not built: ${REBUILD}` });
      } else if (js !== compiled.js) {
        findings.push({
          file,
          message: `stale: ${compiledPath(file)} is not what this .ts compiles to now: ${REBUILD}`
        });
      }
    }
  }
  return findings;
}

interface CompilerErrorLike {
  message?: string;
  location?: { line?: number; column?: number };
}

/** The compiler's first line, without the absolute path Babel puts in front of the position. */
function firstLine(message: string): string {
  return message.split("\n")[0].replace(/ \/\S+?: /, " ");
}

function apiVersionOf(root: string, bundleDir: string, name: string) {
  const meta = read(root, `${bundleDir}/${name}.js-meta.xml`);
  const match = meta && /<apiVersion>\s*([\d.]+)\s*<\/apiVersion>/.exec(meta);
  return match ? Number(match[1]) : undefined;
}

/** (c) Every deployable .js, .html and .css of every bundle through the LWC compiler. */
export function lwcCompilerFindings(root: string): FindingInput[] {
  const findings: FindingInput[] = [];
  for (const bundle of findBundles(root)) {
    const apiVersion = apiVersionOf(root, bundle.dir, bundle.name);
    for (const file of bundleFiles(root, bundle)) {
      if (!/\.(js|html|css)$/.test(file)) continue;
      const source = read(root, file) ?? "";
      try {
        transformSync(source, path.posix.basename(file), {
          namespace: "c",
          name: bundle.name,
          ...(apiVersion ? { apiVersion } : {})
        });
      } catch (error) {
        const compilerError = error as CompilerErrorLike;
        const built = file.endsWith(".js") && isCompiledOutput(source);
        findings.push({
          file,
          line: compilerError.location?.line,
          column: compilerError.location?.column,
          message: `rejected by the LWC compiler${built ? " (compiled from the .ts)" : ""}: ${firstLine(compilerError.message ?? String(error))}`
        });
      }
    }
  }
  return findings;
}

export const lwcBuildCheck: Check = {
  name: CHECK,
  description:
    "LWC build is current (generated Apex types, c/* paths, compiled .js) and @lwc/compiler accepts every component file",
  run(ctx: CheckContext): Promise<Finding[]> {
    const findings = [
      ...apexAndImportFindings(ctx.root),
      ...pathsFindings(ctx.root),
      ...builtFindings(ctx.root),
      ...lwcCompilerFindings(ctx.root)
    ];
    return Promise.resolve(findings.map((f) => ({ check: CHECK, ...f })));
  }
};
