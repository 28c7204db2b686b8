import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import { fingerprint, keyPairFromPrivate, sharedKey } from "./envelope";
import { type Deps, LICENSE_ENV, run, UsageError } from "./keys";
import type { SfResult } from "./org";
import { checkServiceUrl, type TenantOptions } from "./tenant";
import { startTestTenant, type TestTenant } from "./testServer";

const LICENSE = "1f2e3d4c-5b6a-4789-8abc-def012345678";
const APP_ID = "com.example.salesforce";
const ORG_ID = "00D000000000001AAA";

interface SfCall {
  args: string[];
  input?: string;
}

/** A fake org behind the sf runner: answers the tool's REST queries and records its writes. */
class FakeOrg {
  calls: SfCall[] = [];
  keys: Record<string, string>[] = [];
  run = (args: string[], input?: string): SfResult => {
    this.calls.push({ args, input });
    const url = args[3];
    const method = args.includes("--method")
      ? args[args.indexOf("--method") + 1]
      : "GET";
    if (method === "GET") return this.query(decodeURIComponent(url));
    const body = JSON.parse(input ?? "{}") as Record<string, string>;
    if (url.endsWith("/sobjects/OneKosmos_BlockID_Key__c") && method === "POST")
      this.keys.push({ Id: `a00${this.keys.length}`, ...body });
    else if (url.includes("/sobjects/OneKosmos_BlockID_Key__c/")) {
      const id = url.split("/").pop();
      Object.assign(this.keys.find((k) => k.Id === id) ?? {}, body);
    }
    return {
      status: 0,
      stdout: method === "PATCH" ? "" : '{"id":"x","success":true}',
      stderr: ""
    };
  };
  private query(url: string): SfResult {
    let records: unknown[] = [];
    if (url.includes("FROM Organization")) records = [{ Id: ORG_ID }];
    else if (url.includes("FROM OneKosmos_BlockID_Key__c"))
      records = this.keys.map((k) => ({
        Id: k.Id,
        Name: k.Name,
        Service_Key_Fingerprint__c: k.Service_Key_Fingerprint__c,
        Service_URL__c: k.Service_URL__c
      }));
    return { status: 0, stdout: JSON.stringify({ records }), stderr: "" };
  }
  writes(): SfCall[] {
    return this.calls.filter((c) => c.args.includes("--method"));
  }
}

