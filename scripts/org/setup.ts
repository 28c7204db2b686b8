/**
 * npm run setup -- -o <alias> [--config <file>] [--dry-run <dir>]
 *
 * The idempotent post-deploy step. It sets what is org-specific and therefore never committed (tenant host in the
 * Named Credentials and the Remote Site, the Default settings record, the Platform Cache partition, platform-event
 * subscriber users, the 1Kosmos Auth Provider with its execution user …) from a local, gitignored config file (config/onekosmos.local.json; see
 * config/onekosmos.example.json), deploys exactly that, and prints what an admin still has to do by hand.
 * Secrets are never read here: client secrets go into the External Credential in Setup.
 *
 * It then runs anonymous Apex for what metadata cannot carry: the scheduled expiry clean-up and proofing poller jobs,
 * and the checks of the step-up policies, session access rules and proofing configuration.
 *
 * --dry-run <dir> writes the payload it would deploy (and the anonymous Apex it would run) into <dir>; needs no org.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  main,
  parseOrgArgs,
  PROJECT_ROOT,
  requireOrg,
  deploySource,
  sf,
  step,
  UsageError
} from "./common";

export const PLACEHOLDER_URL = "https://tenant.invalid";
const CORE = path.join("force-app", "main", "core");
const NAMED_CREDENTIALS = [
  "OneKosmos_OIDC",
  "OneKosmos_Public",
  "OneKosmos_BlockID"
];

export interface SetupConfig {
  tenantHost: string;
  community: string;
  clientId?: string;
  expectedIssuer?: string;
  discoveryUrl?: string;
  jwksPath?: string;
  userinfoPath?: string;
  acceptedAcrValues?: string[];
  acceptedAmrValues?: string[];
  usernameField?: string;
  platformCache?: {
    partition: string;
    organizationMb: number;
    sessionMb: number;
  };
  platformEventSubscriberUser?: string;
  /** The 1Kosmos Auth Provider (login and registration); rendered only when it names an execution user. */
  authProvider?: {
    executionUser?: string;
    friendlyName?: string;
    urlSuffix?: string;
  };
}

const HOST =
  /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const FIELD = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;
