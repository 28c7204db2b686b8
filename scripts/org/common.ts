/**
 * Shared plumbing for the commands that need an org (deploy, org:create, test:apex, validate, setup).
 * Every one of them fails early, with a message saying what to do, when no org is authorised.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { bin, quietSalesforceCli, TOOL_ROOT } from "../gate/run";
import type { OptionalSourceFolder } from "../gate/schema/project";

export const PROJECT_ROOT = TOOL_ROOT;

/**
 * Permission sets the deploying admin gets, so the app works for them right after a deploy. Proofing Agent too: the
 * admin also runs npm run setup, and the scheduled proofing poller runs as them and needs its BlockID callouts.
 */
export const ADMIN_PERMISSION_SETS = [
  "OneKosmos_Admin",
  "OneKosmos_User",
  "OneKosmos_Proofing_Agent"
];

export class UsageError extends Error {}

export interface OrgArgs {
  targetOrg?: string;
  rest: string[];
}

/** Accepts `-o alias`, `--target-org alias` and `--target-org=alias`; everything else is handed back. */
export function parseOrgArgs(argv: string[]): OrgArgs {
  const args: OrgArgs = { rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-o" || arg === "--target-org") {
      const value = argv[++i];
      if (!value || value.startsWith("-"))
        throw new UsageError(`${arg} needs an org alias or username`);
      args.targetOrg = value;
    } else if (arg.startsWith("--target-org=")) {
      args.targetOrg = arg.slice("--target-org=".length);
    } else {
      args.rest.push(arg);
    }
  }
  return args;
}

export interface SfResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the project's pinned sf CLI. `inherit` streams its output to the user (long deploys). */
export function sf(
  args: string[],
  options: { inherit?: boolean; cwd?: string } = {}
): SfResult {
  const result = spawnSync(bin("sf"), args, {
    cwd: options.cwd ?? PROJECT_ROOT,
    env: { ...process.env, ...quietSalesforceCli() },
    stdio: options.inherit ? "inherit" : "pipe",
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024
  });
  if (result.error) throw result.error;
  return {
    status: result.status ?? 1,
    stdout: result.stdout ?? "",
    stderr: result.stderr ?? ""
  };
}

/** `sf … --json` result, or a clear error with the CLI's own message. */
export function sfJson<T>(args: string[]): T {
  const result = sf([...args, "--json"]);
  let parsed: { status?: number; result?: T; message?: string; name?: string };
  try {
    parsed = JSON.parse(result.stdout) as typeof parsed;
  } catch {
    throw new Error(
      `sf ${args[0]} ${args[1] ?? ""} failed:\n${result.stderr || result.stdout}`
    );
  }
  if (result.status !== 0 || parsed.status !== 0) {
    throw new Error(
      `sf ${args.slice(0, 3).join(" ")} failed: ${parsed.message ?? parsed.name ?? "unknown error"}`
    );
  }
  return parsed.result as T;
}

export interface OrgInfo {
  username: string;
  instanceUrl: string;
  alias?: string;
}

/** The org to work on, or a UsageError explaining how to authorise one. */
export function requireOrg(
  targetOrg: string | undefined,
  command: string
): OrgInfo {
  if (!targetOrg) {
    throw new UsageError(
      `${command} needs an org: npm run ${command} -- -o <alias>\n` +
        "Authorise one first with: npx sf org login web --alias <alias> (or create a scratch org: npm run org:create)"
    );
  }
  const result = sf(["org", "display", "--target-org", targetOrg, "--json"]);
  if (result.status !== 0) {
    throw new UsageError(
      `No org is authorised as "${targetOrg}". Authorise it with: npx sf org login web --alias ${targetOrg}\n` +
        "This command needs a real org; nothing it does can run offline."
    );
  }
  const info = (JSON.parse(result.stdout) as { result: OrgInfo }).result;
  return info;
}

export function step(title: string): void {
  console.log(`\n▶ ${title}`);
}

export function runOrFail(title: string, args: string[], cwd?: string): void {
  step(title);
  const result = sf(args, { inherit: true, cwd });
  if (result.status !== 0)
    throw new Error(`${title} failed (sf exit ${result.status})`);
}

/**
 * `sf project deploy start` of source folders in one deploy (the project's force-app and the optional folders the
 * org has the feature for, or a generated payload in `cwd`).
 */
export function deploySource(
  title: string,
  targetOrg: string,
  sourceDirs: string | string[] = "force-app",
  cwd?: string
): void {
  const dirs = Array.isArray(sourceDirs) ? sourceDirs : [sourceDirs];
  runOrFail(
    title,
    [
      "project",
      "deploy",
      "start",
      ...dirs.flatMap((dir) => ["--source-dir", dir]),
      "--target-org",
      targetOrg,
      "--wait",
      "30"
    ],
    cwd
  );
}

/** Builds TypeScript components and runs the offline gate (less the slow unit-test steps when asked). */
export function buildAndGate(options: { full: boolean }): void {
  step(
    options.full ? "Build and offline gate (npm test)" : "Build (npm run build)"
  );
  const args = options.full
    ? [path.join("scripts", "gate", "gate.ts")]
    : [path.join("scripts", "build", "build.ts")];
  const result = spawnSync(bin("tsx"), args, {
    cwd: PROJECT_ROOT,
    stdio: "inherit",
    env: process.env
  });
  if (result.status !== 0)
    throw new Error(
      options.full ? "the offline gate failed" : "the build failed"
    );
}

