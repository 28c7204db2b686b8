import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import type { Finding } from "../types";
import { apexSemanticCheck, shortenMessage } from "./apexSemantic";
import { CANARY_MESSAGES, loadKnownGaps } from "../apex/knownGaps";
import { checkQuery, type ProjectObjects } from "../apex/soqlFields";
import {
  apexClass,
  BASE_FILES,
  CLASSES,
  CLEAN_APEX,
  runCleanAndPlanted
} from "../apex/testFixtures";

const PLANTED = {
  // The type error sits in a class that also uses every user-mode construct the old apexlink could not parse.
  ...apexClass(
    "PlantedUserModeTypeError",
    `public with sharing class PlantedUserModeTypeError {
    public static Integer broken() {
        List<OneKosmos_Verification__c> rows = [SELECT Id FROM OneKosmos_Verification__c WITH USER_MODE LIMIT 1];
        insert as user new OneKosmos_Verification__c(Status__c = 'Pending');
        Database.insert(rows, AccessLevel.USER_MODE);
        Integer count = 'not a number';
        return count;
    }
}
`
  ),
  ...apexClass(
    "PlantedUnknownField",
    `public with sharing class PlantedUnknownField {
    public static void build() {
        OneKosmos_Verification__c v = new OneKosmos_Verification__c();
        v.Bogus__c = 1;
    }
}
`
  ),
  ...apexClass(
    "PlantedSoqlField",
    `public with sharing class PlantedSoqlField {
    public static List<OneKosmos_Verification__c> load() {
        return [
            SELECT Id, Status__c, Bogus_Soql__c
            FROM OneKosmos_Verification__c
            WHERE Missing_Where__c = :UserInfo.getUserId()
            WITH USER_MODE
            LIMIT 10
        ];
    }
}
`
  ),
  ...apexClass(
    "PlantedReservedName",
    `public with sharing class PlantedReservedName {
    public static Integer of(Integer value) {
        return value;
    }
}
`
  ),
  ...apexClass(
    "PlantedSyntaxError",
    `public with sharing class PlantedSyntaxError {
    public static Integer broken() {
        Integer value = ;
        return value;
    }
}
`
  )
};

describe("apex-semantic", { timeout: 60_000 }, () => {
  const fixture = runCleanAndPlanted(
    apexSemanticCheck,
    [CLEAN_APEX],
    [CLEAN_APEX, PLANTED]
  );

  const about = (name: string): Finding[] =>
    fixture.findings.filter((f) => f.file === `${CLASSES}/${name}.cls`);

  it("accepts current Apex: user mode, ??, Assert, AccessLevel, queryWithBinds, DomainCreator, Auth.JWTUtil", () => {
    assert.deepEqual(fixture.cleanFindings, []);
  });

  it("reports a type error in a class that uses WITH USER_MODE and insert as user", () => {
    const found = about("PlantedUserModeTypeError");
    assert.equal(found.length, 1, JSON.stringify(fixture.findings, null, 2));
    assert.match(found[0].message, /String.*Integer/);
    assert.equal(found[0].line, 6);
    assert.equal(found[0].column, 17);
  });

  it("reports an unknown field on a project object", () => {
    const found = about("PlantedUnknownField");
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.match(found[0].message, /Bogus__c/);
    assert.equal(found[0].line, 4);
  });

  it("reports unknown fields inside SOQL, in SELECT and WHERE", () => {
    const found = about("PlantedSoqlField");
    assert.deepEqual(
      found.map((f) => [f.line, f.message.match(/\w+__c/)?.[0]]),
      [
        [4, "Bogus_Soql__c"],
        [6, "Missing_Where__c"]
      ]
    );
  });

  it("reports a warning: a method named with a reserved identifier", () => {
    const found = about("PlantedReservedName");
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.match(found[0].message, /'of'.*reserved/);
  });

  it("reports a syntax error, shortened to something readable", () => {
    const found = about("PlantedSyntaxError");
    assert.ok(found.length >= 1, JSON.stringify(fixture.findings, null, 2));
    assert.match(found[0].message, /^syntax error: /);
    assert.equal(found[0].line, 3);
    assert.ok(found[0].message.length < 200, found[0].message);
  });

  it("reports nothing about the clean files next to the planted ones", () => {
    const stray = fixture.findings.filter((f) => !f.file?.includes("/Planted"));
    assert.deepEqual(stray, []);
  });
});

