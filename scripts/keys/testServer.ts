/**
 * A local stand-in for a 1Kosmos tenant, for the key tool's tests: service discovery, per-service public keys and
 * the docuverify result call, speaking the real envelope (it opens the licensekey and requestid headers and the
 * body with its own ECDH, and answers {"data":<envelope>,"publicKey":…}). Listens on 127.0.0.1, random port.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import {
  decrypt,
  encrypt,
  generateKeyPair,
  type KeyPair,
  sharedKey
} from "./envelope";

export interface TestTenant {
  /** host:port, the value of --tenant */
  host: string;
  origin: string;
  keys: Record<string, KeyPair>;
  /** Overrides of service discovery entries (e.g. a URL off the tenant host). */
  discovery: Record<string, string>;
  /** Replaces a service's key pair (rotation). */
  rotate(service: string): void;
  /** What the proof endpoint saw, decrypted: for assertions. */
  proofs: {
    licenseKey: string;
    requestId: Record<string, unknown>;
    body: Record<string, unknown>;
  }[];
  close(): Promise<void>;
}

const SERVICES = ["docuverify", "sessions"];

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

export async function startTestTenant(expected: {
  licenseKey: string;
  appId: string;
  nowMs?: () => number;
}): Promise<TestTenant> {
  const keys: Record<string, KeyPair> = {};
  for (const s of SERVICES) keys[s] = generateKeyPair("secp256k1");
  const proofs: TestTenant["proofs"] = [];
  const discovery: Record<string, string> = {};
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      try {
        handle(req, Buffer.concat(chunks).toString("utf8"), res);
      } catch {
        send(res, 400, { code: 400, message: "bad request" });
      }
    });
  });
  const origin = (): string =>
    `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function handle(
    req: http.IncomingMessage,
    body: string,
    res: http.ServerResponse
  ): void {
    const url = req.url ?? "";
    if (req.method === "GET" && url === "/caas/sd") {
      const sd: Record<string, string> = {};
      for (const s of SERVICES) sd[s] = `${origin()}/${s}`;
      return send(res, 200, { ...sd, ...discovery });
    }
    const keyMatch = /^\/(\w+)\/publickeys$/.exec(url);
    if (req.method === "GET" && keyMatch && keys[keyMatch[1]])
      return send(res, 200, { publicKey: keys[keyMatch[1]].publicKeyBase64 });
    if (
      req.method === "POST" &&
      url === "/docuverify/v3/document_share_session/result"
    )
      return proof(req, body, res);
    send(res, 404, { code: 404, message: "not found" });
  }

  function proof(
    req: http.IncomingMessage,
    body: string,
    res: http.ServerResponse
  ): void {
    const service = keys.docuverify;
    const clientKey = String(req.headers.publickey);
    const shared = sharedKey("secp256k1", service.privateKeyBase64, clientKey);
    let licenseKey: string;
    try {
      licenseKey = decrypt(shared, String(req.headers.licensekey));
    } catch {
      return send(res, 401, {
        code: 401,
        message: "Invalid or Unauthorized License"
      });
    }
    if (licenseKey !== expected.licenseKey)
      return send(res, 401, {
        code: 401,
        message: "Invalid or Unauthorized License"
      });
    const requestId = JSON.parse(
      decrypt(shared, String(req.headers.requestid))
    ) as Record<string, unknown>;
    const now = Math.floor((expected.nowMs ?? Date.now)() / 1000);
    if (
      Math.abs(now - Number(requestId.ts)) > 60 ||
      requestId.appid !== expected.appId
    )
      return send(res, 401, { code: 401, message: "Invalid request id" });
    const request = JSON.parse(
      decrypt(shared, String((JSON.parse(body) as { data: string }).data))
    ) as Record<string, unknown>;
    proofs.push({ licenseKey, requestId, body: request });
    send(res, 200, {
      data: encrypt(
        shared,
        JSON.stringify({ responseStatus: "INPROGRESS", id: request.sessionId })
      ),
      publicKey: service.publicKeyBase64
    });
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    host,
    origin: origin(),
    keys,
    discovery,
    proofs,
    rotate(service: string) {
      keys[service] = generateKeyPair("secp256k1");
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // fetch keeps connections alive; without this close would wait for them.
        server.closeAllConnections();
      })
  };
}