const USERNAME = /^[^\s@]+@[^\s@]+$/;
/** An AuthProvider's URL suffix (its DeveloperName): a letter first, no double or trailing underscore, 32 at most. */
const URL_SUFFIX = /^(?!.*__)(?!.*_$)[A-Za-z][A-Za-z0-9_]{0,31}$/;
/** The Auth Provider's name on login pages: 32 characters at most, nothing XML would have to escape. */
const FRIENDLY_NAME = /^[^<>&"]{1,32}$/;

/** Validates the local config; every problem is reported at once, with the key it is about. */
export function validateConfig(raw: unknown): SetupConfig {
  const errors: string[] = [];
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new UsageError(
      "the setup config must be a JSON object (see config/onekosmos.example.json)"
    );
  }
  const c = raw as Record<string, unknown>;
  const known = new Set([
    "tenantHost",
    "community",
    "clientId",
    "expectedIssuer",
    "discoveryUrl",
    "jwksPath",
    "userinfoPath",
    "acceptedAcrValues",
    "acceptedAmrValues",
    "usernameField",
    "platformCache",
    "platformEventSubscriberUser",
    "authProvider",
    "$comment"
  ]);
  for (const key of Object.keys(c))
    if (!known.has(key)) errors.push(`unknown key "${key}"`);
  if (/secret/i.test(JSON.stringify(Object.keys(c)))) {
    errors.push(
      "secrets do not belong in this file: enter the client secret in the External Credential in Setup"
    );
  }
  const str = (
    key: string,
    required: boolean,
    pattern?: RegExp,
    hint?: string
  ): void => {
    const value = c[key];
    if (value === undefined || value === "") {
      if (required) errors.push(`"${key}" is required`);
      return;
    }
    if (typeof value !== "string") errors.push(`"${key}" must be a string`);
    else if (pattern && !pattern.test(value))
      errors.push(`"${key}" ${hint ?? "is not valid"}: ${value}`);
  };
  str(
    "tenantHost",
    true,
    HOST,
    "must be a bare host name like acme.1kosmos.net (no scheme, path or port)"
  );
  str(
    "community",
    true,
    /^[A-Za-z0-9_-]{1,80}$/,
    "must be a 1Kosmos community name like default"
  );
  str("clientId", false, /^[^\s<>"']{1,255}$/, "must be the OIDC client id");
  str("expectedIssuer", false, /^https:\/\/[^\s]+$/, "must be an https URL");
  str("discoveryUrl", false, /^https:\/\/[^\s]+$/, "must be an https URL");
  str("jwksPath", false, /^\/[^\s]*$/, "must be a path starting with /");
  str("userinfoPath", false, /^\/[^\s]*$/, "must be a path starting with /");
  str("usernameField", false, FIELD, "must be a User field API name");
  str(
    "platformEventSubscriberUser",
    false,
    USERNAME,
    "must be a Salesforce username"
  );
  for (const key of ["acceptedAcrValues", "acceptedAmrValues"]) {
    const value = c[key];
    if (
      value !== undefined &&
      (!Array.isArray(value) ||
        value.some((v) => typeof v !== "string" || v === ""))
    ) {
      errors.push(`"${key}" must be a list of non-empty strings`);
    }
  }
  for (const key of ["expectedIssuer", "discoveryUrl"]) {
    const value = c[key];
    if (
      typeof value === "string" &&
      HOST.test(String(c.tenantHost)) &&
      !value.startsWith(`https://${c.tenantHost}/`)
    ) {
      errors.push(
        `"${key}" must be on the tenant host https://${String(c.tenantHost)}/`
      );
    }
  }
  const cache = c.platformCache as Record<string, unknown> | undefined;
  if (cache !== undefined) {
    if (typeof cache !== "object" || cache === null)
      errors.push('"platformCache" must be an object');
    else {
      if (typeof cache.partition !== "string" || !NAME.test(cache.partition)) {
        errors.push(
          '"platformCache.partition" must be a partition name (letters, digits, _)'
        );
      }
      for (const key of ["organizationMb", "sessionMb"]) {
        const mb = cache[key];
        if (
          typeof mb !== "number" ||
          !Number.isInteger(mb) ||
          mb < 0 ||
          mb > 100
        ) {
          errors.push(
            `"platformCache.${key}" must be a whole number of MB from 0 to 100`
          );
        }
      }
    }
  }
  errors.push(...authProviderErrors(c.authProvider));
  if (errors.length > 0)
    throw new UsageError(
      `the setup config is not valid:\n  - ${errors.join("\n  - ")}`
    );
  return c as unknown as SetupConfig;
}

function authProviderErrors(raw: unknown): string[] {
  if (raw === undefined) return [];
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return ['"authProvider" must be an object'];
  const errors: string[] = [];
  const a = raw as Record<string, unknown>;
  const known = new Set(["executionUser", "friendlyName", "urlSuffix"]);
  for (const key of Object.keys(a))
    if (!known.has(key)) errors.push(`unknown key "authProvider.${key}"`);
  const check = (key: string, pattern: RegExp, hint: string): void => {
    const value = a[key];
    if (value === undefined) return;
    if (typeof value !== "string" || !pattern.test(value))
      errors.push(`"authProvider.${key}" ${hint}`);
  };
  check("executionUser", USERNAME, "must be a Salesforce username");
  check(
    "friendlyName",
    FRIENDLY_NAME,
    "must be 1 to 32 characters without < > & or quotes"
  );
  check(
    "urlSuffix",
    URL_SUFFIX,
    "must be an API name of at most 32 characters (letters, digits, single underscores)"
  );
  return errors;
}

export function loadConfig(file: string): SetupConfig {
  if (!fs.existsSync(file)) {
    throw new UsageError(
      `no setup config at ${file}. Copy config/onekosmos.example.json to config/onekosmos.local.json ` +
        "(gitignored) and fill it in."
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(
      `${file} is not valid JSON: ${(error as Error).message}`
    );
  }
  return validateConfig(raw);
}

function escapeXml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Replaces the placeholder URL in a committed credential file; refuses when the placeholder is gone. */
export function withTenantUrl(
  xml: string,
  tenantHost: string,
  file: string
): string {
  if (!xml.includes(PLACEHOLDER_URL)) {
    throw new Error(
      `${file} no longer holds the placeholder ${PLACEHOLDER_URL}; setup cannot set the tenant there`
    );
  }
  return xml.split(PLACEHOLDER_URL).join(`https://${tenantHost}`);
}

/** Sets one field of a custom metadata record (source format) to a string, a number or a boolean. */
export function setCustomMetadataValue(
  xml: string,
  field: string,
  value: string | number | boolean
): string {
  const block = new RegExp(
    `(<values>\\s*<field>${field}</field>\\s*)(<value[^>]*/>|<value[^>]*>[\\s\\S]*?</value>)`
  );
  if (!block.test(xml))
    throw new Error(`the settings record has no field ${field}`);
  const type =
    typeof value === "boolean"
      ? "xsd:boolean"
      : typeof value === "number"
        ? "xsd:double"
        : "xsd:string";
  return xml.replace(
    block,
    (_m, head: string) =>
      `${head}<value xsi:type="${type}">${escapeXml(String(value))}</value>`
  );
}

export function renderSettingsRecord(xml: string, config: SetupConfig): string {
  const values: [string, string | undefined][] = [
    ["Tenant_Host__c", config.tenantHost],
    ["Community__c", config.community],
    ["Client_Id__c", config.clientId],
    ["Expected_Issuer__c", config.expectedIssuer],
    ["Discovery_URL__c", config.discoveryUrl],
    ["JWKS_Path__c", config.jwksPath],
    ["Userinfo_Path__c", config.userinfoPath],
    ["Username_Field__c", config.usernameField],
    ["Accepted_Acr_Values__c", config.acceptedAcrValues?.join("\n")],
    ["Accepted_Amr_Values__c", config.acceptedAmrValues?.join("\n")]
  ];
  let out = xml;
  for (const [field, value] of values)
    if (value !== undefined) out = setCustomMetadataValue(out, field, value);
  return out;
}

export function renderPlatformCachePartition(
  cache: NonNullable<SetupConfig["platformCache"]>
): string {
  const type = (cacheType: string, mb: number): string =>
    `    <platformCachePartitionTypes>\n        <allocatedCapacity>${mb}</allocatedCapacity>\n` +
    "        <allocatedPartnerCapacity>0</allocatedPartnerCapacity>\n" +
    "        <allocatedPurchasedCapacity>0</allocatedPurchasedCapacity>\n" +
    "        <allocatedTrialCapacity>0</allocatedTrialCapacity>\n" +
    `        <cacheType>${cacheType}</cacheType>\n    </platformCachePartitionTypes>\n`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<PlatformCachePartition xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
    "    <description>1Kosmos: service discovery, JWKS and key caches (set by npm run setup)</description>\n" +
    "    <isDefaultPartition>false</isDefaultPartition>\n" +
    `    <masterLabel>${escapeXml(cache.partition)}</masterLabel>\n` +
    type("Session", cache.sessionMb) +
    type("Organization", cache.organizationMb) +
    "</PlatformCachePartition>\n"
  );
}

export const AUTH_PROVIDER_PLUGIN = "OneKosmosAuthProvider";
export const REGISTRATION_HANDLER = "OneKosmosRegistrationHandler";
export const AUTH_PROVIDER_DEFAULT_SUFFIX = "OneKosmos";
export const AUTH_PROVIDER_DEFAULT_NAME = "1Kosmos";
/** The AuthProvider's customMetadataTypeRecord: the record's Metadata API full name (type without __mdt, record). */
export const AUTH_PROVIDER_RECORD = "OneKosmos_Auth_Provider.OneKosmos";

/**
 * The 1Kosmos AuthProvider (providerType Custom) with the plugin, its configuration record, the execution user and,
 * when the project has it, the registration handler. Elements in the Metadata API's sequence order.
 */
export function renderAuthProvider(
  executionUser: string,
  options: {
    friendlyName?: string;
    withRegistrationHandler: boolean;
  }
): string {
  const element = (name: string, value: string): string =>
    `    <${name}>${escapeXml(value)}</${name}>\n`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<AuthProvider xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
    element("customMetadataTypeRecord", AUTH_PROVIDER_RECORD) +
    element("executionUser", executionUser) +
    element(
      "friendlyName",
      options.friendlyName ?? AUTH_PROVIDER_DEFAULT_NAME
    ) +
    element("includeOrgIdInIdentifier", "false") +
    element("isPkceEnabled", "false") +
    element("plugin", AUTH_PROVIDER_PLUGIN) +
    element("providerType", "Custom") +
    (options.withRegistrationHandler
      ? element("registrationHandler", REGISTRATION_HANDLER)
      : "") +
    element("requireMfa", "false") +
    element("sendAccessTokenInHeader", "false") +
    element("sendClientCredentialsInHeader", "false") +
    element("sendSecretInApis", "false") +
    "</AuthProvider>\n"
  );
}

/** Plans the AuthProvider (or the manual step that replaces it) and the hand-work around it. */
function planAuthProvider(
  classes: ReadonlySet<string>,
  config: SetupConfig,
  files: Map<string, string>,
  manual: string[]
): void {
  if (!classes.has(AUTH_PROVIDER_PLUGIN)) return;
  const suffix = config.authProvider?.urlSuffix ?? AUTH_PROVIDER_DEFAULT_SUFFIX;
  const executionUser = config.authProvider?.executionUser;
  const withRegistrationHandler = classes.has(REGISTRATION_HANDLER);
  if (executionUser) {
    files.set(
      `authproviders/${suffix}.authprovider-meta.xml`,
      renderAuthProvider(executionUser, {
        friendlyName: config.authProvider?.friendlyName,
        withRegistrationHandler
      })
    );
    manual.push(
      `Give the Auth Provider's execution user ${executionUser} the OneKosmos_User permission set (External ` +
        "Credential principal access for OneKosmos_OIDC and OneKosmos_Public: the plugin exchanges the code and " +
        'fetches the keys as that user) and the "Customize Application" and "Manage Auth. Providers" permissions.'
    );
  } else {
    manual.push(
      "Set authProvider.executionUser in the config (an active administrator) and run setup again, or create the " +
        `Auth Provider by hand: Setup → Auth. Providers → New → ${AUTH_PROVIDER_PLUGIN}, URL suffix ${suffix}, ` +
        `execution user, registration handler ${REGISTRATION_HANDLER} (see docs/login/auth-provider.md).`
    );
  }
  if (!config.platformCache || config.platformCache.organizationMb < 1) {
    manual.push(
      "Set platformCache with organizationMb of at least 1: the 1Kosmos Auth Provider keeps each sign-in's nonce in " +
        "the org cache partition OneKosmos, and refuses every sign-in without it."
    );
  }
  manual.push(
    `In the 1Kosmos admin console, add the redirect URI https://<your My Domain>/services/authcallback/${suffix} ` +
      `(and https://<site>/<prefix>/services/authcallback/${suffix} for each Experience Cloud site) to the OIDC client.`,
    "Show the 1Kosmos button: Setup → My Domain → Authentication Configuration, and each Experience Cloud site's " +
      "Login & Registration page (docs/login/auth-provider.md)."
  );
}

/** Triggers on platform events (`trigger X on Y__e`) need a subscriber user that setup configures. */
export function findPlatformEventTriggers(root: string): string[] {
  const triggers: string[] = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".trigger")) {
        const source = fs.readFileSync(full, "utf8");
        if (/\btrigger\s+\w+\s+on\s+\w+__e\b/i.test(source))
          triggers.push(path.basename(entry.name, ".trigger"));
      }
    }
  };
  walk(path.join(root, "force-app"));
  return triggers.sort();
}

