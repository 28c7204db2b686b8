import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { apexPmdCheck } from "./apexPmd";
import {
  apexClass,
  CLASSES,
  CLEAN_APEX,
  runCleanAndPlanted
} from "../apex/testFixtures";

const PLANTED = {
  ...apexClass(
    "PlantedSoqlInLoop",
    `public with sharing class PlantedSoqlInLoop {
    public static Integer countAll(List<Id> ids) {
        Integer total = 0;
        for (Id recordId : ids) {
            total += [SELECT COUNT() FROM Account WHERE Id = :recordId WITH USER_MODE];
        }
        return total;
    }
}
`
  ),
  ...apexClass(
    "PlantedCrud",
    `public with sharing class PlantedCrud {
    public static void save(Account record) {
        insert record;
    }
}
`
  ),
  ...apexClass(
    "PlantedNoSharing",
    `public class PlantedNoSharing {
    public static List<Account> some() {
        return [SELECT Id FROM Account WITH USER_MODE LIMIT 10];
    }
}
`
  ),
  ...apexClass(
    "PlantedInjection",
    `public with sharing class PlantedInjection {
    public static List<SObject> byName(String name) {
        return Database.query('SELECT Id FROM Account WHERE Name = \\'' + name + '\\' LIMIT 10', AccessLevel.USER_MODE);
    }
}
`
  ),
  ...apexClass(
    "PlantedSuppressions",
    `@SuppressWarnings('PMD')
public with sharing class PlantedSuppressions {
    public static void save(Account record) {
        insert record;
    }
}
`
  ),
  ...apexClass(
    "PlantedBareNopmd",
    `public with sharing class PlantedBareNopmd {
    public static void save(Account record) {
        insert record; // NOPMD
    }
    public static void explained(Account record) {
        insert record; // NOPMD fixture: a suppression that says why is accepted
    }
}
`
  )
};

describe("apex-pmd", { timeout: 60_000 }, () => {
  const fixture = runCleanAndPlanted(
    apexPmdCheck,
    [CLEAN_APEX],
    [CLEAN_APEX, PLANTED]
  );

  /** "line rule" for each finding about one planted class. */
  const about = (name: string): string[] =>
    fixture.findings
      .filter((f) => f.file === `${CLASSES}/${name}.cls`)
      .map((f) => `${f.line} ${f.message.split(":")[0]}`);

  it("accepts the clean fixture (user-mode SOQL and DML, Database.*(…, AccessLevel.USER_MODE), runAs, asserts)", () => {
    assert.deepEqual(fixture.cleanFindings, []);
  });

  it("reports a SOQL query in a loop", () => {
    assert.deepEqual(about("PlantedSoqlInLoop"), [
      "5 OperationWithLimitsInLoop"
    ]);
  });

  it("reports DML without user mode", () => {
    assert.deepEqual(about("PlantedCrud"), ["3 ApexCRUDViolation"]);
  });

  it("reports a class without a sharing declaration", () => {
    assert.deepEqual(about("PlantedNoSharing"), ["1 ApexSharingViolations"]);
  });

  it("reports SOQL built from a parameter", () => {
    assert.ok(
      about("PlantedInjection").includes("3 ApexSOQLInjection"),
      JSON.stringify(fixture.findings, null, 2)
    );
  });

  it("reports a blanket @SuppressWarnings('PMD')", () => {
    const found = fixture.findings.filter(
      (f) => f.file === `${CLASSES}/PlantedSuppressions.cls`
    );
    assert.equal(found.length, 1, JSON.stringify(found, null, 2));
    assert.equal(found[0].line, 1);
    assert.match(
      found[0].message,
      /SuppressWarnings\('PMD'\) hides every rule/
    );
  });

  it("reports a NOPMD without a reason, and accepts one with a reason", () => {
    const found = fixture.findings.filter(
      (f) => f.file === `${CLASSES}/PlantedBareNopmd.cls`
    );
    assert.equal(found.length, 1, JSON.stringify(found, null, 2));
    assert.equal(found[0].line, 3);
    assert.match(
      found[0].message,
      /^ApexCRUDViolation suppressed by a bare NOPMD/
    );
  });

  it("reports nothing about the clean files next to the planted ones", () => {
    assert.deepEqual(
      fixture.findings.filter((f) => !f.file?.includes("/Planted")),
      []
    );
  });
});
