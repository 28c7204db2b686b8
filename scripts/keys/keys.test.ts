import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import {
  encrypt,
  fingerprint,
  generateKeyPair,
  keyPairFromPrivate,
  sharedKey
} from "./envelope";
import { type Deps, LICENSE_ENV, parseArgs, run, UsageError } from "./keys";
import type { SfResult } from "./org";
import {
  checkServiceUrl,
  proveServiceKey,
  type ServiceKey,
  type TenantOptions
} from "./tenant";
import { startTestTenant, type TestTenant } from "./testServer";

const LICENSE = "1f2e3d4c-5b6a-4789-8abc-def012345678";
const APP_ID = "com.example.salesforce";
const ORG_ID = "00D000000000001AAA";

interface SfCall {
  args: string[];
  input?: string;
}

interface SubRequest {
  method: string;
  url: string;
  referenceId: string;
  body: Record<string, string>;
}

/**
 * A fake org behind the sf runner: answers the tool's REST queries and applies its composite writes all or none.
 * `refuse` names an object whose writes fail (as a missing permission would).
 */
class FakeOrg {
  calls: SfCall[] = [];
  keys: Record<string, string>[] = [];
  config: Record<string, string>[] = [];
  refuse?: string;
  run = (args: string[], input?: string): SfResult => {
    this.calls.push({ args, input });
    const url = args[3];
    if (!args.includes("--method")) return this.query(decodeURIComponent(url));
    assert.ok(url.endsWith("/composite"), `unexpected write ${url}`);
    const { allOrNone, compositeRequest } = JSON.parse(input ?? "{}") as {
      allOrNone: boolean;
      compositeRequest: SubRequest[];
    };
    assert.equal(allOrNone, true);
    const refused = compositeRequest.find(
      (r) => this.refuse && r.url.includes(this.refuse)
    );
    if (!refused) compositeRequest.forEach((r) => this.apply(r));
    const compositeResponse = compositeRequest.map((r) => ({
      referenceId: r.referenceId,
      httpStatusCode: refused ? 400 : r.method === "PATCH" ? 204 : 201,
      body: !refused
        ? null
        : r === refused
          ? [
              {
                errorCode: "INSUFFICIENT_ACCESS",
                message: "insufficient access rights on object id"
              }
            ]
          : [{ errorCode: "PROCESSING_HALTED", message: "halted" }]
    }));
    return {
      status: 0,
      stdout: JSON.stringify({ compositeResponse }),
      stderr: ""
    };
  };
  private apply(r: SubRequest): void {
    if (r.url.endsWith("/sobjects/OneKosmos_BlockID_Key__c"))
      this.keys.push({ Id: `a00${this.keys.length}`, ...r.body });
    else if (r.url.includes("/sobjects/OneKosmos_BlockID_Key__c/"))
      Object.assign(
        this.keys.find((k) => k.Id === r.url.split("/").pop()) ?? {},
        r.body
      );
    else if (r.url.endsWith("/sobjects/OneKosmos_BlockID_Config__c"))
      this.config.push({ Id: "a01", ...r.body });
    else if (r.url.includes("/sobjects/OneKosmos_BlockID_Config__c/"))
      Object.assign(this.config[0], r.body);
  }
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
    else if (url.includes("FROM OneKosmos_BlockID_Config__c"))
      records = this.config.map((c) => ({
        Id: c.Id,
        SetupOwnerId: c.SetupOwnerId,
        Curve__c: c.Curve__c
      }));
    return { status: 0, stdout: JSON.stringify({ records }), stderr: "" };
  }
  writes(): SfCall[] {
    return this.calls.filter((c) => c.args.includes("--method"));
  }
  subRequests(): SubRequest[] {
    return this.writes().flatMap(
      (c) =>
        (JSON.parse(c.input ?? "{}") as { compositeRequest: SubRequest[] })
          .compositeRequest
    );
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
      .subRequests()
      .find((r) => r.url.includes("OneKosmos_BlockID_Config__c"));
    const own = JSON.parse(fs.readFileSync(keyFile, "utf8")) as {
      privateKey: string;
    };
    assert.deepEqual(config?.body, {
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
    assert.equal(org.writes().length, 2, "one composite request per run");
    assert.deepEqual(
      org
        .subRequests()
        .slice(3)
        .map((r) => r.method),
      ["PATCH", "PATCH", "PATCH"],
      "the second run updates the records in place"
    );
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

  it("refuses a path that reaches into the repository through a symlink", async () => {
    const link = path.join(dir, "link");
    fs.symlinkSync(path.join(repoRoot, "scripts", "keys"), link);
    await assert.rejects(
      run(
        [
          ...baseArgs().map((a) =>
            a === keyFile ? path.join(link, "leak.key") : a
          ),
          "--generate",
          "--dry-run"
        ],
        deps()
      ),
      /inside the repository/
    );
    assert.equal(
      fs.existsSync(path.join(repoRoot, "scripts", "keys", "leak.key")),
      false
    );
  });

  it("reads the license key from a file, and refuses a key file of another curve", async () => {
    const licenseFile = path.join(dir, "license.txt");
    fs.writeFileSync(licenseFile, `${LICENSE}\n`, { mode: 0o600 });
    const code = await run(
      [
        ...baseArgs(),
        "--generate",
        "--license-key-file",
        licenseFile,
        "--dry-run"
      ],
      deps({ env: {} })
    );
    assert.equal(code, 0, output.join("\n"));
    assert.equal(tenant.proofs.at(-1)?.licenseKey, LICENSE);
    await assert.rejects(
      run([...baseArgs(), "--curve", "prime256v1", "--dry-run"], deps()),
      /holds a secp256k1 key, not prime256v1/
    );
    await assert.rejects(
      run([...baseArgs(), "--dry-run"], deps({ env: {} })),
      /no license key/
    );
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

  it("--check uses the curve the org names", async () => {
    assert.equal(
      await run([...baseArgs(), "--generate", "-o", "myorg"], deps()),
      0,
      output.join("\n")
    );
    org.config[0].Curve__c = "prime256v1";
    await assert.rejects(
      run(["--check", "--tenant", tenant.host, "-o", "myorg"], deps()),
      /not a point on prime256v1.*is the curve right/
    );
  });

  it("--check reports a service URL that moved", async () => {
    assert.equal(
      await run([...baseArgs(), "--generate", "-o", "myorg"], deps()),
      0,
      output.join("\n")
    );
    org.keys[0].Service_URL__c = `${tenant.origin}/old-docuverify`;
    output = [];
    assert.equal(
      await run(["--check", "--tenant", tenant.host, "-o", "myorg"], deps()),
      1
    );
    assert.match(output.join("\n"), /docuverify: the service URL moved/);
  });

  it("fails the proof when the clock is more than 60 s off (the service refuses the requestid)", async () => {
    const code = await run(
      [...baseArgs(), "--generate", "-o", "myorg"],
      deps({ now: () => Date.now() - 5 * 60 * 1000 })
    );
    assert.equal(code, 1);
    assert.match(output.join("\n"), /proof failed: .*401: Invalid request id/);
    assert.equal(org.writes().length, 0);
  });

  it("writes all records or none: a refused write leaves the org unchanged, with a clear error and no secret", async () => {
    org.refuse = "OneKosmos_BlockID_Config__c";
    await assert.rejects(
      run([...baseArgs(), "--generate", "-o", "myorg"], deps()),
      (error: Error) =>
        /nothing was written: POST \/sobjects\/OneKosmos_BlockID_Config__c: INSUFFICIENT_ACCESS/.test(
          error.message
        ) && !error.message.includes(expectedShared("docuverify"))
    );
    assert.equal(org.keys.length, 0);
    assert.equal(org.config.length, 0);
    const failing = (): SfResult => ({
      status: 1,
      stdout: "",
      stderr:
        "NamedOrgNotFoundError: No authorization information found for myorg."
    });
    await assert.rejects(
      run(
        ["--check", "--tenant", tenant.host, "-o", "myorg"],
        deps({ sf: failing })
      ),
      /reading OneKosmos_BlockID_Key__c failed: NamedOrgNotFoundError/
    );
  });

  it("speaks http only to 127.0.0.1 in test mode", async () => {
    await assert.rejects(
      run(
        [...baseArgs(), "--generate", "--dry-run"],
        deps({ allowLocalHttp: false })
      ),
      /is not a tenant host/
    );
    assert.equal(
      fs.existsSync(keyFile),
      false,
      "no key pair is generated for a refused tenant"
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

describe("proof outcomes", () => {
  const shared = generateKeyPair("secp256k1");
  const service = generateKeyPair("secp256k1");
  const key = sharedKey(
    "secp256k1",
    shared.privateKeyBase64,
    service.publicKeyBase64
  );
  const serviceKey: ServiceKey = {
    service: "docuverify",
    serviceUrl: "https://acme.1kosmos.net/docuverify",
    publicKeyBase64: service.publicKeyBase64,
    fingerprint: fingerprint(service.publicKeyBase64)
  };
  const identity = {
    publicKeyBase64: shared.publicKeyBase64,
    licenseKey: LICENSE,
    appId: APP_ID
  };
  const answering = (status: number, body: unknown): typeof fetch =>
    (async () =>
      new Response(JSON.stringify(body), { status })) as typeof fetch;
  const prove = (f: typeof fetch, which: ServiceKey = serviceKey) =>
    proveServiceKey(which, key, identity, {
      tenantHost: "acme.1kosmos.net",
      curve: "secp256k1",
      fetch: f,
      allowLocalHttp: false,
      dvcId: "x",
      nowMs: Date.now()
    });

  it("fails on an answer that does not open with the shared key", async () => {
    const other = sharedKey(
      "secp256k1",
      generateKeyPair("secp256k1").privateKeyBase64,
      service.publicKeyBase64
    );
    const outcome = await prove(
      answering(200, {
        data: encrypt(other, "{}"),
        publicKey: service.publicKeyBase64
      })
    );
    assert.equal(outcome.result, "failed");
    assert.match(outcome.detail, /does not open/);
  });

  it("fails when the answer names a different service key", async () => {
    const outcome = await prove(
      answering(200, {
        data: encrypt(key, "{}"),
        publicKey: generateKeyPair("secp256k1").publicKeyBase64
      })
    );
    assert.equal(outcome.result, "failed");
    assert.match(outcome.detail, /different public key/);
  });

  it("is inconclusive on another error status and skipped when unreachable or for other services", async () => {
    const inconclusive = await prove(
      answering(400, { code: 400, message: "dvcID is required" })
    );
    assert.equal(inconclusive.result, "inconclusive");
    assert.match(inconclusive.detail, /400 \(dvcID is required\)/);
    const unreachable = await prove((async () => {
      throw new TypeError("fetch failed");
    }) as typeof fetch);
    assert.equal(unreachable.result, "skipped");
    assert.match(unreachable.detail, /run again where the tenant is reachable/);
    const other = await prove(answering(200, {}), {
      ...serviceKey,
      service: "sessions"
    });
    assert.equal(other.result, "skipped");
  });
});

describe("parseArgs", () => {
  it("takes inline and separate values, -o, and a service list", () => {
    const options = parseArgs([
      "--tenant=acme.1kosmos.net",
      "-o",
      "myorg",
      "--services",
      "docuverify, adminconsole",
      "--dry-run"
    ]);
    assert.equal(options.tenant, "acme.1kosmos.net");
    assert.equal(options.targetOrg, "myorg");
    assert.deepEqual(options.services, ["docuverify", "adminconsole"]);
    assert.equal(options.dryRun, true);
  });
  for (const [name, argv, message] of [
    ["an unknown argument", ["--tenat", "x"], /unknown argument --tenat/],
    ["a missing value", ["--tenant"], /--tenant needs a value/],
    ["a flag as a value", ["--app-id", "--dry-run"], /--app-id needs a value/],
    [
      "a bad service name",
      ["--services", "docuverify,../x"],
      /not a service name/
    ],
    ["an unknown curve", ["--curve", "ed25519"], /unsupported curve/]
  ] as [string, string[], RegExp][]) {
    it(`refuses ${name}`, () => {
      assert.throws(() => parseArgs(argv), message);
    });
  }
});
