import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import {
  describePlan,
  objectPresence,
  parseOrgArgs,
  planOptionalFolders,
  requireOrg,
  sourceDirsFor,
  UsageError
} from "./common";
import { parseCreateArgs } from "./create";
import { coverageOf, parseMinCoverage } from "./testApex";

describe("org command arguments", () => {
  it("reads the target org in every spelling and keeps the rest", () => {
    assert.deepEqual(parseOrgArgs(["-o", "dev", "--skip-gate"]), {
      targetOrg: "dev",
      rest: ["--skip-gate"]
    });
    assert.equal(parseOrgArgs(["--target-org", "a@b.c"]).targetOrg, "a@b.c");
    assert.equal(parseOrgArgs(["--target-org=dev"]).targetOrg, "dev");
  });
  it("refuses -o without a value", () => {
    assert.throws(() => parseOrgArgs(["-o"]), UsageError);
    assert.throws(
      () => parseOrgArgs(["-o", "--skip-gate"]),
      /needs an org alias/
    );
  });
  it("scratch org options: defaults, --full, bad duration", () => {
    assert.equal(
      parseCreateArgs([]).definitionFile,
      "config/project-scratch-def.json"
    );
    assert.equal(
      parseCreateArgs(["--full"]).definitionFile,
      "config/project-scratch-def-full.json"
    );
    assert.equal(parseCreateArgs(["-a", "x", "-v", "hub"]).devHub, "hub");
    assert.throws(() => parseCreateArgs(["-y", "90"]), /1 to 30/);
    assert.throws(() => parseCreateArgs(["--nope"]), /unknown option/);
  });
  it("coverage: parses sf percentages and the minimum", () => {
    assert.equal(
      coverageOf({
        outcome: "Passed",
        testsRan: 1,
        failing: 0,
        orgWideCoverage: "91%"
      }),
      91
    );
    assert.equal(
      coverageOf({
        outcome: "Passed",
        testsRan: 1,
        failing: 0,
        testRunCoverage: "88%"
      }),
      88
    );
    assert.equal(
      coverageOf({ outcome: "Passed", testsRan: 1, failing: 0 }),
      undefined
    );
    assert.equal(parseMinCoverage([]), 90);
    assert.equal(parseMinCoverage(["--min-coverage", "75"]), 75);
    assert.throws(() => parseMinCoverage(["--min-coverage", "120"]), /0–100/);
  });
});

describe("commands that need an org fail clearly without one", () => {
  it("says how to pass an org when none is given", () => {
    assert.throws(
      () => requireOrg(undefined, "deploy"),
      (e: Error) =>
        e instanceof UsageError &&
        /npm run deploy -- -o <alias>/.test(e.message)
    );
  });
  it("says how to authorise an org that is unknown (runs the pinned sf CLI offline)", () => {
    assert.throws(
      () => requireOrg("onekosmos-no-such-org", "validate"),
      (e: Error) =>
        e instanceof UsageError &&
        /No org is authorised as "onekosmos-no-such-org"/.test(e.message) &&
        /sf org login web/.test(e.message)
    );
  });
});

describe("optional source folders", () => {
  const orders = { path: "optional/orders", requiresObject: "Order" };
  const loyalty = {
    path: "optional/loyalty",
    requiresObject: "LoyaltyProgram"
  };
  const moreOrders = { path: "optional/order-flows", requiresObject: "Order" };

  it("adds a folder only when the org has its object, and asks once per object", () => {
    const asked: string[] = [];
    const plan = planOptionalFolders([orders, loyalty, moreOrders], (name) => {
      asked.push(name);
      return name === "Order";
    });
    assert.deepEqual(plan.added, [orders, moreOrders]);
    assert.deepEqual(
      plan.skipped.map((entry) => entry.folder),
      [loyalty]
    );
    assert.match(plan.skipped[0].reason, /no LoyaltyProgram object/);
    assert.deepEqual(asked, ["Order", "LoyaltyProgram"]);
  });
  it("adds nothing where the feature is off, and prints why", () => {
    const plan = planOptionalFolders([orders], () => false);
    assert.deepEqual(plan.added, []);
    assert.deepEqual(describePlan(plan), [
      "  - optional/orders skipped: the org has no Order object (the feature is off)"
    ]);
    assert.deepEqual(describePlan(planOptionalFolders([orders], () => true)), [
      "  + optional/orders (the org has Order)"
    ]);
  });
  it("gives deploy, validate and org:create force-app plus the folders the org has the feature for", () => {
    const log = console.log;
    console.log = () => undefined;
    try {
      assert.deepEqual(
        sourceDirsFor("scratch", [orders, loyalty], (name) => name === "Order"),
        ["force-app", "optional/orders"]
      );
      assert.deepEqual(
        sourceDirsFor("scratch", [orders], () => false),
        ["force-app"]
      );
    } finally {
      console.log = log;
    }
  });
  it("reads sf sobject describe: present, unknown object, other failures", () => {
    const ok = {
      status: 0,
      stdout: JSON.stringify({ status: 0, result: { name: "Order" } }),
      stderr: ""
    };
    assert.equal(objectPresence("Order", ok), true);
    const missing = {
      status: 1,
      stdout: JSON.stringify({
        status: 1,
        name: "NOT_FOUND",
        message: "The requested resource does not exist"
      }),
      stderr: ""
    };
    assert.equal(objectPresence("Order", missing), false);
    const invalidType = {
      status: 1,
      stdout: JSON.stringify({ status: 1, name: "INVALID_TYPE" }),
      stderr: ""
    };
    assert.equal(objectPresence("Order", invalidType), false);
    const expired = {
      status: 1,
      stdout: JSON.stringify({
        status: 1,
        name: "INVALID_SESSION_ID",
        message: "Session expired or invalid"
      }),
      stderr: ""
    };
    assert.throws(() => objectPresence("Order", expired), /Session expired/);
    assert.throws(
      () => objectPresence("Order", { status: 1, stdout: "", stderr: "boom" }),
      /boom/
    );
  });
});
