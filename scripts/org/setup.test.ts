import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { UsageError } from "./common";
import {
  AUTH_PROVIDER_RECORD,
  checkApexRun,
  EXPIRY_JOB_PREFIX,
  EXPIRY_SCHEDULABLE,
  findPlatformEventTriggers,
  loadConfig,
  PLACEHOLDER_URL,
  planSetup,
  renderExpiryScheduleApex,
  renderPolicyCheckApex,
  renderSessionAccessCheckApex,
  POLICY_SERVICE,
  PROOFING_CONFIG,
  PROOFING_FIELD_UPDATES,
  PROOFING_POLL_JOB_PREFIX,
  PROOFING_POLL_SCHEDULABLE,
  renderProofingConfigCheckApex,
  renderProofingPollScheduleApex,
  SESSION_ACCESS_RULES,
  renderAuthProvider,
  renderPlatformCachePartition,
  renderSettingsRecord,
  setCustomMetadataValue,
  subscriberConfigName,
  validateConfig,
  withTenantUrl,
  writePayload
} from "./setup";
import { TOOL_ROOT } from "../gate/run";
import { metadataSchemaCheck } from "../gate/checks/metadataSchema";
import { metadataTextValuesCheck } from "../gate/checks/metadataTextValues";
import { metadataWellFormedCheck } from "../gate/checks/metadataWellFormed";

const valid = { tenantHost: "acme.1kosmos.net", community: "default" };
const CORE_DIR = "force-app/main/core";
const PROOFING_DIR = "force-app/main/proofing/classes";
const AUDIT_TRIGGER = "OneKosmosVerificationResultTrigger";
const AUDIT_SUBSCRIBER_FILE = `PlatformEventSubscriberConfigs/${AUDIT_TRIGGER}Config.platformEventSubscriberConfig-meta.xml`;

const settingsXml = `<?xml version="1.0" encoding="UTF-8"?>
<CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
    <label>Default</label>
    <protected>false</protected>
    <values>
        <field>Tenant_Host__c</field>
        <value xsi:nil="true" />
    </values>
    <values>
        <field>Community__c</field>
        <value xsi:type="xsd:string">default</value>
    </values>
</CustomMetadata>
`;

function rejects(config: unknown, pattern: RegExp): void {
  assert.throws(
    () => validateConfig(config),
    (error: unknown) =>
      error instanceof UsageError && pattern.test(error.message),
    `expected a UsageError matching ${pattern}`
  );
}

