/**
 * The org side of the key setup tool: reads and writes the two BlockID custom settings through the sf CLI's REST
 * command. Secrets travel to sf on standard input, never as command-line arguments (visible to other processes) nor
 * through anonymous Apex (whose source lands in debug logs).
 */
import { spawnSync } from "node:child_process";
import { bin, quietSalesforceCli, TOOL_ROOT } from "../gate/run";

export const API = "/services/data/v67.0";
export const KEY_OBJECT = "OneKosmos_BlockID_Key__c";
export const CONFIG_OBJECT = "OneKosmos_BlockID_Config__c";

export interface SfResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs sf with arguments and optional standard input; injectable so tests need no CLI and no org. */
export type SfRunner = (args: string[], input?: string) => SfResult;

export const realSf: SfRunner = (args, input) => {
  const result = spawnSync(bin("sf"), args, {
    cwd: TOOL_ROOT,
    env: { ...process.env, ...quietSalesforceCli() },
    input,
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024
  });
  if (result.error) throw result.error;
  return {
    status: result.status ?? 1,
    stdout: result.stdout ?? "",
    stderr: result.stderr ?? ""
  };
};

export class OrgError extends Error {}

export interface KeyRecord {
  Name: string;
  Shared_Key__c: string;
  Service_Key_Fingerprint__c: string;
  Service_URL__c: string;
}

export interface ConfigRecord {
  Public_Key__c: string;
  License_Key__c: string;
  App_Id__c: string;
  Tenant_Tag__c: string;
  Curve__c: string;
}

export interface StoredKey {
  Id: string;
  Name: string;
  Service_Key_Fingerprint__c: string | null;
  Service_URL__c: string | null;
}

/** A REST field error can quote the rejected value: replace every secret that was sent. */
export function redact(message: string, secrets: string[]): string {
  return secrets.reduce(
    (text, secret) => text.split(secret).join("[redacted]"),
    message
  );
}

/** REST errors come back as [{message, errorCode}]; sf may still exit 0. Never echo the request body. */
function parseResponse(
  result: SfResult,
  what: string,
  secrets: string[] = []
): unknown {
  const text = result.stdout.trim();
  let body: unknown = undefined;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  const restError =
    Array.isArray(body) &&
    body.length > 0 &&
    typeof (body[0] as { errorCode?: unknown }).errorCode === "string"
      ? (body[0] as { errorCode: string; message?: string })
      : undefined;
  if (result.status !== 0 || restError) {
    const reason = restError
      ? `${restError.errorCode}: ${restError.message ?? ""}`
      : (result.stderr.trim().split("\n").pop() ?? "unknown error");
    throw new OrgError(`${what} failed: ${redact(reason, secrets)}`);
  }
  return body;
}

export class OrgClient {
  constructor(
    private readonly sf: SfRunner,
    private readonly targetOrg: string
  ) {}

  private rest(
    path: string,
    what: string,
    method = "GET",
    body?: Record<string, unknown>,
    secrets: string[] = []
  ): unknown {
    const args = [
      "api",
      "request",
      "rest",
      `${API}${path}`,
      "--target-org",
      this.targetOrg
    ];
    if (method !== "GET") args.push("--method", method);
    if (body) args.push("--body", "-");
    return parseResponse(
      this.sf(args, body ? JSON.stringify(body) : undefined),
      what,
      secrets
    );
  }

  query<T>(soql: string, what: string): T[] {
    const body = this.rest(`/query?q=${encodeURIComponent(soql)}`, what) as
      { records?: T[] } | undefined;
    if (!body || !Array.isArray(body.records))
      throw new OrgError(`${what} failed: no records in the answer`);
    return body.records;
  }

  storedKeys(): StoredKey[] {
    return this.query<StoredKey>(
      `SELECT Id, Name, Service_Key_Fingerprint__c, Service_URL__c FROM ${KEY_OBJECT} ORDER BY Name`,
      `reading ${KEY_OBJECT}`
    );
  }

  /** The curve the org default names (no secret is read), if there is an org default. */
  storedCurve(): string | undefined {
    const configs = this.query<{
      SetupOwnerId: string;
      Curve__c: string | null;
    }>(
      `SELECT SetupOwnerId, Curve__c FROM ${CONFIG_OBJECT}`,
      `reading ${CONFIG_OBJECT}`
    );
    return (
      configs.find((c) => c.SetupOwnerId.startsWith("00D"))?.Curve__c ??
      undefined
    );
  }

