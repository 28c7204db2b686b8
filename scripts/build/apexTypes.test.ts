import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ApexParseError, parseApex } from "./apexParser";
import { buildApexModel, generateApexTypes } from "./apexTypes";

const CONTROLLER = `/**
 * Reads verifications for components. A brace in a comment: {
 */
public with sharing class OneKosmosVerificationController {
  // Commas inside generic initialisers must not split the declaration.
  private static final Map<String, Integer> RANK = new Map<String, Integer>{ 'a' => 1 }, OTHER;
  @TestVisible
  private static String label = 'it\\'s { not a brace';

  public enum Mode { FAST, SLOW }

  public class VerificationSummary {
    @AuraEnabled
    public Id id;
    @AuraEnabled public String name;
    @AuraEnabled public Datetime completedAt;
    @AuraEnabled public List<Map<String, Decimal>> scores { get; set; }
    @AuraEnabled public Mode mode;
    @AuraEnabled public Detail detail;
    public String notAuraEnabled;
    @AuraEnabled public transient String notSerialised;
    @AuraEnabled public static String notPerRecord;
    VerificationSummary(OneKosmos_Verification__c row) {
      this.id = row.Id;
    }
  }

  public class Detail extends Base {
    @AuraEnabled public Integer attempts;
  }

  public virtual class Base {
    @AuraEnabled public Boolean ok;
  }

  @AuraEnabled(Cacheable=true scope='global')
  public static List<OneKosmosVerificationController.VerificationSummary> getVerificationsForRecord(Id recordId) {
    List<VerificationSummary> result = new List<VerificationSummary>();
    for (OneKosmos_Verification__c row : [SELECT Id FROM OneKosmos_Verification__c WHERE Related_Record_Id__c = :recordId WITH USER_MODE]) {
      result.add(new VerificationSummary(row));
    }
    return result;
  }

  @auraenabled
  global static void cancel(final String verificationId, Set<Id> others, Account acct, Foo__c custom, Schema.SObjectType kind, Object anything) {
  }

  @AuraEnabled
  public static Map<Id, VerificationSummary[]> byId() { return null; }

  @AuraEnabled
  public String instanceMethodIsNotImportable() { return ''; }

  public static String notAuraEnabled() { return ''; }

  @AuraEnabled(continuation=true)
  public static Object startLongCall(String input) { return null; }
}`;

function generate(
  sources: { file: string; text: string }[] = [
    { file: "force-app/x/classes/Ctl.cls", text: CONTROLLER }
  ]
): string {
  return generateApexTypes(buildApexModel(sources));
}

function moduleBlock(text: string, name: string): string {
  const start = text.indexOf(`declare module "${name}" {`);
  assert.ok(start >= 0, `module ${name} is declared`);
  return text.slice(start, text.indexOf("\n}\n", start) + 2);
}

describe("Apex reader", () => {
  it("finds classes, inner classes, enums, methods and fields", () => {
    const parsed = parseApex(CONTROLLER, "Ctl.cls");
    assert.deepEqual(
      parsed.classes.map((c) => c.qualifiedName),
      [
        "OneKosmosVerificationController",
        "OneKosmosVerificationController.VerificationSummary",
        "OneKosmosVerificationController.Detail",
        "OneKosmosVerificationController.Base"
      ]
    );
    assert.deepEqual(parsed.enums[0].values, ["FAST", "SLOW"]);
    const outer = parsed.classes[0];
    assert.deepEqual(
      outer.fields.map((f) => f.name),
      ["RANK", "OTHER", "label"]
    );
    const method = outer.methods.find(
      (m) => m.name === "getVerificationsForRecord"
    );
    assert.ok(method);
    assert.equal(method.cacheable, true);
    assert.equal(method.isStatic, true);
    assert.equal(method.line, 37);
    assert.deepEqual(method.params, [
      { name: "recordId", type: { name: "Id", args: [], arrayDepth: 0 } }
    ]);
  });

  it("names the file and line of what it cannot read", () => {
    assert.throws(
      () =>
        parseApex(
          "public class Broken {\n  public String name\n}",
          "Broken.cls"
        ),
      (error: unknown) =>
        error instanceof ApexParseError &&
        error.file === "Broken.cls" &&
        error.line === 3 &&
        /expected ";" after field name/.test(error.message)
    );
    assert.throws(
      () => parseApex("public class Open {\n  void x() {", "Open.cls"),
      ApexParseError
    );
    assert.throws(
      () => parseApex("/* never closed", "Comment.cls"),
      /Comment\.cls:1: unterminated block comment/
    );
  });
});