describe("npm run keys against a local tenant", () => {
  let tenant: TestTenant;
  let dir: string;
  let keyFile: string;
  let output: string[];
  let org: FakeOrg;
  const repoRoot = path.resolve(__dirname, "..", "..");

  const deps = (overrides: Partial<Deps> = {}): Deps => ({
    sf: org.run,
    fetch,
    out: (line) => output.push(line),
    env: { [LICENSE_ENV]: LICENSE },
    repoRoot,
    allowLocalHttp: true,
    now: () => Date.now(),
    ...overrides
  });
  const baseArgs = (): string[] => [
    "--tenant",
    tenant.host,
    "--private-key",
    keyFile,
    "--app-id",
    APP_ID,
    "--services",
    "docuverify,sessions"
  ];
  const expectedShared = (service: string): string => {
    const own = JSON.parse(fs.readFileSync(keyFile, "utf8")) as {
      privateKey: string;
    };
    const pub = keyPairFromPrivate("secp256k1", own.privateKey).publicKeyBase64;
    return sharedKey("secp256k1", tenant.keys[service].privateKeyBase64, pub);
  };

  before(async () => {
    tenant = await startTestTenant({ licenseKey: LICENSE, appId: APP_ID });
  });
  after(async () => {
    await tenant.close();
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "onekosmos-keys-"));
    keyFile = path.join(dir, "blockid.key");
    output = [];
    org = new FakeOrg();
    for (const k of Object.keys(tenant.discovery)) delete tenant.discovery[k];
  });

  it("--dry-run generates a 0600 key, proves docuverify over the real envelope and prints no secret", async () => {
    const code = await run([...baseArgs(), "--generate", "--dry-run"], deps());
    assert.equal(code, 0, output.join("\n"));
    if (process.platform !== "win32")
      assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600);
    const text = output.join("\n");
    const own = JSON.parse(fs.readFileSync(keyFile, "utf8")) as {
      privateKey: string;
    };
    for (const secret of [
      own.privateKey,
      expectedShared("docuverify"),
      expectedShared("sessions"),
      LICENSE
    ])
      assert.ok(!text.includes(secret), "a secret was printed");
    assert.match(text, /docuverify: .*proof proven/);
    assert.match(text, /sessions: .*proof skipped/);
    assert.ok(
      text.includes(fingerprint(tenant.keys.docuverify.publicKeyBase64))
    );
    assert.match(text, /Shared_Key__c: <secret: 32 bytes, not shown>/);
    assert.match(
      text,
      new RegExp(`License_Key__c: <secret: ${LICENSE.length} characters`)
    );
    assert.equal(org.calls.length, 0, "a dry run never calls sf");
    assert.equal(tenant.proofs.at(-1)?.licenseKey, LICENSE);
    assert.equal(tenant.proofs.at(-1)?.requestId.appid, APP_ID);
    assert.equal(tenant.proofs.at(-1)?.body.dvcID, "onekosmos-key-check");
  });

  it("writes the shared keys, fingerprints and config to the org, secrets only on standard input", async () => {
    const code = await run(
      [...baseArgs(), "--generate", "--tenant-tag", "acme", "-o", "myorg"],
      deps()
    );
    assert.equal(code, 0, output.join("\n"));
    assert.deepEqual(
      org.keys.map((k) => [
        k.Name,
        k.Shared_Key__c,
        k.Service_Key_Fingerprint__c,
        k.Service_URL__c
      ]),
      ["docuverify", "sessions"].map((s) => [
        s,
        expectedShared(s),
        fingerprint(tenant.keys[s].publicKeyBase64),
        `${tenant.origin}/${s}`
      ])
    );
    const config = org
      .writes()
      .find((c) => c.args[3].includes("OneKosmos_BlockID_Config__c"));
    const own = JSON.parse(fs.readFileSync(keyFile, "utf8")) as {
      privateKey: string;
    };
    assert.deepEqual(JSON.parse(config?.input ?? "{}"), {
      Public_Key__c: keyPairFromPrivate("secp256k1", own.privateKey)
        .publicKeyBase64,
      License_Key__c: LICENSE,
      App_Id__c: APP_ID,
      Tenant_Tag__c: "acme",
      Curve__c: "secp256k1",
      SetupOwnerId: ORG_ID
    });
    for (const call of org.calls) {
      assert.ok(
        call.args.includes("myorg"),
        "every sf call names the target org"
      );
      const args = call.args.join(" ");
      assert.ok(
        !args.includes(LICENSE) && !args.includes(expectedShared("docuverify")),
        "no secret in arguments"
      );
      assert.ok(
        !(call.input ?? "").includes(own.privateKey),
        "the private key never goes to the org"
      );
    }

    // A second run with the same key updates the records in place.
    output = [];
    assert.equal(
      await run([...baseArgs(), "-o", "myorg"], deps()),
      0,
      output.join("\n")
    );
    assert.equal(org.keys.length, 2);
    assert.ok(org.writes().some((c) => c.args.includes("PATCH")));
  });

  it("--check passes while the keys are unchanged and fails with a readable message after a rotation", async () => {
    assert.equal(
      await run([...baseArgs(), "--generate", "-o", "myorg"], deps()),
      0,
      output.join("\n")
    );
    output = [];
    assert.equal(
      await run(["--check", "--tenant", tenant.host, "-o", "myorg"], deps()),
      0,
      output.join("\n")
    );
    assert.match(output.join("\n"), /docuverify: unchanged/);
    tenant.rotate("docuverify");
    output = [];
    assert.equal(
      await run(["--check", "--tenant", tenant.host, "-o", "myorg"], deps()),
      1
    );
    assert.match(
      output.join("\n"),
      /docuverify: the service key has changed .*run npm run keys again/
    );
    assert.match(output.join("\n"), /sessions: unchanged/);
  });

  it("refuses a service URL off the tenant host and writes nothing", async () => {
    tenant.discovery.docuverify = "https://evil.example/docuverify";
    await assert.rejects(
      run([...baseArgs(), "--generate", "-o", "myorg"], deps()),
      /refusing the "docuverify" service URL .*not the tenant host/
    );
    assert.equal(org.writes().length, 0);
  });

  it("refuses a private key path inside the repository and creates nothing there", async () => {
    const inside = path.join(
      repoRoot,
      "scripts",
      "keys",
      "fixtures",
      "leak.key"
    );
    await assert.rejects(
      run(
        [
          ...baseArgs().map((a) => (a === keyFile ? inside : a)),
          "--generate",
          "--dry-run"
        ],
        deps()
      ),
      /inside the repository/
    );
    assert.equal(fs.existsSync(inside), false);
  });

  it("fails when the service refuses the license key, and writes nothing", async () => {
    const code = await run(
      [...baseArgs(), "--generate", "-o", "myorg"],
      deps({ env: { [LICENSE_ENV]: "wrong-license" } })
    );
    assert.equal(code, 1);
    assert.match(
      output.join("\n"),
      /proof failed: the service refused the license key/
    );
    assert.equal(org.writes().length, 0);
  });

  it("refuses the license key as an argument, an existing key with --generate, and a key file others can read", async () => {
    await assert.rejects(
      run([...baseArgs(), "--license-key", LICENSE, "--dry-run"], deps()),
      UsageError
    );
    fs.writeFileSync(keyFile, "{}", { mode: 0o600 });
    await assert.rejects(
      run([...baseArgs(), "--generate", "--dry-run"], deps()),
      /refusing to overwrite/
    );
    if (process.platform !== "win32") {
      fs.chmodSync(keyFile, 0o644);
      await assert.rejects(
        run([...baseArgs(), "--dry-run"], deps()),
        /readable by other users/
      );
    }
  });

  it("speaks http only to 127.0.0.1 in test mode", async () => {
    await assert.rejects(
      run(
        [...baseArgs(), "--generate", "--dry-run"],
        deps({ allowLocalHttp: false })
      ),
      /is not a tenant host/
    );
  });
});

