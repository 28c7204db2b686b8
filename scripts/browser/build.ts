/**
 * Builds the page bundle of the browser harness with rollup and @lwc/rollup-plugin (the same LWC 8.28.2 the project
 * compiles against, one copy of the engine): the project's components as `npm run build` compiled them (the .js next to
 * each .ts), the stand-ins for the base components they use (harness/lwc/lightning/*), and test doubles for the platform
 * modules (harness/fakes/*), nothing else. Labels come from the project's Custom Labels files, so a label the
 * component imports but nobody defined fails the build here as it would fail a deploy.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { rollup, type Plugin, type RollupLog } from "rollup";
import lwc from "@lwc/rollup-plugin";
import ts from "typescript";
import { XMLParser } from "fast-xml-parser";
import { EMIT_OPTIONS, compileSource, findBundles } from "../build/lwc";
import { SCENARIOS } from "./harness/scenarios";

export const HARNESS_DIR = path.join(__dirname, "harness");
const STAND_INS_DIR = path.join(HARNESS_DIR, "lwc", "lightning");
const ENTRY_ID = "\0harness-entry";

/** Platform modules replaced whole by a double in harness/fakes. */
const FAKE_MODULES: Readonly<Record<string, string>> = {
  "@salesforce/apex": "fakes/apex.ts",
  "@salesforce/client/formFactor": "fakes/formFactor.ts",
  "lightning/actions": "fakes/actions.ts",
  "lightning/empApi": "fakes/empApi.ts",
  "lightning/flowSupport": "fakes/flowSupport.ts",
  "lightning/platformShowToastEvent": "fakes/toast.ts",
  "lightning/uiRecordApi": "fakes/uiRecordApi.ts"
};

/**
 * The engine and synthetic shadow of the tools' own node_modules, by real path: every importer gets the same file, so
 * the bundle never holds two engines (whose components could not render each other), even for a project copy.
 */
const ENGINE_MODULES: Readonly<Record<string, string>> = {
  lwc: lwcModuleFile("@lwc/engine-dom"),
  "@lwc/synthetic-shadow": lwcModuleFile("@lwc/synthetic-shadow")
};

/** The ES module a package declares for LWC (its package.json `lwc.modules`), as the LWC resolver would pick. */
function lwcModuleFile(packageName: string): string {
  const manifest = require.resolve(`${packageName}/package.json`);
  const { lwc } = JSON.parse(fs.readFileSync(manifest, "utf8")) as {
    lwc: { modules: { path: string }[] };
  };
  return fs.realpathSync(
    path.join(path.dirname(manifest), lwc.modules[0].path)
  );
}

export class HarnessBuildError extends Error {}

export interface HarnessBundle {
  code: string;
  /** The c/* bundles in the page. */
  components: string[];
  /** Rollup and LWC compiler warnings (the tests expect none). */
  warnings: string[];
}

function walkFiles(dir: string, keep: (name: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === "node_modules" || entry.name.startsWith(".")
        ? []
        : walkFiles(full, keep);
    return keep(entry.name) ? [full] : [];
  });
}

/** Every Custom Label under force-app: full name → value. */
export function readCustomLabels(root: string): Map<string, string> {
  const parser = new XMLParser({
    isArray: (name) => name === "labels",
    parseTagValue: false,
    trimValues: false
  });
  const labels = new Map<string, string>();
  const files = walkFiles(path.join(root, "force-app"), (name) =>
    name.endsWith(".labels-meta.xml")
  );
  for (const file of files) {
    const parsed = parser.parse(fs.readFileSync(file, "utf8")) as {
      CustomLabels?: { labels?: { fullName?: string; value?: string }[] };
    };
    for (const label of parsed.CustomLabels?.labels ?? []) {
      if (label.fullName) labels.set(label.fullName, label.value ?? "");
    }
  }
  return labels;
}