/** Developer names of PlatformEventSubscriberConfig records are at most 40 characters. */
const SUBSCRIBER_CONFIG_NAME_MAX = 40;

/** The subscriber config's developer name for a trigger: `<trigger>Config`, shortened to fit 40 characters. */
export function subscriberConfigName(trigger: string): string {
  const suffix = "Config";
  return trigger.length + suffix.length <= SUBSCRIBER_CONFIG_NAME_MAX
    ? `${trigger}${suffix}`
    : `${trigger.slice(0, SUBSCRIBER_CONFIG_NAME_MAX - suffix.length)}${suffix}`;
}

export function renderSubscriberConfig(
  trigger: string,
  username: string
): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<PlatformEventSubscriberConfig xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
    "    <batchSize>200</batchSize>\n" +
    `    <masterLabel>${trigger} subscriber</masterLabel>\n` +
    `    <platformEventConsumer>${trigger}</platformEventConsumer>\n` +
    `    <user>${escapeXml(username)}</user>\n` +
    "</PlatformEventSubscriberConfig>\n"
  );
}

/** The Schedulable that expires overdue Pending verifications, and the prefix of its job names (see its Apex). */
export const EXPIRY_SCHEDULABLE = "OneKosmosExpirySchedulable";
export const EXPIRY_JOB_PREFIX = "OneKosmos Expiry";

