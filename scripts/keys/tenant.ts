/**
 * The tenant side of the key setup tool: service discovery, service public keys and the proof call, with the URL
 * policy that keeps every request on the configured tenant host (fail closed).
 */
import * as crypto from "node:crypto";
import {
  type Curve,
  decrypt,
  encrypt,
  EnvelopeError,
  fingerprint,
  parsePublicKey
} from "./envelope";

export class TenantError extends Error {}

export type Fetch = typeof fetch;

export interface TenantOptions {
  /** The tenant host, e.g. acme.1kosmos.net (127.0.0.1:port in local-test mode). */
  tenantHost: string;
  curve: Curve;
  fetch: Fetch;
  /** Tests only: allows http:// for 127.0.0.1. Never reachable from the command line. */
  allowLocalHttp: boolean;
  timeoutMs?: number;
}

const HOST =
  /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const LOCAL_HOST = /^127\.0\.0\.1:\d{1,5}$/;

/** Normalises and checks the configured tenant host (a bare host name, no scheme, path or credentials). */
export function checkTenantHost(
  value: string,
  allowLocalHttp: boolean
): string {
  const host = value.trim().toLowerCase();
  if (HOST.test(host) || (allowLocalHttp && LOCAL_HOST.test(host))) return host;
  throw new TenantError(
    `"${value}" is not a tenant host: give the bare host name, e.g. acme.1kosmos.net`
  );
}

export function tenantOrigin(options: TenantOptions): string {
  const scheme =
    options.allowLocalHttp && LOCAL_HOST.test(options.tenantHost)
      ? "http"
      : "https";
  return `${scheme}://${options.tenantHost}`;
}

/**
 * A service URL is accepted only on the tenant host itself (the host the Named Credential and Remote Site cover),
 * over https (http only for 127.0.0.1 in local-test mode), without credentials, query or fragment.
 * Returns it without a trailing slash.
 */