describe("setup config validation", () => {
  it("accepts the committed example", () => {
    const config = loadConfig(
      path.join(TOOL_ROOT, "config", "onekosmos.example.json")
    );
    assert.equal(config.tenantHost, "acme.1kosmos.net");
  });
  it("accepts a minimal config", () => {
    assert.deepEqual(validateConfig(valid), valid);
  });
  it("refuses a host with a scheme, a path or a port", () => {
    rejects(
      { ...valid, tenantHost: "https://acme.1kosmos.net" },
      /tenantHost.*bare host name/
    );
    rejects({ ...valid, tenantHost: "acme.1kosmos.net/x" }, /tenantHost/);
    rejects({ ...valid, tenantHost: "acme.1kosmos.net:443" }, /tenantHost/);
  });
  it("refuses anything that looks like a secret", () => {
    rejects({ ...valid, clientSecret: "x" }, /secrets do not belong/);
  });
  it("names every problem at once, including unknown keys", () => {
    assert.throws(
      () =>
        validateConfig({
          community: "default",
          tennantHost: "x",
          acceptedAcrValues: "liveID push"
        }),
      (error: Error) =>
        /"tenantHost" is required/.test(error.message) &&
        /unknown key "tennantHost"/.test(error.message) &&
        /acceptedAcrValues/.test(error.message)
    );
  });
  it("refuses an issuer or discovery URL that is not on the tenant host", () => {
    rejects(
      { ...valid, expectedIssuer: "https://evil.example/oauth2" },
      /expectedIssuer.*tenant host/
    );
    rejects(
      { ...valid, discoveryUrl: "http://acme.1kosmos.net/x" },
      /discoveryUrl.*https/
    );
  });
  it("checks the Platform Cache sizes", () => {
    rejects(
      {
        ...valid,
        platformCache: {
          partition: "OneKosmos",
          organizationMb: -1,
          sessionMb: 0
        }
      },
      /organizationMb/
    );
    rejects(
      {
        ...valid,
        platformCache: {
          partition: "bad name",
          organizationMb: 1,
          sessionMb: 0
        }
      },
      /partition/
    );
  });
  it("accepts an Auth Provider section and refuses bad values in it", () => {
    const authProvider = {
      executionUser: "admin@acme.example",
      friendlyName: "1Kosmos",
      urlSuffix: "OneKosmos"
    };
    assert.deepEqual(validateConfig({ ...valid, authProvider }).authProvider, {
      ...authProvider
    });
    rejects(
      { ...valid, authProvider: { executionUser: "admin" } },
      /"authProvider\.executionUser" must be a Salesforce username/
    );
    rejects(
      { ...valid, authProvider: { urlSuffix: "One__Kosmos" } },
      /"authProvider\.urlSuffix" must be an API name/
    );
    rejects(
      { ...valid, authProvider: { urlSuffix: "OneKosmos_" } },
      /"authProvider\.urlSuffix"/
    );
    rejects(
      { ...valid, authProvider: { friendlyName: "x".repeat(33) } },
      /"authProvider\.friendlyName" must be 1 to 32 characters/
    );
    rejects(
      { ...valid, authProvider: { friendlyName: "<b>1Kosmos</b>" } },
      /"authProvider\.friendlyName"/
    );
    rejects(
      { ...valid, authProvider: { plugin: "Other" } },
      /unknown key "authProvider\.plugin"/
    );
    rejects(
      { ...valid, authProvider: "admin@acme.example" },
      /"authProvider" must be an object/
    );
  });

  it("explains a missing or broken config file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "setup-config-"));
    assert.throws(
      () => loadConfig(path.join(dir, "none.json")),
      /Copy config\/onekosmos.example.json/
    );
    fs.writeFileSync(path.join(dir, "bad.json"), "{ nope");
    assert.throws(
      () => loadConfig(path.join(dir, "bad.json")),
      /not valid JSON/
    );
  });
});