/**
 * Anonymous Apex that replaces the expiry clean-up jobs: OneKosmosExpirySchedulable.scheduleAll() aborts every job
 * named "OneKosmos Expiry …" and schedules one at :00, :15, :30 and :45 (a cron job runs at most hourly). The logic
 * lives in the class, where Apex tests cover it; the script only calls it and fails loudly on a surprise.
 */
export function renderExpiryScheduleApex(): string {
  return renderScheduleApex(EXPIRY_SCHEDULABLE, EXPIRY_JOB_PREFIX, "expiry");
}

/**
 * Anonymous Apex that calls a Schedulable's scheduleAll() (which aborts the jobs named with its prefix and schedules
 * its four) and fails loudly when it did not schedule exactly four jobs.
 */
function renderScheduleApex(
  schedulable: string,
  jobPrefix: string,
  what: string
): string {
  return [
    `// npm run setup: replace the "${jobPrefix} …" jobs (idempotent: earlier ones are aborted first).`,
    `List<Id> jobIds = ${schedulable}.scheduleAll();`,
    "if (jobIds.size() != 4) {",
    `  throw new IllegalArgumentException('expected 4 ${what} jobs, scheduled ' + jobIds.size());`,
    "}",
    `System.debug(LoggingLevel.INFO, '${jobPrefix} jobs scheduled: ' + jobIds);`,
    ""
  ].join("\n");
}

