/**
 * npm run keys -- --tenant <host> --private-key <file> [--generate] --app-id <id> [--tenant-tag <tag>]
 *                 [--license-key-file <file>] [--services docuverify,adminconsole] [--community default]
 *                 [--curve secp256k1|prime256v1] [--dvc-id <id>] (-o <org> | --dry-run)
 * npm run keys -- --check --tenant <host> -o <org> [--curve …]
 *
 * Sets up the keys of the BlockID envelope (docs/proofing/keys.md). The integration's private key stays in a file on
 * the admin's machine (mode 0600, never inside the repository, never printed); the tool derives one shared key per
 * service from the tenant's published service keys, proves it with a harmless call where it can, and writes to the
 * org only what Apex needs. The license key comes from a file or the ONEKOSMOS_LICENSE_KEY environment variable,
 * never from the command line. --check compares the service keys the tenant publishes now with the fingerprints the
 * org holds and exits 1 on a difference (key rotation).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  type Curve,
  generateKeyPair,
  type KeyPair,
  keyPairFromPrivate,
  parseCurve,
  sharedKey,
  fingerprint
} from "./envelope";
import {
  type ConfigRecord,
  type KeyRecord,
  OrgClient,
  realSf,
  type SfRunner,
  KEY_OBJECT,
  CONFIG_OBJECT
} from "./org";
import {
  checkTenantHost,
  fetchServiceKey,
  type Fetch,
  type ProofOutcome,
  proveServiceKey,
  serviceBase,
  serviceDiscovery,
  type ServiceKey,
  type TenantOptions
} from "./tenant";
import { TOOL_ROOT } from "../gate/run";

export const LICENSE_ENV = "ONEKOSMOS_LICENSE_KEY";
const SERVICE_NAME = /^[a-z][a-z0-9_]{0,37}$/;

export class UsageError extends Error {}

export interface Deps {
  sf: SfRunner;
  fetch: Fetch;
  out: (line: string) => void;
  env: Record<string, string | undefined>;
  /** The repository: private keys may not be written or read inside it. */
  repoRoot: string;
  /** Tests only: lets the tool talk http to 127.0.0.1. */
  allowLocalHttp: boolean;
  now: () => number;
}

export interface Options {
  tenant?: string;
  privateKey?: string;
  generate: boolean;
  curve?: Curve;
  services: string[];
  community: string;
  appId?: string;
  tenantTag: string;
  licenseKeyFile?: string;
  dvcId: string;
  targetOrg?: string;
  dryRun: boolean;
  check: boolean;
}

const VALUE_FLAGS: Record<string, keyof Options> = {
  "--tenant": "tenant",
  "--private-key": "privateKey",
  "--curve": "curve",
  "--services": "services",
  "--community": "community",
  "--app-id": "appId",
  "--tenant-tag": "tenantTag",
  "--license-key-file": "licenseKeyFile",
  "--dvc-id": "dvcId",
  "--target-org": "targetOrg",
  "-o": "targetOrg"
};

export function parseArgs(argv: string[]): Options {
  const options: Options = {
    generate: false,
    services: ["docuverify"],
    community: "default",
    tenantTag: "",
    dvcId: "onekosmos-key-check",
    dryRun: false,
    check: false
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith("--")
      ? (argv[i].split(/=(.*)/s, 2) as [string, string | undefined])
      : [argv[i], undefined];
    if (flag === "--license-key")
      throw new UsageError(
        `never pass the license key on the command line (shell history, process list): use --license-key-file <file> or the ${LICENSE_ENV} environment variable`
      );
    if (flag === "--generate") options.generate = true;
    else if (flag === "--dry-run") options.dryRun = true;
    else if (flag === "--check") options.check = true;
    else if (flag in VALUE_FLAGS) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === "" || value.startsWith("-"))
        throw new UsageError(`${flag} needs a value`);
      setValue(options, VALUE_FLAGS[flag], value);
    } else throw new UsageError(`unknown argument ${argv[i]}`);
  }
  return options;
}

function setValue(options: Options, key: keyof Options, value: string): void {
  if (key === "curve") options.curve = parseCurve(value);
  else if (key === "services") {
    options.services = value.split(",").map((s) => s.trim());
    const bad = options.services.filter((s) => !SERVICE_NAME.test(s));
    if (bad.length > 0 || options.services.length === 0)
      throw new UsageError(`--services: not a service name: ${bad.join(", ")}`);
  } else (options as unknown as Record<string, string>)[key] = value;
}

