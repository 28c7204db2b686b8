import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { UsageError } from "./common";
import {
  findPlatformEventTriggers,
  loadConfig,
  PLACEHOLDER_URL,
  planSetup,
  renderPlatformCachePartition,
  renderSettingsRecord,
  renderSubscriberConfig,
  setCustomMetadataValue,
  validateConfig,
  withTenantUrl,
  writePayload
} from "./setup";
import { TOOL_ROOT } from "../gate/run";
import { metadataSchemaCheck } from "../gate/checks/metadataSchema";
import { metadataTextValuesCheck } from "../gate/checks/metadataTextValues";
import { metadataWellFormedCheck } from "../gate/checks/metadataWellFormed";

const valid = { tenantHost: "acme.1kosmos.net", community: "default" };

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
  });
});

describe("the setup payload passes the gate's metadata checks", () => {
  it("is valid metadata: credentials, settings record, cache partition and subscriber config", async () => {
    const config = validateConfig({
      ...valid,
      clientId: "client-123",
      acceptedAcrValues: ["liveID push"],
      platformCache: { partition: "OneKosmos", organizationMb: 1, sessionMb: 0 }
    });
    const plan = planSetup(TOOL_ROOT, config);
    // No event trigger exists yet; render one subscriber config so its XML is checked too.
    plan.files.set(
      "PlatformEventSubscriberConfigs/SampleTriggerConfig.platformEventSubscriberConfig-meta.xml",
      renderSubscriberConfig("SampleTrigger", "integration@acme.example")
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
    ].filter(
      (f) => !/SampleTrigger.*(not found|unknown|missing)/i.test(f.message)
    );
    assert.deepEqual(
      findings.map((f) => `[${f.check}] ${f.file ?? "-"}: ${f.message}`),
      []
    );
  });
});