/**
 * Anonymous Apex that fails setup with every problem a class reports (an admin-readable list) and where to fix them.
 * @param title the first line's comment
 * @param collect statements that fill `List<String> problems`
 * @param fixWhere where in Setup the records are fixed
 * @param valid the debug line when there is nothing to fix
 */
function renderProblemsCheckApex(
  title: string,
  collect: string[],
  fixWhere: string,
  valid: string
): string {
  return [
    `// npm run setup: ${title}`,
    ...collect,
    "if (!problems.isEmpty()) {",
    "  throw new IllegalArgumentException(",
    `    'Fix ${fixWhere}: ' +`,
    "    String.join(problems, ' | ')",
    "  );",
    "}",
    `System.debug(LoggingLevel.INFO, '${valid}');`,
    ""
  ].join("\n");
}

/** The Apex class whose validateAll() checks every step-up policy record. */
export const POLICY_SERVICE = "OneKosmosPolicyService";

/**
 * Anonymous Apex that checks every step-up policy record, active or not (OneKosmosPolicyService.validateAll(), covered
 * by Apex tests), and fails setup with each policy's problems, so an unknown object or field is a clear message now
 * rather than a save refused later (invalid active policies are enforced closed).
 */
export function renderPolicyCheckApex(): string {
  return renderProblemsCheckApex(
    "every step-up policy record must be valid, active or not.",
    [
      "List<String> problems = new List<String>();",
      `for (${POLICY_SERVICE}.ValidationError error : ${POLICY_SERVICE}.validateAll()) {`,
      "  problems.add(error.policyName + ': ' + error.message);",
      "}"
    ],
    "these step-up policies (Setup > Custom Metadata Types > 1Kosmos Step-Up Policy > Manage Records)",
    "Every step-up policy is valid"
  );
}