export function checkServiceUrl(
  raw: unknown,
  service: string,
  options: TenantOptions
): string {
  if (typeof raw !== "string" || raw === "")
    throw new TenantError(`service discovery has no URL for "${service}"`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TenantError(
      `"${service}" has an invalid URL in service discovery`
    );
  }
  const local =
    options.allowLocalHttp &&
    url.protocol === "http:" &&
    url.hostname === "127.0.0.1";
  const problems: string[] = [];
  if (url.protocol !== "https:" && !local) problems.push("it is not https");
  if (url.host.toLowerCase() !== options.tenantHost)
    problems.push(
      `its host ${url.host} is not the tenant host ${options.tenantHost}`
    );
  if (url.username || url.password) problems.push("it carries credentials");
  if (url.search || url.hash) problems.push("it has a query or fragment");
  if (problems.length > 0)
    throw new TenantError(
      `refusing the "${service}" service URL ${url.origin}${url.pathname}: ${problems.join("; ")}. ` +
        "Only URLs on the configured tenant host are used; check the tenant's service discovery with 1Kosmos."
    );
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

export interface HttpResult {
  status: number;
  body: unknown;
}

async function request(
  options: TenantOptions,
  url: string,
  init: RequestInit = {}
): Promise<HttpResult> {
  let response: Response;
  try {
    response = await options.fetch(url, {
      ...init,
      redirect: "error",
      signal: AbortSignal.timeout(options.timeoutMs ?? 15000)
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown; message?: unknown } })
      .cause;
    const reason = [
      error instanceof Error ? error.message : String(error),
      cause?.code ?? cause?.message
    ]
      .filter((part) => part !== undefined)
      .join(": ");
    throw new TenantError(`cannot reach ${url}: ${reason}`);
  }
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** GET https://{tenant}/caas/sd: the base URL of each service, by name. */
export async function serviceDiscovery(
  options: TenantOptions
): Promise<Record<string, unknown>> {
  const url = `${tenantOrigin(options)}/caas/sd`;
  const result = await request(options, url);
  if (result.status !== 200 || !isRecord(result.body))
    throw new TenantError(
      `service discovery at ${url} answered ${result.status} without a JSON object`
    );
  return result.body;
}

export interface ServiceKey {
  service: string;
  /** Base URL of the service (checked against the tenant host). */
  serviceUrl: string;
  publicKeyBase64: string;
  fingerprint: string;
}

/**
 * Where a service's key and calls live. adminconsole uses the community variant of the key endpoint, under which
 * the community calls (IAL look-up) also live.
 */
export function serviceBase(
  service: string,
  discovery: Record<string, unknown>,
  options: TenantOptions & { community: string }
): string {
  if (service === "adminconsole")
    return `${tenantOrigin(options)}/api/r1/community/${encodeURIComponent(options.community)}`;
  return checkServiceUrl(discovery[service], service, options);
}

/** GET {base}/publickeys, checked to be a raw X||Y point on the configured curve. */
export async function fetchServiceKey(
  service: string,
  serviceUrl: string,
  options: TenantOptions
): Promise<ServiceKey> {
  const url = `${serviceUrl}/publickeys`;
  const result = await request(options, url);
  const key = isRecord(result.body) ? result.body.publicKey : undefined;
  if (result.status !== 200 || typeof key !== "string")
    throw new TenantError(
      `${service}: ${url} answered ${result.status} without a publicKey`
    );
  try {
    parsePublicKey(options.curve, key);
  } catch (error) {
    throw new TenantError(
      `${service}: the published key is unusable (${(error as Error).message}); is the curve right?`
    );
  }
  return {
    service,
    serviceUrl,
    publicKeyBase64: key,
    fingerprint: fingerprint(key)
  };
}

export interface Identity {
  publicKeyBase64: string;
  licenseKey: string;
  appId: string;
}

/** The headers of every BlockID call: own public key, enveloped license key and enveloped requestid. */
export function blockIdHeaders(
  sharedKeyBase64: string,
  identity: Identity,
  nowMs: number
): Record<string, string> {
  const requestId = JSON.stringify({
    ts: Math.floor(nowMs / 1000),
    appid: identity.appId,
    uuid: crypto.randomUUID()
  });
  return {
    "Content-Type": "application/json",
    publickey: identity.publicKeyBase64,
    licensekey: encrypt(sharedKeyBase64, identity.licenseKey),
    requestid: encrypt(sharedKeyBase64, requestId)
  };
}

export type ProofOutcome =
  | { result: "proven"; detail: string }
  | { result: "skipped"; detail: string }
  | { result: "inconclusive"; detail: string }
  | { result: "failed"; detail: string };

/** Short, printable text of an error body: never the whole body (it could be large). */
function errorText(body: unknown): string {
  if (!isRecord(body)) return "no JSON error body";
  const message = body.message ?? body.error ?? body.errorMessage;
  return typeof message === "string"
    ? message.slice(0, 200)
    : "no error message";
}

/**
 * The harmless live proof for docuverify: ask for the result of a session id that does not exist (read-only). The
 * service must open our enveloped headers and body to answer; when it answers with an envelope, opening that
 * envelope with our shared key proves the key both ways. Other services have no call known to be harmless.
 */
export async function proveServiceKey(
  key: ServiceKey,
  sharedKeyBase64: string,
  identity: Identity,
  options: TenantOptions & { dvcId: string; nowMs: number }
): Promise<ProofOutcome> {
  if (key.service !== "docuverify")
    return {
      result: "skipped",
      detail: `no call of ${key.service} is known to be harmless; the key is proven by its first real call`
    };
  const body = JSON.stringify({
    data: encrypt(
      sharedKeyBase64,
      JSON.stringify({ dvcID: options.dvcId, sessionId: crypto.randomUUID() })
    )
  });
  let result: HttpResult;
  try {
    result = await request(
      options,
      `${key.serviceUrl}/v3/document_share_session/result`,
      {
        method: "POST",
        headers: blockIdHeaders(sharedKeyBase64, identity, options.nowMs),
        body
      }
    );
  } catch (error) {
    return {
      result: "skipped",
      detail: `${(error as Error).message}: run again where the tenant is reachable to prove the key`
    };
  }
  return judgeProof(key, sharedKeyBase64, result);
}

function judgeProof(
  key: ServiceKey,
  sharedKeyBase64: string,
  result: HttpResult
): ProofOutcome {
  if (result.status === 401)
    return {
      result: "failed",
      detail: `the service refused the license key or could not open the envelope (401: ${errorText(result.body)})`
    };
  const data = isRecord(result.body) ? result.body.data : undefined;
  if (result.status >= 200 && result.status < 300 && typeof data === "string") {
    const answered = isRecord(result.body) ? result.body.publicKey : undefined;
    if (typeof answered === "string" && answered !== key.publicKeyBase64)
      return {
        result: "failed",
        detail:
          "the service answered with a different public key than it publishes (key rotation under way?)"
      };
    try {
      decrypt(sharedKeyBase64, data);
      return {
        result: "proven",
        detail:
          "the service opened our envelope and its enveloped answer opens with the shared key"
      };
    } catch (error) {
      if (error instanceof EnvelopeError)
        return {
          result: "failed",
          detail:
            "the service's enveloped answer does not open with the derived shared key"
        };
      throw error;
    }
  }
  return {
    result: "inconclusive",
    detail: `the service answered ${result.status} (${errorText(result.body)}); the license was not refused, but no envelope came back to check`
  };
}