  /** The org-default record's id, if any (its SetupOwnerId is the org id, prefix 00D). */
  private orgDefaultConfigId(): { orgId: string; configId?: string } {
    const org = this.query<{ Id: string }>(
      "SELECT Id FROM Organization",
      "reading the org id"
    );
    if (org.length !== 1) throw new OrgError("cannot read the org id");
    const configs = this.query<{ Id: string; SetupOwnerId: string }>(
      `SELECT Id, SetupOwnerId FROM ${CONFIG_OBJECT}`,
      `reading ${CONFIG_OBJECT}`
    );
    const orgDefault = configs.find(
      (c) => c.SetupOwnerId.slice(0, 15) === org[0].Id.slice(0, 15)
    );
    return { orgId: org[0].Id, configId: orgDefault?.Id };
  }

  /**
   * Creates or updates every service key record and the config org default in ONE composite request with
   * allOrNone, so that a refused write leaves the org as it was (never half the keys of a new key pair).
   */
  writeAll(keys: KeyRecord[], config: ConfigRecord): void {
    const existing = this.storedKeys();
    const { orgId, configId } = this.orgDefaultConfigId();
    const requests: CompositeRequest[] = keys.map((record, i) => {
      const found = existing.find((k) => k.Name === record.Name);
      const { Name: _name, ...fields } = record;
      void _name;
      return found
        ? {
            method: "PATCH",
            url: `${API}/sobjects/${KEY_OBJECT}/${found.Id}`,
            referenceId: `key${i}`,
            body: fields
          }
        : {
            method: "POST",
            url: `${API}/sobjects/${KEY_OBJECT}`,
            referenceId: `key${i}`,
            body: { ...record }
          };
    });
    requests.push(
      configId
        ? {
            method: "PATCH",
            url: `${API}/sobjects/${CONFIG_OBJECT}/${configId}`,
            referenceId: "config",
            body: { ...config }
          }
        : {
            method: "POST",
            url: `${API}/sobjects/${CONFIG_OBJECT}`,
            referenceId: "config",
            body: { ...config, SetupOwnerId: orgId }
          }
    );
    const secrets = [
      ...keys.map((record) => record.Shared_Key__c),
      config.License_Key__c
    ].filter((secret) => secret.length > 0);
    const answer = this.rest(
      "/composite",
      "writing the BlockID settings",
      "POST",
      {
        allOrNone: true,
        compositeRequest: requests
      },
      secrets
    ) as { compositeResponse?: CompositeResponse[] } | undefined;
    checkComposite(answer?.compositeResponse, requests, secrets);
  }
}

interface CompositeRequest {
  method: "POST" | "PATCH";
  url: string;
  referenceId: string;
  body: Record<string, string>;
}

interface CompositeResponse {
  httpStatusCode: number;
  referenceId: string;
  body: unknown;
}

/** The first real error of an allOrNone composite (the others say PROCESSING_HALTED), named by its record. */
function checkComposite(
  responses: CompositeResponse[] | undefined,
  requests: CompositeRequest[],
  secrets: string[]
): void {
  if (!Array.isArray(responses) || responses.length !== requests.length)
    throw new OrgError(
      "writing the BlockID settings failed: unexpected answer from the org"
    );
  const failures = responses.filter((r) => r.httpStatusCode >= 300);
  if (failures.length === 0) return;
  const errors = failures.flatMap((r) =>
    (Array.isArray(r.body)
      ? (r.body as { errorCode?: string; message?: string }[])
      : []
    ).map((e) => ({
      ref: r.referenceId,
      ...e
    }))
  );
  const first =
    errors.find((e) => e.errorCode !== "PROCESSING_HALTED") ?? errors[0];
  const request = requests.find((r) => r.referenceId === first?.ref);
  throw new OrgError(
    `writing the BlockID settings failed, nothing was written: ${request ? `${request.method} ${request.url.replace(API, "")}: ` : ""}` +
      `${first?.errorCode ?? "error"}: ${redact(first?.message ?? "", secrets)}`
  );
}