/** The Apex class whose allProblems() checks every session access rule (OneKosmos_Session_Access__mdt). */
export const SESSION_ACCESS_RULES = "OneKosmosSessionAccessRules";

/**
 * Anonymous Apex that checks every session access rule, active or not (OneKosmosSessionAccessRules.allProblems(),
 * covered by Apex tests; each problem names its rule), and fails setup with them: an invalid rule grants nothing.
 */
export function renderSessionAccessCheckApex(): string {
  return renderProblemsCheckApex(
    "every session access rule must be valid, active or not.",
    [`List<String> problems = ${SESSION_ACCESS_RULES}.allProblems();`],
    "these session access rules (Setup > Custom Metadata Types > 1Kosmos Session Access > Manage Records)",
    "Every session access rule is valid"
  );
}

/** The Schedulable that starts the identity proofing poller, and the prefix of its job names (see its Apex). */
export const PROOFING_POLL_SCHEDULABLE = "OneKosmosProofingPollSchedulable";
export const PROOFING_POLL_JOB_PREFIX = "OneKosmos Proofing Poll";

/**
 * Anonymous Apex that replaces the proofing poller jobs: OneKosmosProofingPollSchedulable.scheduleAll() aborts every
 * job named "OneKosmos Proofing Poll …" and schedules one at :05, :20, :35 and :50; each enqueues the poller when a
 * Pending proofing session is due. The jobs run as the user who runs setup.
 */
export function renderProofingPollScheduleApex(): string {
  return renderScheduleApex(
    PROOFING_POLL_SCHEDULABLE,
    PROOFING_POLL_JOB_PREFIX,
    "proofing poll"
  );
}

/** The proofing configuration reader and the optional field updates; each has a problems() check. */
export const PROOFING_CONFIG = "OneKosmosProofingConfig";
export const PROOFING_FIELD_UPDATES = "OneKosmosProofingFieldUpdates";

/**
 * Anonymous Apex that checks the proofing configuration (OneKosmos_Proofing_Config__mdt, record Default) and its
 * optional field updates (OneKosmosProofingConfig.problems() and OneKosmosProofingFieldUpdates.problems(), covered by
 * Apex tests) and fails setup with every problem: a value that is not allowed, a channel without its settings, a
 * field update naming a field Contact lacks or a field of the wrong type.
 */
export function renderProofingConfigCheckApex(): string {
  return renderProblemsCheckApex(
    "the identity proofing configuration and its field updates must be valid.",
    [
      `List<String> problems = ${PROOFING_CONFIG}.problems();`,
      `problems.addAll(${PROOFING_FIELD_UPDATES}.problems());`
    ],
    "the proofing configuration (Setup > Custom Metadata Types > 1Kosmos Proofing Configuration > Manage Records)",
    "The proofing configuration is valid"
  );
}

/** The parts of `sf apex run --json` output that say whether the script compiled and ran. */
interface ApexRunResult {
  compiled?: boolean;
  success?: boolean;
  compileProblem?: string;
  exceptionMessage?: string;
  line?: number;
}

/**
 * Reads `sf apex run --json` output; throws with the compile problem or exception when the script did not succeed.
 * @param title what the script was for, for the error message
 */
export function checkApexRun(title: string, stdout: string): void {
  let parsed: { status?: number; result?: ApexRunResult; message?: string };
  try {
    parsed = JSON.parse(stdout) as typeof parsed;
  } catch {
    throw new Error(`${title}: sf apex run printed no JSON:\n${stdout}`);
  }
  const result = parsed.result;
  if (!result) {
    throw new Error(
      `${title}: sf apex run failed: ${parsed.message ?? "no result"}`
    );
  }
  if (result.compiled === false) {
    throw new Error(
      `${title}: the Apex did not compile (line ${result.line ?? "?"}): ${result.compileProblem ?? "unknown problem"}. ` +
        "Deploy the project first: npm run deploy -- -o <alias>"
    );
  }
  if (result.success !== true) {
    throw new Error(
      `${title}: the Apex failed: ${result.exceptionMessage ?? "unknown error"}`
    );
  }
}

