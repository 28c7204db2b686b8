/**
 * Small SFDX projects in temp folders for the Apex and Flow check tests: a clean base (an object with a few fields,
 * a class written the way the project writes Apex, and its test) to which a test adds planted defects.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before } from "node:test";
import { TOOL_ROOT } from "../run";
import type { Check, Finding } from "../types";

export const CLASSES = "force-app/main/core/classes";
export const TRIGGERS = "force-app/main/core/triggers";
export const FLOWS = "force-app/main/core/flows";
const OBJECT = "force-app/main/core/objects/OneKosmos_Verification__c";

export const classMeta = `<?xml version="1.0" encoding="UTF-8"?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>67.0</apiVersion>
    <status>Active</status>
</ApexClass>
`;

export const triggerMeta = `<?xml version="1.0" encoding="UTF-8"?>
<ApexTrigger xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>67.0</apiVersion>
    <status>Active</status>
</ApexTrigger>
`;

const field = (
  name: string,
  body: string
): string => `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>${name}</fullName>
    <label>${name}</label>
${body}
</CustomField>
`;

/** The data model slice the fixtures use: a custom object with a text, a number and a lookup field. */
export const BASE_FILES: Record<string, string> = {
  "sfdx-project.json": JSON.stringify(
    {
      packageDirectories: [{ path: "force-app", default: true }],
      name: "fixture",
      namespace: "",
      sourceApiVersion: "67.0"
    },
    null,
    2
  ),
  [`${OBJECT}/OneKosmos_Verification__c.object-meta.xml`]: `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <deploymentStatus>Deployed</deploymentStatus>
    <label>Verification</label>
    <nameField>
        <displayFormat>VER-{00000000}</displayFormat>
        <label>Name</label>
        <type>AutoNumber</type>
    </nameField>
    <pluralLabel>Verifications</pluralLabel>
    <sharingModel>Private</sharingModel>
</CustomObject>
`,
  [`${OBJECT}/fields/Status__c.field-meta.xml`]: field(
    "Status__c",
    "    <length>40</length>\n    <type>Text</type>"
  ),
  [`${OBJECT}/fields/Policy_Version__c.field-meta.xml`]: field(
    "Policy_Version__c",
    "    <precision>6</precision>\n    <scale>0</scale>\n    <type>Number</type>"
  ),
  [`${OBJECT}/fields/Subject_User__c.field-meta.xml`]: field(
    "Subject_User__c",
    "    <deleteConstraint>SetNull</deleteConstraint>\n    <referenceTo>User</referenceTo>\n    <relationshipName>Subject_User</relationshipName>\n    <type>Lookup</type>"
  )
};

/** Current Apex the semantic checker and PMD must both accept: user mode, `??`, Assert, AccessLevel, JWTUtil. */
export const CLEAN_CLASS = `public with sharing class FixtureVerifications {
    public static List<OneKosmos_Verification__c> mine(Id userId) {
        return [
            SELECT Id, Status__c, Policy_Version__c, Subject_User__r.Name
            FROM OneKosmos_Verification__c
            WHERE Subject_User__c = :userId AND Status__c != 'Bogus__c'
            WITH USER_MODE
            ORDER BY CreatedDate DESC
            LIMIT 200
        ];
    }

    public static List<OneKosmos_Verification__c> byStatus(String status) {
        Map<String, Object> binds = new Map<String, Object>{ 'status' => status };
        return Database.queryWithBinds(
            'SELECT Id, Status__c FROM OneKosmos_Verification__c WHERE Status__c = :status LIMIT 200',
            binds,
            AccessLevel.USER_MODE
        );
    }

    public static Id create(String status) {
        OneKosmos_Verification__c row = new OneKosmos_Verification__c(Status__c = status ?? 'Pending');
        insert as user row;
        return row.Id;
    }

    public static void createAll(List<OneKosmos_Verification__c> rows) {
        Database.insert(rows, AccessLevel.USER_MODE);
    }

    public static String myDomain() {
        return DomainCreator.getOrgMyDomainHostname();
    }

    public static Auth.JWT validate(String token, String keysUrl) {
        return Auth.JWTUtil.validateJWTWithKeysEndpoint(token, keysUrl, true);
    }
}
`;

export const CLEAN_TEST = `@IsTest
private class FixtureVerificationsTest {
    @IsTest
    static void createsARowTheOwnerCanRead() {
        User owner = new User(Id = UserInfo.getUserId());
        System.runAs(owner) {
            Test.startTest();
            Id created = FixtureVerifications.create(null);
            Test.stopTest();
            Assert.isNotNull(created, 'a row is created');
            Assert.areEqual(1, FixtureVerifications.mine(owner.Id).size(), 'the owner reads the row');
        }
    }
}
`;

export const CLEAN_APEX: Record<string, string> = {
  [`${CLASSES}/FixtureVerifications.cls`]: CLEAN_CLASS,
  [`${CLASSES}/FixtureVerifications.cls-meta.xml`]: classMeta,
  [`${CLASSES}/FixtureVerificationsTest.cls`]: CLEAN_TEST,
  [`${CLASSES}/FixtureVerificationsTest.cls-meta.xml`]: classMeta
};

/** A class file and its meta file. */
export function apexClass(name: string, body: string): Record<string, string> {
  return {
    [`${CLASSES}/${name}.cls`]: body,
    [`${CLASSES}/${name}.cls-meta.xml`]: classMeta
  };
}