describe("rendering org-specific metadata", () => {
  it("puts the tenant host where the placeholder was, everywhere", () => {
    const xml = `<url>${PLACEHOLDER_URL}</url><x>${PLACEHOLDER_URL}</x>`;
    assert.equal(
      withTenantUrl(xml, "acme.1kosmos.net", "f"),
      "<url>https://acme.1kosmos.net</url><x>https://acme.1kosmos.net</x>"
    );
  });
  it("refuses a credential file whose placeholder is gone", () => {
    assert.throws(
      () =>
        withTenantUrl("<url>https://other</url>", "acme.1kosmos.net", "nc.xml"),
      /nc.xml no longer holds/
    );
  });
  it("sets nil and string values of the settings record and escapes XML", () => {
    const out = setCustomMetadataValue(settingsXml, "Tenant_Host__c", "a<b&c");
    assert.match(
      out,
      /<field>Tenant_Host__c<\/field>\s*<value xsi:type="xsd:string">a&lt;b&amp;c<\/value>/
    );
    assert.doesNotMatch(out, /xsi:nil/);
    const community = setCustomMetadataValue(out, "Community__c", "retail");
    assert.match(
      community,
      /<field>Community__c<\/field>\s*<value xsi:type="xsd:string">retail<\/value>/
    );
  });
  it("types numbers and booleans", () => {
    assert.match(
      setCustomMetadataValue(settingsXml, "Community__c", 5),
      /xsi:type="xsd:double">5</
    );
    assert.match(
      setCustomMetadataValue(settingsXml, "Community__c", true),
      /xsi:type="xsd:boolean">true</
    );
  });
  it("refuses a field the record does not have", () => {
    assert.throws(
      () => setCustomMetadataValue(settingsXml, "Nope__c", "x"),
      /no field Nope__c/
    );
  });
  it("joins acr values one per line and leaves unset fields alone", () => {
    const xml = settingsXml.replace(
      "</CustomMetadata>",
      '<values>\n<field>Accepted_Acr_Values__c</field>\n<value xsi:nil="true"/>\n</values>\n</CustomMetadata>'
    );
    const out = renderSettingsRecord(xml, {
      ...valid,
      acceptedAcrValues: ["liveID push", "otp"]
    });
    assert.match(out, /<value xsi:type="xsd:string">liveID push\notp<\/value>/);
    assert.match(out, /<value xsi:type="xsd:string">acme.1kosmos.net<\/value>/);
  });
  it("renders a cache partition with the sizes asked for", () => {
    const xml = renderPlatformCachePartition({
      partition: "OneKosmos",
      organizationMb: 2,
      sessionMb: 1
    });
    assert.match(
      xml,
      /<allocatedCapacity>2<\/allocatedCapacity>[\s\S]*<cacheType>Organization<\/cacheType>/
    );
    assert.match(
      xml,
      /<allocatedCapacity>1<\/allocatedCapacity>[\s\S]*<cacheType>Session<\/cacheType>/
    );
  });
  it("renders the Auth Provider: Custom type, plugin, configuration record, execution user", () => {
    const xml = renderAuthProvider("admin@acme.example", {
      friendlyName: "Sign in with 1Kosmos",
      withRegistrationHandler: true
    });
    assert.match(xml, /<providerType>Custom<\/providerType>/);
    assert.match(xml, /<plugin>OneKosmosAuthProvider<\/plugin>/);
    assert.match(
      xml,
      /<customMetadataTypeRecord>OneKosmos_Auth_Provider\.OneKosmos<\/customMetadataTypeRecord>/
    );
    assert.equal(AUTH_PROVIDER_RECORD, "OneKosmos_Auth_Provider.OneKosmos");
    assert.match(xml, /<executionUser>admin@acme\.example<\/executionUser>/);
    assert.match(xml, /<friendlyName>Sign in with 1Kosmos<\/friendlyName>/);
    assert.match(
      xml,
      /<registrationHandler>OneKosmosRegistrationHandler<\/registrationHandler>/
    );
    assert.match(xml, /<sendSecretInApis>false<\/sendSecretInApis>/);
    assert.doesNotMatch(xml, /consumerSecret|consumerKey/);
    const withoutHandler = renderAuthProvider("admin@acme.example", {
      withRegistrationHandler: false
    });
    assert.doesNotMatch(withoutHandler, /registrationHandler/);
    assert.match(withoutHandler, /<friendlyName>1Kosmos<\/friendlyName>/);
  });

  it("finds triggers on platform events only", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "setup-triggers-"));
    const dir = path.join(root, "force-app", "main", "x", "triggers");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, "OnEvent.trigger"),
      "trigger OnEvent on OneKosmos_Verification_Result__e (after insert) {}"
    );
    fs.writeFileSync(
      path.join(dir, "OnObject.trigger"),
      "trigger OnObject on Account (before insert) {}"
    );
    assert.deepEqual(findPlatformEventTriggers(root), ["OnEvent"]);
  });
  it("names subscriber configs within 40 characters", () => {
    assert.equal(
      subscriberConfigName(AUDIT_TRIGGER),
      `${AUDIT_TRIGGER}Config`,
      "the audit trigger's name fits as it is"
    );
    const long = subscriberConfigName("A".repeat(45));
    assert.equal(long.length, 40);
    assert.ok(long.endsWith("Config"));
    assert.equal(subscriberConfigName("Short"), "ShortConfig");
  });
});