/** The path with its nearest existing ancestor resolved through symlinks. */
function realish(target: string): string {
  let dir = path.resolve(target);
  const rest: string[] = [];
  while (!fs.existsSync(dir)) {
    rest.unshift(path.basename(dir));
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return path.join(fs.realpathSync(dir), ...rest);
}

/** Refuses a private key path inside the repository: a key there is one `git add` away from being published. */
export function checkKeyPath(file: string, repoRoot: string): string {
  const resolved = realish(file);
  const relative = path.relative(realish(repoRoot), resolved);
  if (
    relative === "" ||
    (!relative.startsWith("..") && !path.isAbsolute(relative))
  )
    throw new UsageError(
      `refusing the private key path ${file}: it is inside the repository. Keep the key outside it (e.g. ~/.onekosmos/blockid.key) or in your vault.`
    );
  return resolved;
}

interface KeyFile {
  curve: string;
  privateKey: string;
}

/** Loads the key pair, or with --generate creates it (exclusive create, mode 0600). Never prints the key. */
export function loadOrGenerateKey(options: Options, deps: Deps): KeyPair {
  if (!options.privateKey)
    throw new UsageError(
      "--private-key <file> is required (a path outside the repository)"
    );
  const file = checkKeyPath(options.privateKey, deps.repoRoot);
  if (options.generate) {
    if (fs.existsSync(file))
      throw new UsageError(
        `${file} exists: refusing to overwrite a private key. Drop --generate to use it, or choose a new path.`
      );
    const pair = generateKeyPair(options.curve ?? "secp256k1");
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const content: KeyFile = {
      curve: pair.curve,
      privateKey: pair.privateKeyBase64
    };
    fs.writeFileSync(file, `${JSON.stringify(content)}\n`, {
      flag: "wx",
      mode: 0o600
    });
    deps.out(
      `Generated a new ${pair.curve} key pair; private key written to ${file} (mode 0600).`
    );
    return pair;
  }
  if (!fs.existsSync(file))
    throw new UsageError(
      `${file} does not exist: add --generate to create a new key pair there`
    );
  if (process.platform !== "win32" && (fs.statSync(file).mode & 0o077) !== 0)
    throw new UsageError(
      `${file} is readable by other users: chmod 600 ${file}`
    );
  let parsed: KeyFile;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8")) as KeyFile;
  } catch {
    throw new UsageError(`${file} is not a key file written by npm run keys`);
  }
  const curve = parseCurve(String(parsed.curve));
  if (options.curve && options.curve !== curve)
    throw new UsageError(`${file} holds a ${curve} key, not ${options.curve}`);
  return keyPairFromPrivate(curve, String(parsed.privateKey));
}

/** License key from its file or the environment, trimmed; never from the command line. */
export function readLicenseKey(options: Options, deps: Deps): string {
  let value: string | undefined;
  if (options.licenseKeyFile) {
    const file = path.resolve(options.licenseKeyFile);
    if (!fs.existsSync(file))
      throw new UsageError(`license key file ${file} does not exist`);
    value = fs.readFileSync(file, "utf8");
  } else value = deps.env[LICENSE_ENV];
  value = value?.trim();
  if (!value)
    throw new UsageError(
      `no license key: give --license-key-file <file> or set ${LICENSE_ENV}`
    );
  if (value.length > 255)
    throw new UsageError("the license key is longer than 255 characters");
  return value;
}

function tenantOptions(
  options: Options,
  deps: Deps,
  curve: Curve
): TenantOptions & { community: string } {
  if (!options.tenant)
    throw new UsageError(
      "--tenant <host> is required, e.g. --tenant acme.1kosmos.net"
    );
  return {
    tenantHost: checkTenantHost(options.tenant, deps.allowLocalHttp),
    curve,
    fetch: deps.fetch,
    allowLocalHttp: deps.allowLocalHttp,
    community: options.community
  };
}

async function fetchKeys(
  services: string[],
  tenant: TenantOptions & { community: string }
): Promise<ServiceKey[]> {
  const discovery = await serviceDiscovery(tenant);
  const keys: ServiceKey[] = [];
  for (const service of services) {
    keys.push(
      await fetchServiceKey(
        service,
        serviceBase(service, discovery, tenant),
        tenant
      )
    );
  }
  return keys;
}

function secretNote(what: string, length: number, unit: string): string {
  return `<${what}: ${length} ${unit}, not shown>`;
}

function printPlan(
  deps: Deps,
  keys: KeyRecord[],
  config: ConfigRecord,
  publicKeyFingerprint: string
): void {
  deps.out("Records to write (secrets are not shown):");
  for (const k of keys) {
    deps.out(`  ${KEY_OBJECT} "${k.Name}"`);
    deps.out(`    Service_URL__c: ${k.Service_URL__c}`);
    deps.out(`    Service_Key_Fingerprint__c: ${k.Service_Key_Fingerprint__c}`);
    deps.out(
      `    Shared_Key__c: ${secretNote("secret", Buffer.from(k.Shared_Key__c, "base64").length, "bytes")}`
    );
  }
  deps.out(`  ${CONFIG_OBJECT} (org default)`);
  deps.out(`    Public_Key__c: <public key, SHA-256 ${publicKeyFingerprint}>`);
  deps.out(
    `    License_Key__c: ${secretNote("secret", config.License_Key__c.length, "characters")}`
  );
  deps.out(`    App_Id__c: ${config.App_Id__c}`);
  deps.out(`    Tenant_Tag__c: ${config.Tenant_Tag__c || "(empty)"}`);
  deps.out(`    Curve__c: ${config.Curve__c}`);
}