export interface AnonymousApex {
  /** File name (without .apex) in a dry-run payload. */
  name: string;
  title: string;
  code: string;
}

export interface SetupPlan {
  /** Files to deploy, relative to the payload's force-app/main/default. */
  files: Map<string, string>;
  /** Anonymous Apex to run after the deploy, in order. */
  apex: AnonymousApex[];
  /** What an admin still has to do by hand. */
  manual: string[];
}

/** The names of the Apex classes under force-app (setup asks which of its classes the project holds). */
function apexClassNames(root: string): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
      else if (entry.name.endsWith(".cls"))
        names.add(path.basename(entry.name, ".cls"));
    }
  };
  walk(path.join(root, "force-app"));
  return names;
}

/** Everything setup would deploy, from the committed metadata and the local config. Pure: no org, no writes. */
export function planSetup(root: string, config: SetupConfig): SetupPlan {
  const files = new Map<string, string>();
  const read = (rel: string): string =>
    fs.readFileSync(path.join(root, CORE, rel), "utf8");
  for (const name of NAMED_CREDENTIALS) {
    const rel = `namedCredentials/${name}.namedCredential-meta.xml`;
    files.set(rel, withTenantUrl(read(rel), config.tenantHost, rel));
  }
  const remoteSite = "remoteSiteSettings/OneKosmos_Tenant.remoteSite-meta.xml";
  files.set(
    remoteSite,
    withTenantUrl(read(remoteSite), config.tenantHost, remoteSite)
  );
  const settings = "customMetadata/OneKosmos_Settings.Default.md-meta.xml";
  files.set(settings, renderSettingsRecord(read(settings), config));
  if (config.platformCache) {
    files.set(
      `cachePartitions/${config.platformCache.partition}.cachePartition-meta.xml`,
      renderPlatformCachePartition(config.platformCache)
    );
  }
  const manual = [
    "Setup → Named Credentials → External Credentials → OneKosmos_OIDC → principal OneKosmos_OIDC_Client: enter the " +
      "1Kosmos client id and client secret (the secret never leaves the org).",
    "Assign the OneKosmos_User permission set to everyone who must pass step-up, OneKosmos_Admin to administrators.",
    "In the 1Kosmos admin console, register the redirect URIs shown in docs/admin-guide.md for this org."
  ];
  if (!config.expectedIssuer)
    manual.push(
      "Set expectedIssuer in the config: tokens are refused until it is set."
    );
  if (!config.platformCache) {
    manual.push(
      "No platformCache in the config: caches fall back to per-transaction memory (slower, still correct)."
    );
  }
  const classes = apexClassNames(root);
  planAuthProvider(classes, config, files, manual);
  for (const trigger of findPlatformEventTriggers(root)) {
    if (config.platformEventSubscriberUser) {
      files.set(
        `PlatformEventSubscriberConfigs/${subscriberConfigName(trigger)}.platformEventSubscriberConfig-meta.xml`,
        renderSubscriberConfig(trigger, config.platformEventSubscriberUser)
      );
    } else {
      manual.push(
        `Set platformEventSubscriberUser in the config (an active user, e.g. an integration user) and run setup ` +
          `again: the trigger ${trigger} needs a subscriber user; until then it runs as the Automated Process user.`
      );
    }
  }
  const apex: AnonymousApex[] = [];
  if (classes.has(EXPIRY_SCHEDULABLE)) {
    apex.push({
      name: "scheduleExpiry",
      title: `Schedule the expiry clean-up (${EXPIRY_JOB_PREFIX} :00, :15, :30, :45)`,
      code: renderExpiryScheduleApex()
    });
  }
  if (classes.has(PROOFING_POLL_SCHEDULABLE)) {
    apex.push({
      name: "scheduleProofingPoll",
      title: `Schedule the proofing poller (${PROOFING_POLL_JOB_PREFIX} :05, :20, :35, :50)`,
      code: renderProofingPollScheduleApex()
    });
    manual.push(
      `The proofing poller jobs (${PROOFING_POLL_JOB_PREFIX} …) run as the user who ran setup: keep that user ` +
        "active and give them the OneKosmos_Proofing_Agent permission set (External Credential principal access " +
        "for OneKosmos_BlockID: the poller calls 1Kosmos as that user) and edit access to any field the proofing " +
        "configuration's field updates name (docs/proofing/polling.md)."
    );
  }
  if (classes.has(POLICY_SERVICE)) {
    apex.push({
      name: "checkPolicies",
      title:
        "Check every step-up policy record (unknown objects, fields, operators …)",
      code: renderPolicyCheckApex()
    });
  }
  if (classes.has(SESSION_ACCESS_RULES)) {
    apex.push({
      name: "checkSessionAccessRules",
      title:
        "Check every session access rule (objects, permission sets, actions …)",
      code: renderSessionAccessCheckApex()
    });
  }
  if (classes.has(PROOFING_CONFIG) && classes.has(PROOFING_FIELD_UPDATES)) {
    apex.push({
      name: "checkProofingConfig",
      title:
        "Check the identity proofing configuration (values, channels, field updates)",
      code: renderProofingConfigCheckApex()
    });
  }
  return { files, apex, manual };
}

