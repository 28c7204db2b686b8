/**
 * npm run build: turns the TypeScript components into what the platform deploys.
 *
 *   1. types/generated/apex.d.ts from the @AuraEnabled Apex (committed; the gate checks it is current)
 *   2. the `c/<name>` paths in tsconfig.json, one per TypeScript bundle
 *   3. type-checks the component sources (not the tests: the gate's tsc step covers those)
 *   4. compiles each component .ts to the .js beside it, and deletes .js files it compiled earlier
 *      whose .ts is gone
 *
 * Writes a file only when its content changes, so a second run changes nothing.
 * Usage: tsx scripts/build/build.ts [--root <dir>]
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as prettier from "prettier";
import ts from "typescript";
import { ApexParseError } from "./apexParser";
import { APEX_TYPES_FILE, expectedApexTypes } from "./apexTypes";
import {
  TSCONFIG_FILE,
  compileSource,
  compiledPath,
  componentSources,
  expectedComponentPaths,
  findBundles,
  formatDiagnostic,
  isCompiledOutput,
  samePaths,
  withComponentPaths
} from "./lwc";

export class BuildError extends Error {}

export interface BuildResult {
  /** What the build did, one line per step. */
  log: string[];
  /** Files written or deleted, relative to root. */
  changed: string[];
}

function readIfExists(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
}

/** Writes only when the content differs; returns whether it wrote. */
function writeIfChanged(file: string, text: string): boolean {
  if (readIfExists(file) === text) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return true;
}

function elapsed(started: number): string {
  return `${Date.now() - started} ms`;
}

export function generateApexTypesStep(root: string, result: BuildResult): void {
  const started = Date.now();
  let generated: ReturnType<typeof expectedApexTypes>;
  try {
    generated = expectedApexTypes(root);
  } catch (error) {
    if (error instanceof ApexParseError) {
      throw new BuildError(
        `${error.message}\n(the build's Apex reader, scripts/build/apexParser.ts, could not read this class)`
      );
    }
    throw error;
  }
  for (const problem of generated.model.problems) {
    result.log.push(
      `  warning ${problem.file}:${problem.line}: ${problem.message}`
    );
  }
  const wrote = writeIfChanged(
    path.join(root, APEX_TYPES_FILE),
    generated.text
  );
  if (wrote) result.changed.push(APEX_TYPES_FILE);
  result.log.push(
    `apex types: ${generated.model.methods.size} @AuraEnabled methods from ${generated.model.files.length} classes → ${APEX_TYPES_FILE} (${wrote ? "written" : "unchanged"}, ${elapsed(started)})`
  );
}

export async function componentPathsStep(
  root: string,
  result: BuildResult
): Promise<void> {
  const file = path.join(root, TSCONFIG_FILE);
  const text = readIfExists(file);
  if (text === undefined) throw new BuildError(`${TSCONFIG_FILE} is missing`);
  const paths = expectedComponentPaths(root);
  let updated: ReturnType<typeof withComponentPaths>;
  try {
    updated = withComponentPaths(text, paths);
  } catch (error) {
    throw new BuildError((error as Error).message);
  }
  const current = JSON.parse(text) as Parameters<typeof samePaths>[0];
  const count = Object.keys(paths).length;
  if (samePaths(current, updated)) {
    result.log.push(`c/ paths: ${count} in ${TSCONFIG_FILE} (unchanged)`);
    return;
  }
  const options = (await prettier.resolveConfig(file)) ?? {};
  const formatted = await prettier.format(JSON.stringify(updated, null, 2), {
    ...options,
    filepath: file
  });
  fs.writeFileSync(file, formatted);
  result.changed.push(TSCONFIG_FILE);
  result.log.push(`c/ paths: ${count} in ${TSCONFIG_FILE} (written)`);
}

/** Type errors in component sources, each naming its file; tests are left to the gate's tsc step. */
export function typeCheckComponents(root: string, sources: string[]): string[] {
  if (sources.length === 0) return [];
  const configFile = path.join(root, TSCONFIG_FILE);
  const configErrors: string[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configFile,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) =>
        configErrors.push(formatDiagnostic(d, root))
    }
  );
  if (!parsed) return configErrors;
  const declarations = parsed.fileNames.filter((f) => f.endsWith(".d.ts"));
  const program = ts.createProgram({
    rootNames: [...sources.map((s) => path.join(root, s)), ...declarations],
    options: { ...parsed.options, noEmit: true }
  });
  return [...parsed.errors, ...ts.getPreEmitDiagnostics(program)].map((d) =>
    formatDiagnostic(d, root)
  );
}

export function compileStep(
  root: string,
  result: BuildResult,
  typeCheck = true
): void {
  const started = Date.now();
  const sources = componentSources(root);
  const errors = typeCheck ? typeCheckComponents(root, sources) : [];
  if (errors.length > 0) {
    throw new BuildError(
      `type errors in components (nothing compiled):\n${errors.join("\n")}`
    );
  }
  let written = 0;
  for (const source of sources) {
    const text = fs.readFileSync(path.join(root, source), "utf8");
    const compiled = compileSource(source, text);
    if (compiled.errors.length > 0) {
      throw new BuildError(compiled.errors.join("\n"));
    }
    const target = compiledPath(source);
    if (writeIfChanged(path.join(root, target), compiled.js)) {
      written++;
      result.changed.push(target);
    }
  }
  let removed = 0;
  const sourceSet = new Set(sources);
  for (const bundle of findBundles(root)) {
    for (const entry of fs.readdirSync(path.join(root, bundle.dir))) {
      if (!entry.endsWith(".js")) continue;
      const js = `${bundle.dir}/${entry}`;
      if (sourceSet.has(js.replace(/\.js$/, ".ts"))) continue;
      if (isCompiledOutput(fs.readFileSync(path.join(root, js), "utf8"))) {
        fs.rmSync(path.join(root, js));
        removed++;
        result.changed.push(js);
      }
    }
  }
  result.log.push(
    `components: ${sources.length} .ts ${typeCheck ? "type-checked and " : ""}compiled (${written} written, ${sources.length - written} unchanged${removed > 0 ? `, ${removed} orphaned .js removed` : ""}, ${elapsed(started)})`
  );
}

export interface BuildOptions {
  /** Tests that only need the emitted files skip the (slow) type-check. */
  typeCheck?: boolean;
  result?: BuildResult;
}

export async function build(
  root: string,
  { typeCheck = true, result = { log: [], changed: [] } }: BuildOptions = {}
): Promise<BuildResult> {
  generateApexTypesStep(root, result);
  await componentPathsStep(root, result);
  compileStep(root, result, typeCheck);
  return result;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const rootIndex = args.indexOf("--root");
  const root = path.resolve(
    rootIndex >= 0 && args[rootIndex + 1] ? args[rootIndex + 1] : process.cwd()
  );
  const started = Date.now();
  const result: BuildResult = { log: [], changed: [] };
  try {
    await build(root, { result });
    for (const line of result.log) console.log(line);
    console.log(`build done in ${elapsed(started)}`);
    return 0;
  } catch (error) {
    if (error instanceof BuildError) {
      for (const line of result.log) console.log(line);
      console.error(`build failed: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    }
  );
}
