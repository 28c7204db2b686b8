/**
 * What the build knows about Lightning web components: where the bundles are, which files are
 * TypeScript sources, how one compiles to the JavaScript the platform accepts, and the `c/<name>`
 * paths tsconfig.json needs. Shared by build.ts and the gate's lwc-build check, so both agree.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

export const TSCONFIG_FILE = "tsconfig.json";

/**
 * Emit settings that decide whether the platform accepts the output: ESNext keeps standard
 * decorators and class fields as LWC expects (ES2022 or experimental decorators fail with LWC1104),
 * and verbatimModuleSyntax makes one file's output independent of the others.
 */
export const EMIT_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ESNext,
  module: ts.ModuleKind.ESNext,
  experimentalDecorators: false,
  useDefineForClassFields: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  declaration: false,
  sourceMap: false,
  inlineSourceMap: false,
  removeComments: false,
  newLine: ts.NewLineKind.LineFeed
};

export interface LwcBundle {
  name: string;
  /** Folder relative to the root, forward slashes. */
  dir: string;
}

const TEST_DIRS = new Set(["__tests__", "__mocks__"]);

function toPosix(file: string): string {
  return file.split(path.sep).join("/");
}

/** Every `lwc/<name>` folder under force-app, sorted by path. */
export function findBundles(root: string): LwcBundle[] {
  const bundles: LwcBundle[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === "node_modules") continue;
      if (entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.name === "lwc") {
        for (const bundle of fs.readdirSync(full, { withFileTypes: true })) {
          if (bundle.isDirectory() && !bundle.name.startsWith(".")) {
            bundles.push({
              name: bundle.name,
              dir: toPosix(path.relative(root, path.join(full, bundle.name)))
            });
          }
        }
      } else {
        walk(full);
      }
    }
  };
  const forceApp = path.join(root, "force-app");
  if (fs.existsSync(forceApp)) walk(forceApp);
  return bundles.sort((a, b) => a.dir.localeCompare(b.dir));
}

/** Files of a bundle (relative to root), skipping tests and mocks. */
export function bundleFiles(root: string, bundle: LwcBundle): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(root, dir), {
      withFileTypes: true
    })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!TEST_DIRS.has(entry.name)) walk(rel);
      } else if (!/\.test\.[jt]s$/.test(entry.name)) {
        files.push(rel);
      }
    }
  };
  walk(bundle.dir);
  return files.sort();
}

/** TypeScript sources that compile to deployable JavaScript (not tests, not declarations). */
export function isComponentSource(file: string): boolean {
  return file.endsWith(".ts") && !file.endsWith(".d.ts");
}

export function compiledPath(source: string): string {
  return source.replace(/\.ts$/, ".js");
}

export function componentSources(root: string): string[] {
  return findBundles(root).flatMap((bundle) =>
    bundleFiles(root, bundle).filter(isComponentSource)
  );
}

export function compiledHeader(source: string): string {
  return `// Compiled from ${path.posix.basename(source)} by npm run build: edit the .ts, not this file.\n`;
}

/** True when a .js file was written by this build (so it may be deleted when its .ts is gone). */
export function isCompiledOutput(text: string): boolean {
  return /^\/\/ Compiled from \S+\.ts by npm run build/.test(text);
}

export interface CompileResult {
  js: string;
  /** Syntax errors, already formatted with file, line and column. */
  errors: string[];
}

/** Compiles one component source file the way the build does; pure, so the gate can compare. */
export function compileSource(source: string, text: string): CompileResult {
  const output = ts.transpileModule(text, {
    compilerOptions: EMIT_OPTIONS,
    fileName: source,
    reportDiagnostics: true
  });
  const errors = (output.diagnostics ?? []).map((d) => formatDiagnostic(d, ""));
  return { js: compiledHeader(source) + output.outputText, errors };
}

/** `file:line:column: error TSnnnn: message`, with the file relative to root. */
export function formatDiagnostic(
  diagnostic: ts.Diagnostic,
  root: string
): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
  if (!diagnostic.file || diagnostic.start === undefined) {
    return `error TS${diagnostic.code}: ${message}`;
  }
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(
    diagnostic.start
  );
  const name = diagnostic.file.fileName;
  const file = path.isAbsolute(name)
    ? toPosix(path.relative(root, name))
    : name;
  return `${file}:${line + 1}:${character + 1}: error TS${diagnostic.code}: ${message}`;
}

/** `c/<name>` → the bundle's main .ts, for every bundle written in TypeScript. */
export function expectedComponentPaths(root: string): Record<string, string[]> {
  const paths: Record<string, string[]> = {};
  for (const bundle of findBundles(root)) {
    if (fs.existsSync(path.join(root, bundle.dir, `${bundle.name}.ts`))) {
      paths[`c/${bundle.name}`] = [`./${bundle.dir}/${bundle.name}`];
    }
  }
  return paths;
}

interface TsconfigJson {
  compilerOptions?: { paths?: Record<string, string[]> };
}

/**
 * tsconfig.json with its `c/*` paths replaced by `componentPaths` (other paths kept), as an object;
 * throws with the file name when tsconfig.json is not valid JSON.
 */
export function withComponentPaths(
  tsconfigText: string,
  componentPaths: Record<string, string[]>
): TsconfigJson {
  let config: TsconfigJson;
  try {
    config = JSON.parse(tsconfigText) as TsconfigJson;
  } catch (error) {
    throw new Error(
      `${TSCONFIG_FILE} is not plain JSON (no comments allowed, the build rewrites it): ${(error as Error).message}`
    );
  }
  const kept = Object.entries(config.compilerOptions?.paths ?? {}).filter(
    ([key]) => !key.startsWith("c/")
  );
  const generated = Object.entries(componentPaths).sort(([a], [b]) =>
    a.localeCompare(b)
  );
  config.compilerOptions = {
    ...config.compilerOptions,
    paths: Object.fromEntries([...kept, ...generated])
  };
  return config;
}

/** Whether two tsconfig objects have the same `paths` (order of keys included). */
export function samePaths(a: TsconfigJson, b: TsconfigJson): boolean {
  return (
    JSON.stringify(a.compilerOptions?.paths ?? {}) ===
    JSON.stringify(b.compilerOptions?.paths ?? {})
  );
}
