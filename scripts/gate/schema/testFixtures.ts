/**
 * Small Salesforce DX projects in temp directories, for the metadata checks' tests. `cleanProject()` is a project
 * every metadata check passes; tests plant one defect in a copy of it and expect a finding that names the file.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Check, Finding } from "../types";

export const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
const XML = '<?xml version="1.0" encoding="UTF-8"?>';
const CORE = "force-app/main/core";

/** The forceignore of the real project, so fixtures behave as the project does. */
export const FORCEIGNORE = [
  "package.xml",
  "**/jsconfig.json",
  "**/tsconfig*.json",
  "**/*.ts",
  "**/*.js.map",
  "**/__tests__/**",
  "**/*.test.js"
].join("\n");

/** Files of a small project that every metadata check passes; keys are paths relative to the project root. */
export function cleanProject(): Record<string, string> {
  return {
    "sfdx-project.json": JSON.stringify({
      packageDirectories: [{ path: "force-app", default: true }],
      sourceApiVersion: "67.0"
    }),
    ".forceignore": FORCEIGNORE,
    "config/project-scratch-def.json": '{"edition": "Developer"}',
    [`${CORE}/classes/OneKosmosThing.cls`]:
      "public with sharing class OneKosmosThing {}\n",
    [`${CORE}/classes/OneKosmosThing.cls-meta.xml`]: `${XML}
<ApexClass ${NS}>
  <apiVersion>67.0</apiVersion>
  <status>Active</status>
</ApexClass>
`,
    [`${CORE}/objects/Thing__c/Thing__c.object-meta.xml`]: `${XML}
<CustomObject ${NS}>
  <deploymentStatus>Deployed</deploymentStatus>
  <label>Thing</label>
  <nameField>
    <displayFormat>T-{0000}</displayFormat>
    <label>Thing Number</label>
    <type>AutoNumber</type>
  </nameField>
  <pluralLabel>Things</pluralLabel>
  <sharingModel>Private</sharingModel>
</CustomObject>
`,
    [`${CORE}/objects/Thing__c/fields/Name__c.field-meta.xml`]: `${XML}
<CustomField ${NS}>
  <fullName>Name__c</fullName>
  <label>Name</label>
  <length>80</length>
  <required>false</required>
  <type>Text</type>
</CustomField>
`,
    [`${CORE}/objects/Thing__c/fields/Kind__c.field-meta.xml`]: `${XML}
<CustomField ${NS}>
  <fullName>Kind__c</fullName>
  <label>Kind</label>
  <type>Picklist</type>
  <valueSet>
    <restricted>true</restricted>
    <valueSetDefinition>
      <sorted>false</sorted>
      <value>
        <fullName>Big</fullName>
        <default>false</default>
        <label>Big</label>
      </value>
    </valueSetDefinition>
  </valueSet>
</CustomField>
`,
    [`${CORE}/objects/Conf__mdt/Conf__mdt.object-meta.xml`]: `${XML}
<CustomObject ${NS}>
  <label>Conf</label>
  <pluralLabel>Confs</pluralLabel>
  <visibility>Public</visibility>
</CustomObject>
`,
    [`${CORE}/objects/Conf__mdt/fields/Host__c.field-meta.xml`]: `${XML}
<CustomField ${NS}>
  <fullName>Host__c</fullName>
  <fieldManageability>SubscriberControlled</fieldManageability>
  <label>Host</label>
  <length>20</length>
  <type>Text</type>
</CustomField>
`,
    [`${CORE}/objects/Conf__mdt/fields/Enabled__c.field-meta.xml`]: `${XML}
<CustomField ${NS}>
  <fullName>Enabled__c</fullName>
  <defaultValue>false</defaultValue>
  <fieldManageability>SubscriberControlled</fieldManageability>
  <label>Enabled</label>
  <type>Checkbox</type>
</CustomField>
`,
    [`${CORE}/objects/Conf__mdt/fields/Minutes__c.field-meta.xml`]: `${XML}
<CustomField ${NS}>
  <fullName>Minutes__c</fullName>
  <fieldManageability>SubscriberControlled</fieldManageability>
  <label>Minutes</label>
  <precision>4</precision>
  <scale>0</scale>
  <type>Number</type>
</CustomField>
`,
    [`${CORE}/customMetadata/Conf.Default.md-meta.xml`]: `${XML}
<CustomMetadata ${NS} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <label>Default</label>
  <protected>false</protected>
  <values>
    <field>Host__c</field>
    <value xsi:nil="true"/>
  </values>
  <values>
    <field>Enabled__c</field>
    <value xsi:type="xsd:boolean">true</value>
  </values>
  <values>
    <field>Minutes__c</field>
    <value xsi:type="xsd:double">5.0</value>
  </values>
</CustomMetadata>
`,
    [`${CORE}/labels/CustomLabels.labels-meta.xml`]: `${XML}
<CustomLabels ${NS}>
  <labels>
    <fullName>OneKosmos_Hello</fullName>
    <language>en_US</language>
    <protected>false</protected>
    <shortDescription>Greeting</shortDescription>
    <value>Hello</value>
  </labels>
</CustomLabels>
`,
    [`${CORE}/permissionsets/Thing_User.permissionset-meta.xml`]: `${XML}
<PermissionSet ${NS}>
  <classAccesses>
    <apexClass>OneKosmosThing</apexClass>
    <enabled>true</enabled>
  </classAccesses>
  <customMetadataTypeAccesses>
    <enabled>true</enabled>
    <name>Conf__mdt</name>
  </customMetadataTypeAccesses>
  <externalCredentialPrincipalAccesses>
    <enabled>true</enabled>
    <externalCredentialPrincipal>Svc-Svc_Principal</externalCredentialPrincipal>
  </externalCredentialPrincipalAccesses>
  <fieldPermissions>
    <editable>false</editable>
    <field>Thing__c.Kind__c</field>
    <readable>true</readable>
  </fieldPermissions>
  <fieldPermissions>
    <editable>false</editable>
    <field>Account.Rating</field>
    <readable>true</readable>
  </fieldPermissions>
  <hasActivationRequired>false</hasActivationRequired>
  <label>Thing User</label>
  <objectPermissions>
    <allowCreate>false</allowCreate>
    <allowDelete>false</allowDelete>
    <allowEdit>false</allowEdit>
    <allowRead>true</allowRead>
    <modifyAllRecords>false</modifyAllRecords>
    <object>Thing__c</object>
    <viewAllRecords>false</viewAllRecords>
  </objectPermissions>
</PermissionSet>
`,
    [`${CORE}/externalCredentials/Svc.externalCredential-meta.xml`]: `${XML}
<ExternalCredential ${NS}>
  <authenticationProtocol>Custom</authenticationProtocol>
  <externalCredentialParameters>
    <parameterGroup>Svc_Principal</parameterGroup>
    <parameterName>Svc_Principal</parameterName>
    <parameterType>NamedPrincipal</parameterType>
    <sequenceNumber>1</sequenceNumber>
  </externalCredentialParameters>
  <label>Service</label>
</ExternalCredential>
`,
    [`${CORE}/layouts/Thing__c-Thing Layout.layout-meta.xml`]: `${XML}
<Layout ${NS}>
  <layoutSections>
    <customLabel>false</customLabel>
    <detailHeading>true</detailHeading>
    <editHeading>true</editHeading>
    <label>Information</label>
    <layoutColumns>
      <layoutItems>
        <behavior>Readonly</behavior>
        <field>Name</field>
      </layoutItems>
      <layoutItems>
        <behavior>Edit</behavior>
        <field>Kind__c</field>
      </layoutItems>
    </layoutColumns>
    <style>OneColumn</style>
  </layoutSections>
</Layout>
`,
    [`${CORE}/objects/Thing__c/listViews/All.listView-meta.xml`]: `${XML}
<ListView ${NS}>
  <fullName>All</fullName>
  <columns>NAME</columns>
  <columns>Kind__c</columns>
  <filterScope>Everything</filterScope>
  <filters>
    <field>Name__c</field>
    <operation>notEqual</operation>
    <value></value>
  </filters>
  <label>All</label>
</ListView>
`,
    [`${CORE}/lwc/thingCard/thingCard.ts`]:
      'import { LightningElement } from "lwc";\nexport default class ThingCard extends LightningElement {}\n',
    [`${CORE}/lwc/thingCard/thingCard.js`]:
      'import { LightningElement } from "lwc";\nexport default class ThingCard extends LightningElement {}\n',
    [`${CORE}/lwc/thingCard/thingCard.html`]:
      "<template><p>Thing</p></template>\n",
    [`${CORE}/lwc/thingCard/thingCard.js-meta.xml`]: `${XML}
<LightningComponentBundle ${NS}>
  <apiVersion>67.0</apiVersion>
  <isExposed>true</isExposed>
  <targets>
    <target>lightning__RecordPage</target>
  </targets>
  <targetConfigs>
    <targetConfig targets="lightning__RecordPage">
      <objects>
        <object>Thing__c</object>
      </objects>
    </targetConfig>
  </targetConfigs>
</LightningComponentBundle>
`,
    [`${CORE}/lwc/thingCard/__tests__/thingCard.test.ts`]:
      'describe("thingCard", () => { it("renders", () => {}); });\n',
    [`${CORE}/lwc/thingCard/tsconfig.json`]: "{}\n"
  };
}

