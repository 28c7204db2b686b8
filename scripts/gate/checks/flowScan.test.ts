import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import type { Finding } from "../types";
import { flowScanCheck, scheduledPathVariants } from "./flowScan";
import {
  CLEAN_FLOW,
  CREATE_IN_LOOP_FLOW,
  FLOWS,
  runCleanAndPlanted
} from "../apex/testFixtures";

const flow = (name: string): string => `${FLOWS}/${name}.flow-meta.xml`;

/** The clean flow started by an object (a platform event or a record save) instead of by a caller. */
const startedBy = (object: string, triggerType: string): string =>
  CLEAN_FLOW.replace(
    "</connector>\n    </start>",
    `</connector>\n        <object>${object}</object>\n` +
      (triggerType === "PlatformEvent"
        ? ""
        : "        <recordTriggerType>Update</recordTriggerType>\n") +
      `        <triggerType>${triggerType}</triggerType>\n    </start>`
  );

/** A record-triggered flow whose only path is Run Asynchronously: the start has no connector of its own. */
const asyncOnly = (xml: string, target: string): string =>
  xml.replace(
    /<connector>\s*<targetReference>[^<]+<\/targetReference>\s*<\/connector>\n    <\/start>/,
    "<object>Contact</object>\n        <recordTriggerType>Update</recordTriggerType>\n" +
      `        <scheduledPaths>\n            <connector>\n                <targetReference>${target}</targetReference>\n` +
      "            </connector>\n            <pathType>AsyncAfterCommit</pathType>\n        </scheduledPaths>\n" +
      "        <triggerOrder>500</triggerOrder>\n        <triggerType>RecordAfterSave</triggerType>\n    </start>"
  );

const PLANTED: Record<string, string> = {
  [flow("OneKosmos_Greeting")]: CLEAN_FLOW,
  [flow("OneKosmos_Task_Per_Contact")]: CREATE_IN_LOOP_FLOW,
  // Also off the project's conventions: no OneKosmos_ prefix, an old API version.
  [flow("Undescribed")]: CLEAN_FLOW.replace(
    "<apiVersion>67.0<",
    "<apiVersion>55.0<"
  )
    .replace(/    <description>Returns a greeting[^\n]*\n/, "")
    .replace(
      "<elementReference>name</elementReference>",
      "<stringValue>0055g00000AbCdEAAV</stringValue>"
    ),
  [flow("OneKosmos_Malformed")]: CLEAN_FLOW.replace("</label>", "</labl>"),
  // Started by an object, without a trigger order: only the record-triggered one needs it.
  [flow("OneKosmos_On_Result")]: startedBy(
    "OneKosmos_Verification_Result__e",
    "PlatformEvent"
  ),
  [flow("OneKosmos_On_Account")]: startedBy("Account", "RecordAfterSave"),
  // A create without a fault path, reachable only through the Run Asynchronously path.
  [flow("OneKosmos_Async_Task_Per_Contact")]: asyncOnly(
    CREATE_IN_LOOP_FLOW.replace(
      /\s*<faultConnector>[\s\S]*?<\/faultConnector>/,
      ""
    ),
    "Each_Contact"
  ),
  [flow("OneKosmos_Not_A_Flow")]: `<?xml version="1.0" encoding="UTF-8"?>
<CustomLabels xmlns="http://soap.sforce.com/2006/04/metadata" />
`
};

describe("flow-scan", () => {
  const fixture = runCleanAndPlanted(
    flowScanCheck,
    [{ [flow("OneKosmos_Greeting")]: CLEAN_FLOW }],
    [PLANTED]
  );

  const about = (name: string): Finding[] =>
    fixture.findings.filter((f) => f.file === flow(name));

  it("accepts a flow that follows every default rule", () => {
    assert.deepEqual(fixture.cleanFindings, []);
    assert.deepEqual(about("OneKosmos_Greeting"), []);
  });

  it("reports a Create Records element inside a loop, at the element's line", () => {
    const found = about("OneKosmos_Task_Per_Contact");
    assert.deepEqual(
      found.map((f) => f.message),
      [
        "DMLStatementInLoop (DML Statement In A Loop): recordCreates Create_Task"
      ]
    );
    assert.equal(found[0].line, 41);
  });

  it("reports a missing description, a hard-coded id, a name without OneKosmos_ and an old API version", () => {
    const rules = about("Undescribed").map((f) => f.message.split(" ")[0]);
    for (const rule of [
      "FlowDescription",
      "HardcodedId",
      "FlowName",
      "APIVersion"
    ])
      assert.ok(
        rules.includes(rule),
        `${rule} missing from ${rules.join(", ")}`
      );
  });

  it("reports a malformed flow instead of skipping it", () => {
    const found = about("OneKosmos_Malformed");
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.match(
      found[0].message,
      /not well-formed XML, so it was not scanned/
    );
    assert.equal(found[0].line, 7);
  });

  it("asks a trigger order of record-triggered flows only, not of platform-event-triggered ones", () => {
    const rulesOf = (name: string): string[] =>
      about(name).map((f) => f.message.split(" ")[0]);
    assert.ok(
      rulesOf("OneKosmos_On_Account").includes("TriggerOrder"),
      rulesOf("OneKosmos_On_Account").join(", ")
    );
    assert.ok(
      !rulesOf("OneKosmos_On_Result").includes("TriggerOrder"),
      rulesOf("OneKosmos_On_Result").join(", ")
    );
  });

  it("scans the Run Asynchronously path too (the scanner walks only the start's own connector)", () => {
    assert.ok(
      asyncOnly(CREATE_IN_LOOP_FLOW, "Each_Contact").includes(
        "<scheduledPaths>"
      ),
      "the fixture has a scheduled path"
    );
    const messages = about("OneKosmos_Async_Task_Per_Contact").map(
      (f) => f.message
    );
    assert.ok(
      messages.includes(
        "MissingFaultPath (Missing Fault Path): recordCreates Create_Task"
      ),
      messages.join("\n")
    );
    assert.ok(
      !messages.some((m) => m.startsWith("UnconnectedElement")),
      messages.join("\n")
    );
  });

  it("makes one copy per scheduled path, its start leading into that path", () => {
    const xml = asyncOnly(CREATE_IN_LOOP_FLOW, "Each_Contact").replace(
      "<object>Contact</object>",
      "<connector><targetReference>Immediate</targetReference></connector><object>Contact</object>"
    );
    const variants = scheduledPathVariants(xml);
    assert.equal(variants.length, 1);
    const start = /<start>([\s\S]*?)<\/start>/.exec(variants[0])?.[1] ?? "";
    const direct = start.replace(
      /<scheduledPaths>[\s\S]*?<\/scheduledPaths>/g,
      ""
    );
    assert.match(
      direct,
      /<connector><targetReference>Each_Contact<\/targetReference><\/connector>/
    );
    assert.doesNotMatch(direct, /Immediate/);
    assert.deepEqual(scheduledPathVariants(CLEAN_FLOW), []);
  });

  it("reports a flow file whose root is not <Flow>", () => {
    const found = about("OneKosmos_Not_A_Flow");
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.match(found[0].message, /no <Flow> root element/);
  });
});