describe("SOQL field check", () => {
  const objects: ProjectObjects = new Map([
    [
      "onekosmos_verification__c",
      {
        name: "OneKosmos_Verification__c",
        fields: new Set(["status__c", "subject_user__c"])
      }
    ]
  ]);
  const problems = (query: string): string[] =>
    checkQuery(query, 0, objects).map((p) => p.message);

  it("accepts known fields, standard fields, relationships through known lookups and binds", () => {
    assert.deepEqual(
      problems(
        "SELECT Id, Name, Status__c, Subject_User__r.Name, toLabel(Status__c) FROM OneKosmos_Verification__c v " +
          "WHERE v.Status__c = :row.Unknown__c AND Subject_User__c IN :map.get('x').keySet() ORDER BY Status__c"
      ),
      []
    );
  });

  it("reports unknown fields and relationships, also in sub-queries", () => {
    assert.deepEqual(
      problems("SELECT Nope__c, Gone__r.Name FROM OneKosmos_Verification__c"),
      [
        "SOQL: unknown field Nope__c on OneKosmos_Verification__c (not in the project's object files)",
        "SOQL: unknown field Gone__r (no Gone__c lookup) on OneKosmos_Verification__c (not in the project's object files)"
      ]
    );
    assert.equal(
      problems(
        "SELECT Id FROM Account WHERE Id IN (SELECT Nope__c FROM OneKosmos_Verification__c)"
      ).length,
      1
    );
  });

  it("skips standard and unknown objects", () => {
    assert.deepEqual(problems("SELECT Whatever__c FROM Account"), []);
    assert.deepEqual(problems("SELECT Whatever__c FROM Other__c"), []);
  });
});

describe("known gaps list", () => {
  it("the committed list loads and hides none of the canary defects", () => {
    assert.doesNotThrow(() => loadKnownGaps());
  });

  it("refuses a pattern broad enough to hide a real defect", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "known-gaps-"));
    const file = path.join(dir, "gaps.json");
    try {
      fs.writeFileSync(
        file,
        JSON.stringify({
          gaps: [
            {
              pattern: "^Unknown field",
              why: "too broad on purpose in this test"
            }
          ]
        })
      );
      assert.throws(() => loadKnownGaps(file), /too broad/);
      assert.ok(CANARY_MESSAGES.some((m) => m.startsWith("Unknown field")));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("shortens parser token lists", () => {
    const long = `mismatched input ';' expecting {${Array.from({ length: 60 }, (_, i) => `'t${i}'`).join(", ")}}`;
    assert.equal(
      shortenMessage(long),
      "mismatched input ';' expecting one of 60 tokens"
    );
  });
});

describe(
  "apex-semantic on optional source folders",
  { timeout: 60_000 },
  () => {
    const OPTIONAL = "optional/extra";
    const withOptionalFolder = {
      "sfdx-project.json": JSON.stringify({
        ...(JSON.parse(BASE_FILES["sfdx-project.json"]) as object),
        plugins: {
          onekosmos: {
            optionalSourceFolders: [{ path: OPTIONAL, requiresObject: "Order" }]
          }
        }
      })
    };
    const optionalClass = (
      name: string,
      body: string
    ): Record<string, string> =>
      Object.fromEntries(
        Object.entries(apexClass(name, body)).map(([file, text]) => [
          file.replace(CLASSES, `${OPTIONAL}/classes`),
          text
        ])
      );
    const USES_FORCE_APP = optionalClass(
      "OptionalUsesForceApp",
      `public with sharing class OptionalUsesForceApp {
    public static String status() {
        return new OneKosmos_Verification__c(Status__c = 'Pending').Status__c;
    }
}
`
    );
    const TYPE_ERROR = optionalClass(
      "OptionalTypeError",
      `public with sharing class OptionalTypeError {
    public static Integer broken() {
        Integer count = new OneKosmos_Verification__c().Status__c;
        return count;
    }
}
`
    );
    const fixture = runCleanAndPlanted(
      apexSemanticCheck,
      [CLEAN_APEX, withOptionalFolder, USES_FORCE_APP],
      [CLEAN_APEX, withOptionalFolder, USES_FORCE_APP, TYPE_ERROR]
    );

    it("sees force-app from an optional folder", () => {
      assert.deepEqual(fixture.cleanFindings, []);
    });

    it("reports a type error in an optional folder, by its path in the project", () => {
      assert.deepEqual(
        fixture.findings.map((f) => `${f.file}:${f.line}`),
        [`${OPTIONAL}/classes/OptionalTypeError.cls:3`],
        JSON.stringify(fixture.findings, null, 2)
      );
      assert.match(fixture.findings[0].message, /String.*Integer/);
    });
  }
);