describe("the setup plan for the real project", () => {
  const config = validateConfig({
    ...valid,
    clientId: "client-123",
    platformCache: { partition: "OneKosmos", organizationMb: 1, sessionMb: 0 },
    platformEventSubscriberUser: "integration@acme.example"
  });

  it("sets the tenant in every credential and the remote site, and fills the Default settings", () => {
    const plan = planSetup(TOOL_ROOT, config);
    const names = [...plan.files.keys()];
    for (const expected of [
      "namedCredentials/OneKosmos_OIDC.namedCredential-meta.xml",
      "namedCredentials/OneKosmos_Public.namedCredential-meta.xml",
      "namedCredentials/OneKosmos_BlockID.namedCredential-meta.xml",
      "remoteSiteSettings/OneKosmos_Tenant.remoteSite-meta.xml",
      "customMetadata/OneKosmos_Settings.Default.md-meta.xml",
      "cachePartitions/OneKosmos.cachePartition-meta.xml"
    ]) {
      assert.ok(names.includes(expected), `plan lacks ${expected}`);
    }
    for (const [name, content] of plan.files) {
      assert.ok(
        !content.includes(PLACEHOLDER_URL),
        `${name} still holds the placeholder`
      );
    }
    assert.match(
      plan.files.get(
        "namedCredentials/OneKosmos_OIDC.namedCredential-meta.xml"
      ) ?? "",
      /https:\/\/acme\.1kosmos\.net/
    );
    const settings =
      plan.files.get("customMetadata/OneKosmos_Settings.Default.md-meta.xml") ??
      "";
    assert.match(
      settings,
      /<field>Client_Id__c<\/field>\s*<value xsi:type="xsd:string">client-123<\/value>/
    );
    assert.ok(
      plan.manual.some((line) => /client secret/.test(line)),
      "the admin is told to enter the secret"
    );
    assert.ok(
      plan.manual.some((line) => /expectedIssuer/.test(line)),
      "a missing issuer is pointed out"
    );
  });

  it("writes a deployable payload with its own sfdx-project.json", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "setup-payload-"));
    writePayload(planSetup(TOOL_ROOT, config), dir);
    const project = JSON.parse(
      fs.readFileSync(path.join(dir, "sfdx-project.json"), "utf8")
    ) as { sourceApiVersion: string };
    assert.match(project.sourceApiVersion, /^\d+\.0$/);
    assert.ok(
      fs.existsSync(
        path.join(
          dir,
          "force-app/main/default/remoteSiteSettings/OneKosmos_Tenant.remoteSite-meta.xml"
        )
      )
    );
    assert.equal(
      fs.readFileSync(path.join(dir, "apex", "scheduleExpiry.apex"), "utf8"),
      renderExpiryScheduleApex(),
      "the dry run shows the anonymous Apex it would run"
    );
    assert.ok(
      !fs.existsSync(path.join(dir, "force-app", "apex")),
      "anonymous Apex stays out of the deploy payload"
    );
  });

  it("finds the audit trigger and gives it the configured subscriber user", () => {
    assert.ok(
      findPlatformEventTriggers(TOOL_ROOT).includes(AUDIT_TRIGGER),
      "the result-event trigger is found"
    );
    const plan = planSetup(TOOL_ROOT, config);
    const xml = plan.files.get(AUDIT_SUBSCRIBER_FILE);
    assert.ok(xml, `plan lacks ${AUDIT_SUBSCRIBER_FILE}`);
    assert.match(
      xml,
      new RegExp(
        `<platformEventConsumer>${AUDIT_TRIGGER}</platformEventConsumer>`
      )
    );
    assert.match(xml, /<user>integration@acme\.example<\/user>/);
    assert.ok(
      !plan.manual.some((line) => line.includes(AUDIT_TRIGGER)),
      "no manual step when the user is configured"
    );
  });

  it("asks for a subscriber user by hand when none is configured", () => {
    const plan = planSetup(
      TOOL_ROOT,
      validateConfig({ ...valid, clientId: "client-123" })
    );
    assert.ok(
      ![...plan.files.keys()].some((name) =>
        name.startsWith("PlatformEventSubscriberConfigs/")
      ),
      "no subscriber config without a user"
    );
    assert.ok(
      plan.manual.some(
        (line) =>
          line.includes(AUDIT_TRIGGER) &&
          /platformEventSubscriberUser/.test(line)
      ),
      "the admin is told to configure the subscriber user"
    );
  });

  it("deploys the Auth Provider when the config names its execution user", () => {
    const plan = planSetup(
      TOOL_ROOT,
      validateConfig({
        ...valid,
        authProvider: {
          executionUser: "admin@acme.example",
          urlSuffix: "Acme_1Kosmos"
        }
      })
    );
    const xml = plan.files.get(
      "authproviders/Acme_1Kosmos.authprovider-meta.xml"
    );
    assert.ok(xml, "the Auth Provider is planned under its URL suffix");
    const handlerExists = fs.existsSync(
      path.join(
        TOOL_ROOT,
        "force-app/main/login/classes/OneKosmosRegistrationHandler.cls"
      )
    );
    assert.equal(
      /<registrationHandler>/.test(xml),
      handlerExists,
      "the registration handler is named exactly when the project has it"
    );
    assert.ok(
      plan.manual.some(
        (line) =>
          line.includes("admin@acme.example") && /OneKosmos_User/.test(line)
      ),
      "the execution user's principal access is a manual step"
    );
    assert.ok(
      plan.manual.some((line) =>
        line.includes("/services/authcallback/Acme_1Kosmos")
      ),
      "the redirect URI to register at 1Kosmos is named"
    );
  });

  it("asks for the Auth Provider by hand when no execution user is configured", () => {
    const plan = planSetup(TOOL_ROOT, validateConfig(valid));
    assert.ok(
      ![...plan.files.keys()].some((name) => name.startsWith("authproviders/")),
      "no Auth Provider without an execution user"
    );
    assert.ok(
      plan.manual.some(
        (line) =>
          /authProvider\.executionUser/.test(line) &&
          line.includes("OneKosmosAuthProvider")
      ),
      "the admin is told how to get one"
    );
    assert.ok(
      plan.manual.some(
        (line) => /nonce/.test(line) && /organizationMb/.test(line)
      ),
      "without org cache the sign-in cannot work: the admin is told"
    );
  });

  it("schedules the expiry clean-up and the proofing poller, then checks the policies, rules and proofing configuration, after the deploy", () => {
    const plan = planSetup(TOOL_ROOT, config);
    assert.deepEqual(
      plan.apex.map((script) => script.name),
      [
        "scheduleExpiry",
        "scheduleProofingPoll",
        "checkPolicies",
        "checkSessionAccessRules",
        "checkProofingConfig"
      ]
    );
    assert.equal(plan.apex[0].code, renderExpiryScheduleApex());
    assert.equal(plan.apex[1].code, renderProofingPollScheduleApex());
    assert.equal(plan.apex[2].code, renderPolicyCheckApex());
    assert.equal(plan.apex[3].code, renderSessionAccessCheckApex());
    assert.equal(plan.apex[4].code, renderProofingConfigCheckApex());
  });

  it("tells the admin who the proofing poller runs as and what that user needs", () => {
    const plan = planSetup(TOOL_ROOT, config);
    assert.ok(
      plan.manual.some(
        (line) =>
          line.includes(PROOFING_POLL_JOB_PREFIX) &&
          /OneKosmos_Proofing_Agent/.test(line) &&
          /OneKosmos_BlockID/.test(line)
      ),
      "the poller's user needs the BlockID principal"
    );
  });

  it("checks the proofing configuration only where both its classes exist", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "setup-noproofing-"));
    fs.cpSync(path.join(TOOL_ROOT, CORE_DIR), path.join(root, CORE_DIR), {
      recursive: true
    });
    const classes = path.join(root, "force-app/main/proofing/classes");
    fs.mkdirSync(classes, { recursive: true });
    fs.copyFileSync(
      path.join(TOOL_ROOT, PROOFING_DIR, `${PROOFING_CONFIG}.cls`),
      path.join(classes, `${PROOFING_CONFIG}.cls`)
    );
    assert.deepEqual(planSetup(root, config).apex, []);
    fs.copyFileSync(
      path.join(TOOL_ROOT, PROOFING_DIR, `${PROOFING_FIELD_UPDATES}.cls`),
      path.join(classes, `${PROOFING_FIELD_UPDATES}.cls`)
    );
    assert.deepEqual(
      planSetup(root, config).apex.map((script) => script.name),
      ["checkProofingConfig"]
    );
  });

  it("schedules nothing where the project has no expiry class", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "setup-noexpiry-"));
    fs.cpSync(path.join(TOOL_ROOT, CORE_DIR), path.join(root, CORE_DIR), {
      recursive: true
    });
    assert.deepEqual(planSetup(root, config).apex, []);
  });
});