async function setUp(options: Options, deps: Deps): Promise<number> {
  if (!options.appId)
    throw new UsageError(
      "--app-id <id> is required (the app id of the requestid header)"
    );
  if (!options.dryRun && !options.targetOrg)
    throw new UsageError(
      "give -o <org alias> to write to an org, or --dry-run to only print what would be written"
    );
  const licenseKey = readLicenseKey(options, deps);
  // Validate the tenant before a key pair is generated, so that a typo leaves no new key file behind.
  tenantOptions(options, deps, options.curve ?? "secp256k1");
  const pair = loadOrGenerateKey(options, deps);
  const tenant = tenantOptions(options, deps, pair.curve);
  const serviceKeys = await fetchKeys(options.services, tenant);
  const records: KeyRecord[] = [];
  let failed = false;
  for (const key of serviceKeys) {
    const shared = sharedKey(
      pair.curve,
      pair.privateKeyBase64,
      key.publicKeyBase64
    );
    const proof: ProofOutcome = await proveServiceKey(
      key,
      shared,
      {
        publicKeyBase64: pair.publicKeyBase64,
        licenseKey,
        appId: options.appId
      },
      { ...tenant, dvcId: options.dvcId, nowMs: deps.now() }
    );
    deps.out(
      `${key.service}: key ${key.fingerprint.slice(0, 16)}…, proof ${proof.result}: ${proof.detail}`
    );
    if (proof.result === "failed") failed = true;
    records.push({
      Name: key.service,
      Shared_Key__c: shared,
      Service_Key_Fingerprint__c: key.fingerprint,
      Service_URL__c: key.serviceUrl
    });
  }
  if (failed) {
    deps.out("Nothing was written: a proof failed (see above).");
    return 1;
  }
  const config: ConfigRecord = {
    Public_Key__c: pair.publicKeyBase64,
    License_Key__c: licenseKey,
    App_Id__c: options.appId,
    Tenant_Tag__c: options.tenantTag,
    Curve__c: pair.curve
  };
  printPlan(deps, records, config, fingerprint(pair.publicKeyBase64));
  if (options.dryRun) {
    deps.out("Dry run: nothing was written to an org.");
    return 0;
  }
  const org = new OrgClient(deps.sf, options.targetOrg as string);
  org.writeAll(records, config);
  deps.out(
    `Written to ${options.targetOrg}: ${records.length} service key(s) and the org default config.`
  );
  return 0;
}

async function check(options: Options, deps: Deps): Promise<number> {
  if (!options.targetOrg) throw new UsageError("--check needs -o <org alias>");
  const org = new OrgClient(deps.sf, options.targetOrg);
  const stored = org.storedKeys();
  if (stored.length === 0) {
    deps.out(`The org has no ${KEY_OBJECT} records: run npm run keys first.`);
    return 1;
  }
  const storedCurve = org.storedCurve();
  const tenant = tenantOptions(
    options,
    deps,
    options.curve ?? (storedCurve ? parseCurve(storedCurve) : "secp256k1")
  );
  const current = await fetchKeys(
    stored.map((s) => s.Name),
    tenant
  );
  let problems = 0;
  for (const key of current) {
    const mine = stored.find((s) => s.Name === key.service);
    if (mine?.Service_Key_Fingerprint__c !== key.fingerprint) {
      problems++;
      deps.out(
        `${key.service}: the service key has changed (org has ${mine?.Service_Key_Fingerprint__c ?? "none"}, ` +
          `the tenant publishes ${key.fingerprint}). Calls to ${key.service} will fail until you run npm run keys again to derive a new shared key.`
      );
    } else if (mine.Service_URL__c !== key.serviceUrl) {
      problems++;
      deps.out(
        `${key.service}: the service URL moved from ${mine.Service_URL__c} to ${key.serviceUrl}: run npm run keys again.`
      );
    } else
      deps.out(`${key.service}: unchanged (${key.fingerprint.slice(0, 16)}…)`);
  }
  return problems === 0 ? 0 : 1;
}

export const USAGE = `Usage:
  npm run keys -- --tenant <host> --private-key <file> [--generate] --app-id <id> [--tenant-tag <tag>]
                  [--license-key-file <file>] [--services docuverify,adminconsole] [--community default]
                  [--curve secp256k1|prime256v1] [--dvc-id <id>] (-o <org alias> | --dry-run)
  npm run keys -- --check --tenant <host> -o <org alias> [--curve secp256k1|prime256v1]
The license key comes from --license-key-file or the ${LICENSE_ENV} environment variable. See docs/proofing/keys.md.`;

export async function run(argv: string[], deps: Deps): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    deps.out(USAGE);
    return 0;
  }
  const options = parseArgs(argv);
  return options.check ? check(options, deps) : setUp(options, deps);
}

if (require.main === module) {
  const deps: Deps = {
    sf: realSf,
    fetch,
    out: (line) => console.log(line),
    env: process.env,
    repoRoot: TOOL_ROOT,
    allowLocalHttp: false,
    now: () => Date.now()
  };
  run(process.argv.slice(2), deps).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(
        `✖ npm run keys: ${error instanceof Error ? error.message : String(error)}`
      );
      process.exit(error instanceof UsageError ? 2 : 1);
    }
  );
}