describe("generated Apex types", () => {
  const text = generate();

  it("declares one module per importable @AuraEnabled static method, and nothing else", () => {
    const modules = [...text.matchAll(/declare module "([^"]+)"/g)].map(
      (m) => m[1]
    );
    assert.deepEqual(modules, [
      "@salesforce/apex/OneKosmosVerificationController.byId",
      "@salesforce/apex/OneKosmosVerificationController.cancel",
      "@salesforce/apex/OneKosmosVerificationController.getVerificationsForRecord",
      "@salesforce/apexContinuation/OneKosmosVerificationController.startLongCall"
    ]);
    assert.doesNotMatch(text, /\bany\b/);
    assert.doesNotMatch(text, /@salesforce\/apex\/\*/);
  });

  it("makes cacheable methods usable with @wire and typed from the signature", () => {
    const block = moduleBlock(
      text,
      "@salesforce/apex/OneKosmosVerificationController.getVerificationsForRecord"
    );
    assert.match(
      block,
      /const getVerificationsForRecord: ApexCacheableMethod<\{ recordId\?: string \| null \}, VerificationSummary\[\] \| null>;/
    );
    assert.match(block, /export default getVerificationsForRecord;/);
    assert.match(
      block,
      /import type \{ ApexCacheableMethod \} from "@salesforce\/apex";/
    );
  });

  it("turns @AuraEnabled fields of inner classes into interfaces, following parents, enums and nested classes", () => {
    const block = moduleBlock(
      text,
      "@salesforce/apex/OneKosmosVerificationController.getVerificationsForRecord"
    );
    const summary = /export interface VerificationSummary \{([^}]*)\}/.exec(
      block
    )?.[1];
    assert.ok(summary);
    const fields = [...summary.matchAll(/^\s+(\w+)\?: ([^;]+);/gm)].map(
      (m) => `${m[1]}: ${m[2]}`
    );
    assert.deepEqual(fields, [
      "id: string",
      "name: string",
      "completedAt: string",
      "scores: Array<Record<string, number>>",
      "mode: Mode",
      "detail: Detail"
    ]);
    assert.match(block, /export type Mode = "FAST" \| "SLOW";/);
    assert.match(
      block,
      /export interface Detail extends Base \{\s+attempts\?: number;/
    );
    assert.match(block, /export interface Base \{\s+ok\?: boolean;/);
  });

  it("maps parameter types and declares plain methods as promise-returning functions", () => {
    const cancel = moduleBlock(
      text,
      "@salesforce/apex/OneKosmosVerificationController.cancel"
    );
    assert.match(
      cancel,
      /export default function cancel\(params: \{ verificationId\?: string \| null; others\?: string\[\] \| null; acct\?: Record<string, unknown> \/\* Account \*\/ \| null; custom\?: Record<string, unknown> \/\* Foo__c \*\/ \| null; kind\?: unknown \/\* Apex Schema.SObjectType \*\/ \| null; anything\?: unknown \| null \}\): Promise<void>;/
    );
    const byId = moduleBlock(
      text,
      "@salesforce/apex/OneKosmosVerificationController.byId"
    );
    assert.match(
      byId,
      /export default function byId\(params\?: Record<string, never>\): Promise<Record<string, VerificationSummary\[\]> \| null>;/
    );
    assert.doesNotMatch(byId, /ApexCacheableMethod/);
  });

  it("is the same text for the same Apex, whatever the file order", () => {
    const other = {
      file: "force-app/x/classes/Other.cls",
      text: "public class Other { @AuraEnabled public static Integer count() { return 1; } }"
    };
    const main = { file: "force-app/x/classes/Ctl.cls", text: CONTROLLER };
    assert.equal(generate([main, other]), generate([other, main]));
  });

  it("reports @AuraEnabled methods a component could never import", () => {
    const model = buildApexModel([
      {
        file: "force-app/x/classes/Bad.cls",
        text: `public class Bad {
          @AuraEnabled private static String hidden() { return null; }
          public class Inner { @AuraEnabled public static String nested() { return null; } }
          @AuraEnabled public static String twice(String a) { return a; }
          @AuraEnabled public static String twice(Integer a) { return null; }
        }`
      }
    ]);
    assert.deepEqual(
      model.problems.map((p) => p.message.replace(/:.*/, "")),
      [
        "@AuraEnabled method Bad.hidden must be public or global",
        "@AuraEnabled method Bad.twice is overloaded",
        "@AuraEnabled method Bad.Inner.nested is in an inner class"
      ]
    );
    assert.deepEqual([...model.methods.keys()], ["@salesforce/apex/Bad.twice"]);
  });

  it("says so when there is nothing to import", () => {
    assert.match(generate([]), /No @AuraEnabled static methods yet/);
  });
});