describe("the expiry schedule script", () => {
  const apexSource = fs.readFileSync(
    path.join(
      TOOL_ROOT,
      "force-app/main/step-up/classes",
      `${EXPIRY_SCHEDULABLE}.cls`
    ),
    "utf8"
  );

  it("calls the class's scheduleAll, which exists with that signature", () => {
    const script = renderExpiryScheduleApex();
    assert.match(
      script,
      /List<Id> jobIds = OneKosmosExpirySchedulable\.scheduleAll\(\);/
    );
    assert.match(apexSource, /public static List<Id> scheduleAll\(\)/);
  });

  it("uses the job name prefix and the four quarter-hour jobs the class defines", () => {
    assert.match(
      apexSource,
      new RegExp(`JOB_NAME_PREFIX = '${EXPIRY_JOB_PREFIX}'`),
      "same prefix in TypeScript and Apex"
    );
    const minutes = /MINUTES = new List<Integer>\{([^}]*)\}/.exec(apexSource);
    assert.ok(minutes, "the class lists its minutes");
    assert.deepEqual(
      minutes[1].split(",").map((m) => Number(m.trim())),
      [0, 15, 30, 45]
    );
    assert.match(
      renderExpiryScheduleApex(),
      /if \(jobIds\.size\(\) != 4\)/,
      "the script fails when the class scheduled another number of jobs"
    );
  });

  it("is a script with no secrets and no org-specific values", () => {
    const script = renderExpiryScheduleApex();
    assert.doesNotMatch(script, /@|https?:|secret/i);
    assert.ok(script.endsWith("\n"));
  });
});