describe("service URL policy", () => {
  const options: TenantOptions = {
    tenantHost: "acme.1kosmos.net",
    curve: "secp256k1",
    fetch,
    allowLocalHttp: false
  };
  it("accepts https on the tenant host and drops a trailing slash", () => {
    assert.equal(
      checkServiceUrl(
        "https://acme.1kosmos.net/docuverify/",
        "docuverify",
        options
      ),
      "https://acme.1kosmos.net/docuverify"
    );
  });
  for (const [name, url] of [
    ["http", "http://acme.1kosmos.net/docuverify"],
    ["another host", "https://other.1kosmos.net/docuverify"],
    ["a look-alike host", "https://acme.1kosmos.net.evil.example/docuverify"],
    ["credentials", "https://user:pw@acme.1kosmos.net/docuverify"],
    ["another port", "https://acme.1kosmos.net:8443/docuverify"],
    ["http on 127.0.0.1 outside test mode", "http://127.0.0.1:8080/docuverify"]
  ]) {
    it(`refuses ${name}`, () => {
      assert.throws(
        () => checkServiceUrl(url, "docuverify", options),
        /refusing/
      );
    });
  }
  it("refuses a missing URL", () => {
    assert.throws(
      () => checkServiceUrl(undefined, "docuverify", options),
      /no URL/
    );
  });
});