/** The base components that have a stand-in: `lightning/<folder>` (lightning/formattedDateTime …). */
export function standIns(): string[] {
  return fs
    .readdirSync(STAND_INS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

interface ComponentModule {
  name: string;
  js: string;
}

/**
 * The components the scenarios show, as the build compiled them; a missing or stale .js is an error, not a silent
 * rebuild.
 */
export function projectComponents(
  root: string,
  names: ReadonlySet<string>
): ComponentModule[] {
  const components: ComponentModule[] = [];
  const found = new Set<string>();
  const bundles = findBundles(root);
  // The scenarios name the components they show; the c/* modules those import (service modules) come along.
  const wanted = new Set(names);
  for (let grew = true; grew;) {
    grew = false;
    for (const bundle of bundles) {
      if (!wanted.has(bundle.name)) continue;
      const js = path.join(root, bundle.dir, `${bundle.name}.js`);
      if (!fs.existsSync(js)) continue;
      for (const match of fs
        .readFileSync(js, "utf8")
        .matchAll(/from\s+["']c\/(\w+)["']/g)) {
        if (!wanted.has(match[1])) {
          wanted.add(match[1]);
          grew = true;
        }
      }
    }
  }
  for (const bundle of bundles) {
    if (!wanted.has(bundle.name)) continue;
    found.add(bundle.name);
    const dir = path.join(root, bundle.dir);
    const ts = path.join(dir, `${bundle.name}.ts`);
    const js = path.join(dir, `${bundle.name}.js`);
    if (fs.existsSync(ts)) {
      const source = path.relative(root, ts).split(path.sep).join("/");
      const expected = compileSource(source, fs.readFileSync(ts, "utf8")).js;
      if (!fs.existsSync(js) || fs.readFileSync(js, "utf8") !== expected) {
        throw new HarnessBuildError(
          `${bundle.dir}/${bundle.name}.js is missing or older than its .ts: run npm run build`
        );
      }
    }
    if (!fs.existsSync(js)) {
      throw new HarnessBuildError(`${bundle.dir} has no ${bundle.name}.js`);
    }
    components.push({ name: bundle.name, js });
  }
  const missing = [...names].filter((name) => !found.has(name));
  if (missing.length > 0) {
    throw new HarnessBuildError(
      `scenarios show components that are not in force-app: ${missing.join(", ")}`
    );
  }
  return components;
}

/** Component TypeScript of the harness (stand-ins, doubles) compiled with the project's own emit settings. */
function typescriptPlugin(): Plugin {
  return {
    name: "harness-typescript",
    transform(code, id) {
      const file = id.split("?")[0];
      if (!file.endsWith(".ts") || !file.startsWith(HARNESS_DIR)) return null;
      const output = ts.transpileModule(code, {
        compilerOptions: EMIT_OPTIONS,
        fileName: file
      });
      return { code: output.outputText, map: null };
    }
  };
}

function platformDoublesPlugin(
  labels: Map<string, string>,
  components: ComponentModule[]
): Plugin {
  const lightning = new Set(standIns().map((name) => `lightning/${name}`));
  const fakeApex = path.join(HARNESS_DIR, FAKE_MODULES["@salesforce/apex"]);
  return {
    name: "harness-platform-doubles",
    resolveId(source) {
      if (source === ENTRY_ID) return ENTRY_ID;
      const engine = ENGINE_MODULES[source];
      if (engine) return engine;
      const fake = FAKE_MODULES[source];
      if (fake) return path.join(HARNESS_DIR, fake);
      if (source.startsWith("@salesforce/apex/")) return `\0apex:${source}`;
      if (source.startsWith("@salesforce/label/")) return `\0label:${source}`;
      if (
        (source.startsWith("lightning/") && !lightning.has(source)) ||
        source.startsWith("@salesforce/")
      ) {
        this.error(
          `no test double for ${source}: add one under scripts/browser/harness (fakes/ or lwc/lightning/)`
        );
      }
      return null;
    },
    load(id) {
      if (id === ENTRY_ID) {
        // Synthetic shadow first, as on the platform: it lets the SLDS stylesheet reach inside components.
        const imports = components.map(
          (c, index) => `import C${index} from "c/${c.name}";`
        );
        const map = components.map((c, index) => `  "${c.name}": C${index}`);
        return [
          `import "@lwc/synthetic-shadow";`,
          `import { start } from ${JSON.stringify(path.join(HARNESS_DIR, "main.ts"))};`,
          ...imports,
          `start({\n${map.join(",\n")}\n});`
        ].join("\n");
      }
      if (id.startsWith("\0apex:@salesforce/apex/")) {
        const method = id.slice("\0apex:@salesforce/apex/".length);
        return `import { apexMethod } from ${JSON.stringify(fakeApex)};\nexport default apexMethod(${JSON.stringify(method)});`;
      }
      if (id.startsWith("\0label:@salesforce/label/")) {
        const name = id.slice("\0label:@salesforce/label/".length);
        const value = name.startsWith("c.")
          ? labels.get(name.slice(2))
          : undefined;
        if (value === undefined) {
          this.error(
            `Custom Label ${name} is imported but defined in no *.labels-meta.xml under force-app`
          );
        }
        return `export default ${JSON.stringify(value)};`;
      }
      return null;
    }
  };
}

function describeLog(log: RollupLog): string {
  const where = log.loc ? ` (${log.loc.file ?? log.id}:${log.loc.line})` : "";
  return `${log.message}${where}`;
}

/** Builds the page bundle in memory (a few seconds), by default with the components the scenarios show. */
export async function buildHarness(
  root: string,
  componentNames: ReadonlySet<string> = new Set(
    SCENARIOS.map((scenario) => scenario.component)
  )
): Promise<HarnessBundle> {
  const labels = readCustomLabels(root);
  const components = projectComponents(root, componentNames);
  // The page registers the components it shows; service modules they import are only bundled.
  const shown = components.filter((c) => componentNames.has(c.name));
  const warnings: string[] = [];
  const bundle = await rollup({
    input: ENTRY_ID,
    plugins: [
      typescriptPlugin(),
      platformDoublesPlugin(labels, shown),
      lwc({
        rootDir: HARNESS_DIR,
        // The engine and synthetic shadow ship compiled: the LWC compiler only needs the components and doubles.
        exclude: [/[\\/]node_modules[\\/]/],
        modules: [
          ...components.map((c) => ({ name: `c/${c.name}`, path: c.js })),
          ...standIns().map((name) => ({
            name: `lightning/${name}`,
            path: path.join(STAND_INS_DIR, name, `${name}.ts`)
          }))
        ]
      })
    ],
    onLog(level, log) {
      if (level !== "debug") warnings.push(describeLog(log));
    }
  });
  try {
    const { output } = await bundle.generate({
      format: "iife",
      // The engine reads process.env.NODE_ENV; development mode keeps its runtime checks and warnings on.
      intro: `var process = { env: { NODE_ENV: "development" } };`
    });
    return {
      code: output[0].code,
      components: shown.map((c) => c.name),
      warnings
    };
  } finally {
    await bundle.close();
  }
}