describe("the policy check script", () => {
  const apexSource = fs.readFileSync(
    path.join(
      TOOL_ROOT,
      "force-app/main/policies/classes",
      `${POLICY_SERVICE}.cls`
    ),
    "utf8"
  );

  it("calls validateAll, which exists with that signature, and reads the error's fields", () => {
    const script = renderPolicyCheckApex();
    assert.match(script, /OneKosmosPolicyService\.validateAll\(\)/);
    assert.match(
      apexSource,
      /public static List<ValidationError> validateAll\(\)/
    );
    const errorClass = /public class ValidationError \{([^}]*)\}/.exec(
      apexSource
    );
    assert.ok(errorClass, "the service defines ValidationError");
    assert.match(errorClass[1], /public String policyName;/);
    assert.match(errorClass[1], /public String message;/);
  });

  it("fails setup with every problem when a policy is invalid", () => {
    const script = renderPolicyCheckApex();
    assert.match(script, /if \(!problems\.isEmpty\(\)\) \{\n  throw new/);
    assert.match(script, /String\.join\(problems, ' \| '\)/);
    assert.doesNotMatch(script, /@|https?:|secret/i);
  });
});

describe("the session access rule check script", () => {
  it("calls allProblems, which exists with that signature, and fails setup with every problem", () => {
    const apexSource = fs.readFileSync(
      path.join(
        TOOL_ROOT,
        "force-app/main/session-access/classes",
        `${SESSION_ACCESS_RULES}.cls`
      ),
      "utf8"
    );
    const script = renderSessionAccessCheckApex();
    assert.match(
      script,
      /List<String> problems = OneKosmosSessionAccessRules\.allProblems\(\);/
    );
    assert.match(apexSource, /public static List<String> allProblems\(\)/);
    assert.match(script, /if \(!problems\.isEmpty\(\)\) \{\n  throw new/);
    assert.doesNotMatch(script, /@|https?:|secret/i);
  });
});

describe("the proofing poll schedule script", () => {
  const apexSource = fs.readFileSync(
    path.join(TOOL_ROOT, PROOFING_DIR, `${PROOFING_POLL_SCHEDULABLE}.cls`),
    "utf8"
  );

  it("calls the class's scheduleAll, which exists with that signature", () => {
    const script = renderProofingPollScheduleApex();
    assert.match(
      script,
      /List<Id> jobIds = OneKosmosProofingPollSchedulable\.scheduleAll\(\);/
    );
    assert.match(apexSource, /public static List<Id> scheduleAll\(\)/);
  });

  it("uses the job name prefix and the four jobs the class defines, between the expiry jobs", () => {
    assert.match(
      apexSource,
      new RegExp(`JOB_NAME_PREFIX = '${PROOFING_POLL_JOB_PREFIX}'`),
      "same prefix in TypeScript and Apex"
    );
    assert.ok(
      !PROOFING_POLL_JOB_PREFIX.startsWith(EXPIRY_JOB_PREFIX) &&
        !EXPIRY_JOB_PREFIX.startsWith(PROOFING_POLL_JOB_PREFIX),
      "neither scheduleAll aborts the other's jobs"
    );
    const minutes = /MINUTES = new List<Integer>\{([^}]*)\}/.exec(apexSource);
    assert.ok(minutes, "the class lists its minutes");
    assert.deepEqual(
      minutes[1].split(",").map((m) => Number(m.trim())),
      [5, 20, 35, 50]
    );
    assert.match(
      renderProofingPollScheduleApex(),
      /if \(jobIds\.size\(\) != 4\)/,
      "the script fails when the class scheduled another number of jobs"
    );
  });

  it("is a script with no secrets and no org-specific values", () => {
    const script = renderProofingPollScheduleApex();
    assert.doesNotMatch(script, /@|https?:|secret/i);
    assert.ok(script.endsWith("\n"));
  });
});

