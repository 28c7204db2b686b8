import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { apexTestReferencesCheck, testMethods } from "./apexTestReferences";
import type { ApexFile } from "../apex/apexSource";
import {
  apexClass,
  CLASSES,
  CLEAN_APEX,
  TRIGGERS,
  triggerMeta,
  runCleanAndPlanted
} from "../apex/testFixtures";

const asFile = (name: string, text: string): ApexFile => ({
  path: `/x/${name}.cls`,
  rel: `${name}.cls`,
  name,
  kind: "class",
  text
});

const PLANTED = {
  // Named only in a comment of a test: that is not a test of it.
  ...apexClass(
    "PlantedUntested",
    `public with sharing class PlantedUntested {
    public static Integer one() {
        return 1;
    }
}
`
  ),
  ...apexClass(
    "PlantedNoAssertTest",
    `@IsTest
private class PlantedNoAssertTest {
    // PlantedUntested is not really tested here.
    @IsTest
    static void runsWithoutChecking() {
        FixtureVerifications.myDomain();
        System.debug('Assert.isTrue(true) in a string is not an assertion');
    }
}
`
  ),
  ...apexClass(
    "PlantedNoMethodsTest",
    `@IsTest
private class PlantedNoMethodsTest {
    static void forgotTheAnnotation() {
        Assert.isTrue(true, 'never runs');
    }
}
`
  ),
  // A test utility (@IsTest, no test methods, not named …Test) needs no assertion; its DML exercises the trigger.
  ...apexClass(
    "PlantedTestData",
    `@IsTest
public class PlantedTestData {
    public static OneKosmos_Verification__c row() {
        OneKosmos_Verification__c row = new OneKosmos_Verification__c(Status__c = 'Pending');
        insert as user row;
        return row;
    }
}
`
  ),
  [`${TRIGGERS}/PlantedExercisedTrigger.trigger`]: `trigger PlantedExercisedTrigger on OneKosmos_Verification__c(before insert) {
    FixtureVerifications.createAll(Trigger.new);
}
`,
  [`${TRIGGERS}/PlantedExercisedTrigger.trigger-meta.xml`]: triggerMeta,
  [`${TRIGGERS}/PlantedLonelyTrigger.trigger`]: `trigger PlantedLonelyTrigger on Contact(before insert) {
    FixtureVerifications.myDomain();
}
`,
  [`${TRIGGERS}/PlantedLonelyTrigger.trigger-meta.xml`]: triggerMeta
};

describe("apex-test-references", () => {
  const fixture = runCleanAndPlanted(
    apexTestReferencesCheck,
    [CLEAN_APEX],
    [CLEAN_APEX, PLANTED]
  );

  it("accepts a class named by a test class that asserts", () => {
    assert.deepEqual(fixture.cleanFindings, []);
  });

  it("reports exactly the planted problems, each with its file", () => {
    assert.deepEqual(
      fixture.findings.map((f) => `${f.file}: ${f.message}`),
      [
        `${CLASSES}/PlantedUntested.cls: no @IsTest class names PlantedUntested: it has no test`,
        `${TRIGGERS}/PlantedLonelyTrigger.trigger: no @IsTest class exercises trigger PlantedLonelyTrigger: name it, or do DML on Contact in a test`,
        `${CLASSES}/PlantedNoAssertTest.cls: test class PlantedNoAssertTest has no test method with an assertion (Assert.* or System.assert*)`,
        `${CLASSES}/PlantedNoMethodsTest.cls: test class PlantedNoMethodsTest has no test method (@IsTest static void …)`
      ]
    );
  });
});

describe("test method detection", () => {
  it("finds @IsTest and testMethod methods and whether each asserts", () => {
    const methods = testMethods(
      asFile(
        "SomeTest",
        `@IsTest(SeeAllData=false)
private class SomeTest {
    @TestSetup
    static void setup() {
        Assert.isTrue(true, 'setup is not a test');
    }
    @IsTest
    static void one() {
        if (true) {
            System.assertEquals(1, 1, 'legacy assert');
        }
    }
    @IsTest(isParallel=true)
    private static void two() {
        Integer x = 1;
    }
    static testMethod void three() {
        Assert.areEqual(1, 1, 'modern assert');
    }
}
`
      )
    );
    assert.deepEqual(
      methods.map((m) => [m.name, m.asserts]),
      [
        ["one", true],
        ["two", false],
        ["three", true]
      ]
    );
  });
});