export function writePayload(plan: SetupPlan, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const sourceApiVersion = (
    JSON.parse(
      fs.readFileSync(path.join(PROJECT_ROOT, "sfdx-project.json"), "utf8")
    ) as { sourceApiVersion: string }
  ).sourceApiVersion;
  fs.writeFileSync(
    path.join(dir, "sfdx-project.json"),
    JSON.stringify(
      {
        packageDirectories: [{ path: "force-app", default: true }],
        sourceApiVersion
      },
      null,
      2
    )
  );
  for (const [rel, content] of plan.files) {
    const target = path.join(dir, "force-app", "main", "default", rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  // Outside force-app: anonymous Apex is run, not deployed.
  for (const script of plan.apex) {
    const target = path.join(dir, "apex", `${script.name}.apex`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, script.code);
  }
}

/** Runs one anonymous Apex script in the org (`sf apex run --file`), failing with the compile problem or exception. */
export function runAnonymousApex(
  script: AnonymousApex,
  targetOrg: string,
  dir: string
): void {
  step(script.title);
  const file = path.join(dir, `${script.name}.apex`);
  fs.writeFileSync(file, script.code);
  const result = sf([
    "apex",
    "run",
    "--file",
    file,
    "--target-org",
    targetOrg,
    "--json"
  ]);
  checkApexRun(script.title, result.stdout);
}

if (require.main === module) {
  main("setup", (argv) => {
    const args = parseOrgArgs(argv);
    let configFile = path.join(PROJECT_ROOT, "config", "onekosmos.local.json");
    let dryRun: string | undefined;
    for (let i = 0; i < args.rest.length; i++) {
      const arg = args.rest[i];
      if (arg === "--config") configFile = path.resolve(args.rest[++i] ?? "");
      else if (arg === "--dry-run") dryRun = path.resolve(args.rest[++i] ?? "");
      else throw new UsageError(`unknown option ${arg}`);
    }
    const config = loadConfig(configFile);
    const plan = planSetup(PROJECT_ROOT, config);
    if (dryRun) {
      writePayload(plan, dryRun);
      console.log(
        `Dry run: the setup payload is in ${dryRun} (anonymous Apex it would run: ${dryRun}/apex)`
      );
    } else {
      const org = requireOrg(args.targetOrg, "setup");
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "onekosmos-setup-"));
      writePayload(plan, dir);
      step(
        `Org-specific configuration for ${org.username}: ${[...plan.files.keys()].join(", ")}`
      );
      deploySource(
        "Deploy org-specific configuration",
        org.username,
        "force-app",
        dir
      );
      for (const script of plan.apex)
        runAnonymousApex(script, org.username, dir);
    }
    console.log("\nStill to do by hand:");
    plan.manual.forEach((line, i) => console.log(`  ${i + 1}. ${line}`));
  });
}