describe("the proofing configuration check script", () => {
  it("calls both problems() methods, which exist with that signature, and fails setup with every problem", () => {
    for (const className of [PROOFING_CONFIG, PROOFING_FIELD_UPDATES]) {
      const apexSource = fs.readFileSync(
        path.join(TOOL_ROOT, PROOFING_DIR, `${className}.cls`),
        "utf8"
      );
      assert.match(
        apexSource,
        /public static List<String> problems\(\)/,
        `${className}.problems()`
      );
    }
    const script = renderProofingConfigCheckApex();
    assert.match(
      script,
      /List<String> problems = OneKosmosProofingConfig\.problems\(\);\nproblems\.addAll\(OneKosmosProofingFieldUpdates\.problems\(\)\);/
    );
    assert.match(script, /if \(!problems\.isEmpty\(\)\) \{\n  throw new/);
    assert.match(script, /String\.join\(problems, ' \| '\)/);
    assert.doesNotMatch(script, /@|https?:|secret/i);
  });
});

describe("reading sf apex run output", () => {
  const run = (result: unknown, extra: object = {}): string =>
    JSON.stringify({ status: 0, result, ...extra });

  it("accepts a script that compiled and succeeded", () => {
    assert.doesNotThrow(() =>
      checkApexRun("t", run({ compiled: true, success: true }))
    );
  });
  it("names the compile problem and says to deploy first", () => {
    assert.throws(
      () =>
        checkApexRun(
          "Schedule",
          run({
            compiled: false,
            success: false,
            line: 2,
            compileProblem:
              "Variable does not exist: OneKosmosExpirySchedulable"
          })
        ),
      /Schedule: the Apex did not compile \(line 2\): Variable does not exist.*npm run deploy/
    );
  });
  it("names the exception of a script that failed", () => {
    assert.throws(
      () =>
        checkApexRun(
          "Schedule",
          run({
            compiled: true,
            success: false,
            exceptionMessage: "System.AsyncException: too many jobs"
          })
        ),
      /Schedule: the Apex failed: System.AsyncException: too many jobs/
    );
  });
  it("reports output that is not JSON or has no result", () => {
    assert.throws(() => checkApexRun("t", "Error: boom"), /printed no JSON/);
    assert.throws(
      () =>
        checkApexRun(
          "t",
          JSON.stringify({ status: 1, message: "No authorization found" })
        ),
      /sf apex run failed: No authorization found/
    );
  });
});

describe("the setup payload passes the gate's metadata checks", () => {
  it("is valid metadata: credentials, settings record, cache partition, subscriber config and Auth Provider", async () => {
    const config = validateConfig({
      ...valid,
      clientId: "client-123",
      acceptedAcrValues: ["liveID push"],
      authProvider: {
        executionUser: "admin@acme.example",
        friendlyName: "Sign in with 1Kosmos"
      },
      platformCache: {
        partition: "OneKosmos",
        organizationMb: 1,
        sessionMb: 0
      },
      platformEventSubscriberUser: "integration@acme.example"
    });
    const plan = planSetup(TOOL_ROOT, config);
    // The project's own event trigger gets a subscriber config, so its XML is checked too.
    assert.ok(
      plan.files.has(AUDIT_SUBSCRIBER_FILE),
      "subscriber config planned"
    );
    assert.ok(
      plan.files.has("authproviders/OneKosmos.authprovider-meta.xml"),
      "Auth Provider planned"
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "setup-gate-"));
    writePayload(plan, dir);
    // The record is validated against its type's fields: the type is in the org already, so copy it in for the check.
    fs.cpSync(
      path.join(
        TOOL_ROOT,
        "force-app/main/core/objects/OneKosmos_Settings__mdt"
      ),
      path.join(dir, "force-app/main/default/objects/OneKosmos_Settings__mdt"),
      { recursive: true }
    );
    const ctx = { root: dir, log: () => undefined };
    const findings = [
      ...(await metadataWellFormedCheck.run(ctx)),
      ...(await metadataSchemaCheck.run(ctx)),
      ...(await metadataTextValuesCheck.run(ctx))
    ];
    assert.deepEqual(
      findings.map((f) => `[${f.check}] ${f.file ?? "-"}: ${f.message}`),
      []
    );
  });
});

describe("where the check scripts send the admin", () => {
  it("names each custom metadata type by the label Setup shows", () => {
    const cases: [string, string][] = [
      [renderPolicyCheckApex(), "OneKosmos_Step_Up_Policy__mdt"],
      [renderSessionAccessCheckApex(), "OneKosmos_Session_Access__mdt"],
      [renderProofingConfigCheckApex(), "OneKosmos_Proofing_Config__mdt"]
    ];
    for (const [script, type] of cases) {
      const objectFile = path.join(
        TOOL_ROOT,
        "force-app/main/core/objects",
        type,
        `${type}.object-meta.xml`
      );
      const label = /<label>([^<]+)<\/label>/.exec(
        fs.readFileSync(objectFile, "utf8")
      )?.[1];
      assert.ok(label, `${type} has a label`);
      assert.ok(
        script.includes(`Custom Metadata Types > ${label} > Manage Records`),
        `${type}: ${script}`
      );
    }
  });
});
