import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OrgClient, OrgError, redact, type SfResult } from "./org";

const SHARED_KEY = "c2hhcmVkLWtleS1vZi1kb2N1dmVyaWZ5LTMyLWJ5dGVzIQ==";
const LICENSE_KEY = "license-0f3a9c1d-secret";

/** An org whose composite write is refused with field errors that quote the rejected values. */
function refusingOrg(composite: (body: string) => string): OrgClient {
  const answer = (stdout: string): SfResult => ({
    status: 0,
    stdout,
    stderr: ""
  });
  return new OrgClient((args, input) => {
    const url = args.find((arg) => arg.startsWith("/services/")) ?? "";
    if (url.includes("/composite")) return answer(composite(input ?? ""));
    if (url.includes("Organization"))
      return answer('{"records":[{"Id":"00D000000000001AAA"}]}');
    return answer('{"records":[]}');
  }, "scratch");
}

function writeError(org: OrgClient): string {
  try {
    org.writeAll(
      [
        {
          Name: "docuverify",
          Shared_Key__c: SHARED_KEY,
          Service_Key_Fingerprint__c: "ab".repeat(32),
          Service_URL__c: "https://acme.1kosmos.net/docuverify"
        }
      ],
      {
        Public_Key__c: "cHVibGlj",
        License_Key__c: LICENSE_KEY,
        App_Id__c: "app",
        Tenant_Tag__c: "acme",
        Curve__c: "secp256k1"
      }
    );
  } catch (error) {
    assert.ok(error instanceof OrgError, String(error));
    return error.message;
  }
  throw new Error("the write was not refused");
}

describe("org writes never repeat a secret in an error", () => {
  it("redacts the shared and license keys a per-record field error quotes", () => {
    const message = writeError(
      refusingOrg(() =>
        JSON.stringify({
          compositeResponse: [
            {
              referenceId: "key0",
              httpStatusCode: 400,
              body: [
                {
                  errorCode: "STRING_TOO_LONG",
                  message: `value too long: ${SHARED_KEY}`
                }
              ]
            },
            {
              referenceId: "config",
              httpStatusCode: 400,
              body: [{ errorCode: "PROCESSING_HALTED", message: "halted" }]
            }
          ]
        })
      )
    );
    assert.match(message, /STRING_TOO_LONG: value too long: \[redacted\]/);
    assert.ok(!message.includes(SHARED_KEY), message);
  });

  it("redacts them from a whole-request REST error too", () => {
    const message = writeError(
      refusingOrg(() =>
        JSON.stringify([
          {
            errorCode: "INVALID_FIELD",
            message: `bad value ${LICENSE_KEY}`
          }
        ])
      )
    );
    assert.ok(!message.includes(LICENSE_KEY), message);
    assert.match(message, /INVALID_FIELD: bad value \[redacted\]/);
  });

  it("replaces every occurrence and leaves other text alone", () => {
    assert.equal(redact("a S b S", ["S"]), "a [redacted] b [redacted]");
    assert.equal(redact("nothing secret", []), "nothing secret");
  });
});