export const CORE_DIR = CORE;

/** Writes `files` into a fresh temp directory and returns its path. */
export function writeProject(files: Record<string, string>): string {
  const root = fs.mkdtempSync(
    path.join(os.tmpdir(), "onekosmos-gate-fixture-")
  );
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return root;
}

export function removeProject(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}

/** Runs a check on a project made of `files` (then deleted), returning its findings. */
export async function runOn(
  check: Check,
  files: Record<string, string>
): Promise<Finding[]> {
  const root = writeProject(files);
  try {
    return await check.run({ root, log: () => undefined });
  } finally {
    removeProject(root);
  }
}

/** `cleanProject()` with one file replaced by `edit(original)`. */
export function withEdit(
  file: string,
  edit: (original: string) => string
): Record<string, string> {
  const files = cleanProject();
  const original = files[file];
  if (original === undefined) throw new Error(`fixture has no ${file}`);
  const changed = edit(original);
  if (changed === original) throw new Error(`edit of ${file} changed nothing`);
  files[file] = changed;
  return files;
}

/** Readable findings for assertion messages. */
export function describeFindings(findings: Finding[]): string {
  return (
    findings
      .map(
        (finding) => `${finding.file}:${finding.line ?? ""} ${finding.message}`
      )
      .join("\n") || "(none)"
  );
}