/** Writes the files, and the project's real PMD ruleset, into a new temp folder and returns its path. */
export function makeProject(...parts: Record<string, string>[]): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "gate-apex-fixture-"));
  fs.mkdirSync(path.join(root, "config"));
  fs.copyFileSync(
    path.join(TOOL_ROOT, "config", "pmd-ruleset.xml"),
    path.join(root, "config", "pmd-ruleset.xml")
  );
  for (const files of [BASE_FILES, ...parts]) {
    for (const [rel, content] of Object.entries(files)) {
      const file = path.join(root, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
  }
  return root;
}

export function removeProject(root: string | undefined): void {
  if (root) fs.rmSync(root, { recursive: true, force: true });
}

export interface FixtureRun {
  /** What the check found in the clean fixture (expected: nothing). */
  cleanFindings: Finding[];
  /** What it found in the clean fixture with the defects planted beside it. */
  findings: Finding[];
}

/**
 * Registers node:test hooks that run `check` once on a clean fixture and once on a planted one (in parallel), and
 * remove both afterwards. Call inside a `describe`; read the results in its tests.
 */
export function runCleanAndPlanted(
  check: Check,
  clean: Record<string, string>[],
  planted: Record<string, string>[]
): FixtureRun {
  const result: FixtureRun = { cleanFindings: [], findings: [] };
  const roots: string[] = [];
  before(async () => {
    roots.push(makeProject(...clean), makeProject(...planted));
    [result.cleanFindings, result.findings] = await Promise.all(
      roots.map((root) => check.run({ root, log: () => undefined }))
    );
  });
  after(() => roots.forEach(removeProject));
  return result;
}

const canvas = `    <processMetadataValues>
        <name>BuilderType</name>
        <value>
            <stringValue>LightningFlowBuilder</stringValue>
        </value>
    </processMetadataValues>
    <processMetadataValues>
        <name>CanvasMode</name>
        <value>
            <stringValue>AUTO_LAYOUT_CANVAS</stringValue>
        </value>
    </processMetadataValues>
    <processMetadataValues>
        <name>OriginBuilderType</name>
        <value>
            <stringValue>LightningFlowBuilder</stringValue>
        </value>
    </processMetadataValues>`;

/** A flow every default scanner rule accepts: described, auto-layout, current API, active, every variable used. */
export const CLEAN_FLOW = `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>67.0</apiVersion>
    <assignments>
        <description>Builds the greeting from the name.</description>
        <name>Build_Greeting</name>
        <label>Build greeting</label>
        <locationX>176</locationX>
        <locationY>134</locationY>
        <assignmentItems>
            <assignToReference>greeting</assignToReference>
            <operator>Assign</operator>
            <value>
                <elementReference>name</elementReference>
            </value>
        </assignmentItems>
    </assignments>
    <description>Returns a greeting for a name (fixture of the gate's flow check).</description>
    <environments>Default</environments>
    <interviewLabel>Greeting {!$Flow.CurrentDateTime}</interviewLabel>
    <label>Greeting</label>
${canvas}
    <processType>AutoLaunchedFlow</processType>
    <start>
        <locationX>50</locationX>
        <locationY>0</locationY>
        <connector>
            <targetReference>Build_Greeting</targetReference>
        </connector>
    </start>
    <status>Active</status>
    <variables>
        <description>The greeting returned to the caller.</description>
        <name>greeting</name>
        <dataType>String</dataType>
        <isCollection>false</isCollection>
        <isInput>false</isInput>
        <isOutput>true</isOutput>
    </variables>
    <variables>
        <description>The name to greet.</description>
        <name>name</name>
        <dataType>String</dataType>
        <isCollection>false</isCollection>
        <isInput>true</isInput>
        <isOutput>false</isOutput>
    </variables>
</Flow>
`;

/** Clean but for one thing: a Create Records element inside a loop. */
export const CREATE_IN_LOOP_FLOW = `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>67.0</apiVersion>
    <description>Creates one task per contact (planted defect: the create is inside the loop).</description>
    <environments>Default</environments>
    <interviewLabel>Task per contact {!$Flow.CurrentDateTime}</interviewLabel>
    <label>Task per contact</label>
    <loops>
        <description>Visits each contact.</description>
        <name>Each_Contact</name>
        <label>Each contact</label>
        <locationX>176</locationX>
        <locationY>134</locationY>
        <collectionReference>contacts</collectionReference>
        <iterationOrder>Asc</iterationOrder>
        <nextValueConnector>
            <targetReference>Create_Task</targetReference>
        </nextValueConnector>
    </loops>
${canvas}
    <processType>AutoLaunchedFlow</processType>
    <recordCreates>
        <description>Creates the contact's task.</description>
        <name>Create_Task</name>
        <label>Create task</label>
        <locationX>264</locationX>
        <locationY>242</locationY>
        <connector>
            <targetReference>Each_Contact</targetReference>
        </connector>
        <faultConnector>
            <isGoTo>true</isGoTo>
            <targetReference>Each_Contact</targetReference>
        </faultConnector>
        <inputAssignments>
            <field>WhoId</field>
            <value>
                <elementReference>Each_Contact.Id</elementReference>
            </value>
        </inputAssignments>
        <object>Task</object>
    </recordCreates>
    <start>
        <locationX>50</locationX>
        <locationY>0</locationY>
        <connector>
            <targetReference>Each_Contact</targetReference>
        </connector>
    </start>
    <status>Active</status>
    <variables>
        <description>The contacts to create tasks for.</description>
        <name>contacts</name>
        <dataType>SObject</dataType>
        <isCollection>true</isCollection>
        <isInput>true</isInput>
        <isOutput>false</isOutput>
        <objectType>Contact</objectType>
    </variables>
</Flow>
`;