export function assignPermissionSets(
  targetOrg: string,
  names: string[],
  onBehalfOf?: string[]
): void {
  const args = ["org", "assign", "permset", "--target-org", targetOrg];
  for (const name of names) args.push("--name", name);
  for (const user of onBehalfOf ?? []) args.push("--on-behalf-of", user);
  step(`Assign permission sets ${names.join(", ")}`);
  const result = sf([...args, "--json"]);
  // Assigning a permission set the user already has is reported as a failure by sf: that is fine (idempotent).
  if (
    result.status !== 0 &&
    !/Duplicate PermissionSetAssignment|already assigned/i.test(result.stdout)
  ) {
    throw new Error(
      `assigning permission sets failed:\n${result.stdout || result.stderr}`
    );
  }
}

/** Entry point wrapper: usage errors print plainly with exit 2, other errors with exit 1. */
export function main(
  command: string,
  body: (argv: string[]) => void | Promise<void>
): void {
  Promise.resolve()
    .then(() => body(process.argv.slice(2)))
    .then(
      () => process.exit(0),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        console.error(`\n✖ npm run ${command}: ${message}`);
        process.exit(error instanceof UsageError ? 2 : 1);
      }
    );
}

/** Which optional source folders a deploy adds, and why the others are left out. */
export interface OptionalFolderPlan {
  added: OptionalSourceFolder[];
  skipped: { folder: OptionalSourceFolder; reason: string }[];
}

/**
 * @param folders the optional source folders of sfdx-project.json
 * @param orgHasObject whether the target org has an object (its feature is on)
 * @returns the folders to deploy, in order, and the ones to leave out
 */
export function planOptionalFolders(
  folders: OptionalSourceFolder[],
  orgHasObject: (objectApiName: string) => boolean
): OptionalFolderPlan {
  const plan: OptionalFolderPlan = { added: [], skipped: [] };
  const known = new Map<string, boolean>();
  for (const folder of folders) {
    if (!known.has(folder.requiresObject))
      known.set(folder.requiresObject, orgHasObject(folder.requiresObject));
    if (known.get(folder.requiresObject)) plan.added.push(folder);
    else
      plan.skipped.push({
        folder,
        reason: `the org has no ${folder.requiresObject} object (the feature is off)`
      });
  }
  return plan;
}

/** One line per optional folder: added, or skipped and why. */
export function describePlan(plan: OptionalFolderPlan): string[] {
  return [
    ...plan.added.map(
      (folder) => `  + ${folder.path} (the org has ${folder.requiresObject})`
    ),
    ...plan.skipped.map(
      ({ folder, reason }) => `  - ${folder.path} skipped: ${reason}`
    )
  ];
}

/**
 * Reads `sf sobject describe --json`: true when the object exists, false when the org does not know it, and an
 * error for anything else (a failed login or a network error must not silently drop a folder).
 */
export function objectPresence(
  objectApiName: string,
  result: SfResult
): boolean {
  let parsed: {
    status?: number;
    name?: string;
    message?: string;
    result?: { name?: string };
  };
  try {
    parsed = JSON.parse(result.stdout) as typeof parsed;
  } catch {
    throw new Error(
      `sf sobject describe ${objectApiName} failed:\n${result.stderr || result.stdout}`
    );
  }
  if (result.status === 0 && parsed.status === 0)
    return parsed.result?.name?.toLowerCase() === objectApiName.toLowerCase();
  if (/^(NOT_FOUND|INVALID_TYPE)$/i.test(parsed.name ?? "")) return false;
  throw new Error(
    `could not tell whether the org has ${objectApiName}: ${parsed.message ?? parsed.name ?? "unknown error"}`
  );
}

/**
 * The source folders to deploy to an org: force-app, plus each optional folder whose feature the org has (printed,
 * with the reason for each folder left out). Used by deploy, validate and org:create alike.
 * @param targetOrg username or alias of the org
 * @param folders the optional source folders of sfdx-project.json
 * @param hasObject whether the org has an object (defaults to asking the org)
 */
export function sourceDirsFor(
  targetOrg: string,
  folders: OptionalSourceFolder[],
  hasObject: (objectApiName: string) => boolean = (objectApiName) =>
    orgHasObject(targetOrg, objectApiName)
): string[] {
  step("Optional source folders (org features)");
  const plan = planOptionalFolders(folders, hasObject);
  const lines = describePlan(plan);
  console.log(lines.length > 0 ? lines.join("\n") : "  (none configured)");
  return ["force-app", ...plan.added.map((folder) => folder.path)];
}

/** Whether the target org has an object (e.g. Order, present only when Orders are on). */
export function orgHasObject(
  targetOrg: string,
  objectApiName: string
): boolean {
  return objectPresence(
    objectApiName,
    sf([
      "sobject",
      "describe",
      "--sobject",
      objectApiName,
      "--target-org",
      targetOrg,
      "--json"
    ])
  );
}
