/**
 * The gate must be shown to fail. This test copies the project to a temp folder, plants one defect of each kind the
 * gate promises to catch, runs the gate on the copy, and asserts that each defect is reported, by the right check,
 * with a message that names the planted file — and that nothing else in the (clean) copy is reported.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Finding } from "./types";
import { bin, run, TOOL_ROOT } from "./run";

const CORE = "force-app/main/core";
const API = "67.0";

const apexMeta = `<?xml version="1.0" encoding="UTF-8"?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>${API}</apiVersion>
    <status>Active</status>
</ApexClass>
`;

const field = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
${body}
</CustomField>
`;

const componentMeta = `<?xml version="1.0" encoding="UTF-8"?>
<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>${API}</apiVersion>
    <isExposed>false</isExposed>
</LightningComponentBundle>
`;

interface Defect {
  kind: string;
  /** Files to write, relative to the copy's root. */
  files: Record<string, string>;
  /** The file every finding about this defect must name. */
  reportedFile: string;
  /** Checks allowed to report it (at least one of them must). */
  checks: string[];
  /** Something the message must say, so the finding is about this defect and not a coincidence. */
  mentions: RegExp;
}

const DEFECTS: Defect[] = [
  {
    kind: "Apex type error (in a class that also uses WITH USER_MODE and insert as user)",
    files: {
      [`${CORE}/classes/PlantedTypeError.cls`]: `public with sharing class PlantedTypeError {
    public static Integer broken() {
        List<Account> accounts = [SELECT Id FROM Account WITH USER_MODE LIMIT 1];
        insert as user new Account(Name = 'planted');
        Integer count = 'not a number';
        return count + accounts.size();
    }
}
`,
      [`${CORE}/classes/PlantedTypeError.cls-meta.xml`]: apexMeta
    },
    reportedFile: `${CORE}/classes/PlantedTypeError.cls`,
    checks: ["apex-semantic"],
    mentions: /Integer|String|assign|incompatible/i
  },
  {
    kind: "unknown field on an SObject",
    files: {
      [`${CORE}/classes/PlantedUnknownField.cls`]: `public with sharing class PlantedUnknownField {
    public static OneKosmos_Verification__c build() {
        OneKosmos_Verification__c verification = new OneKosmos_Verification__c();
        verification.Planted_Bogus__c = 'x';
        return verification;
    }
}
`,
      [`${CORE}/classes/PlantedUnknownField.cls-meta.xml`]: apexMeta
    },
    reportedFile: `${CORE}/classes/PlantedUnknownField.cls`,
    checks: ["apex-semantic"],
    mentions: /Planted_Bogus__c/i
  },
  {
    kind: "SOQL query in a loop",
    files: {
      [`${CORE}/classes/PlantedSoqlInLoop.cls`]: `public with sharing class PlantedSoqlInLoop {
    public static Integer countAll(List<Id> ids) {
        Integer total = 0;
        for (Id recordId : ids) {
            total += [SELECT COUNT() FROM Account WHERE Id = :recordId WITH USER_MODE];
        }
        return total;
    }
}
`,
      [`${CORE}/classes/PlantedSoqlInLoop.cls-meta.xml`]: apexMeta
    },
    reportedFile: `${CORE}/classes/PlantedSoqlInLoop.cls`,
    checks: ["apex-pmd"],
    mentions: /loop/i
  },
  {
    kind: "malformed XML",
    files: {
      [`${CORE}/objects/OneKosmos_Verification__c/fields/Planted_Malformed__c.field-meta.xml`]:
        field(
          "    <fullName>Planted_Malformed__c</fullName>\n    <label>Planted<label>\n    <type>Checkbox</type>"
        )
    },
    reportedFile: `${CORE}/objects/OneKosmos_Verification__c/fields/Planted_Malformed__c.field-meta.xml`,
    checks: ["metadata-well-formed"],
    mentions: /./
  },
  {
    kind: "unknown metadata element",
    files: {
      [`${CORE}/objects/OneKosmos_Verification__c/fields/Planted_Unknown__c.field-meta.xml`]:
        field(
          "    <fullName>Planted_Unknown__c</fullName>\n    <defaultValue>false</defaultValue>\n" +
            "    <lable>Planted</lable>\n    <label>Planted</label>\n    <type>Checkbox</type>"
        )
    },
    reportedFile: `${CORE}/objects/OneKosmos_Verification__c/fields/Planted_Unknown__c.field-meta.xml`,
    checks: ["metadata-schema"],
    mentions: /lable/
  },
  {
    kind: "wrong enum value",
    files: {
      [`${CORE}/objects/OneKosmos_Verification__c/fields/Planted_Enum__c.field-meta.xml`]:
        field(
          "    <fullName>Planted_Enum__c</fullName>\n    <label>Planted</label>\n    <length>10</length>\n" +
            "    <type>Txt</type>"
        )
    },
    reportedFile: `${CORE}/objects/OneKosmos_Verification__c/fields/Planted_Enum__c.field-meta.xml`,
    checks: ["metadata-schema"],
    mentions: /Txt/
  },
  {
    kind: "TypeScript type error",
    files: {
      [`${CORE}/lwc/plantedTypeError/plantedTypeError.ts`]: `import { LightningElement } from 'lwc';

export default class PlantedTypeError extends LightningElement {
  count: number = 'not a number';
}
`,
      [`${CORE}/lwc/plantedTypeError/plantedTypeError.html`]:
        "<template><p>{count}</p></template>\n",
      [`${CORE}/lwc/plantedTypeError/plantedTypeError.js-meta.xml`]:
        componentMeta
    },
    reportedFile: `${CORE}/lwc/plantedTypeError/plantedTypeError.ts`,
    checks: ["typescript"],
    mentions: /TS2322|not assignable/
  },
  {
    kind: "TypeScript component left unbuilt",
    files: {
      [`${CORE}/lwc/plantedUnbuilt/plantedUnbuilt.ts`]: `import { LightningElement } from 'lwc';

export default class PlantedUnbuilt extends LightningElement {
  greeting = 'unbuilt';
}
`,
      [`${CORE}/lwc/plantedUnbuilt/plantedUnbuilt.html`]:
        "<template><p>{greeting}</p></template>\n",
      [`${CORE}/lwc/plantedUnbuilt/plantedUnbuilt.js-meta.xml`]: componentMeta
    },
    reportedFile: `${CORE}/lwc/plantedUnbuilt/plantedUnbuilt.ts`,
    checks: ["lwc-build", "unclaimed-files"],
    mentions: /build/i
  }
];

const CHECKS = [...new Set(DEFECTS.flatMap((d) => d.checks))];

function copyProject(from: string, to: string): void {
  fs.cpSync(from, to, {
    recursive: true,
    filter: (source) => {
      const rel = path.relative(from, source).split(path.sep)[0];
      return !["node_modules", ".git", "coverage", ".sfdx", ".sf"].includes(
        rel
      );
    }
  });
  // The copy uses the real project's tools.
  fs.symlinkSync(
    path.join(from, "node_modules"),
    path.join(to, "node_modules"),
    "dir"
  );
}

describe(
  "the gate catches each planted defect and names its file",
  { timeout: 300_000 },
  () => {
    let copy: string;
    let findings: Finding[];
    let exitCode: number;

    before(async () => {
      copy = fs.mkdtempSync(path.join(os.tmpdir(), "gate-planted-"));
      copyProject(TOOL_ROOT, copy);
      // Start from a built, clean copy: the defects below are the only thing wrong with it.
      const build = await run(
        bin("tsx"),
        [path.join("scripts", "build", "build.ts")],
        { cwd: copy }
      );
      assert.equal(
        build.code,
        0,
        `the copy must build before defects are planted:\n${build.stdout}${build.stderr}`
      );
      for (const defect of DEFECTS) {
        for (const [rel, content] of Object.entries(defect.files)) {
          fs.mkdirSync(path.dirname(path.join(copy, rel)), { recursive: true });
          fs.writeFileSync(path.join(copy, rel), content);
        }
      }
      const jsonFile = path.join(copy, "gate-findings.json");
      const gate = await run(
        bin("tsx"),
        [
          path.join(TOOL_ROOT, "scripts", "gate", "gate.ts"),
          "--root",
          copy,
          "--no-build",
          "--only",
          CHECKS.join(","),
          "--json",
          jsonFile
        ],
        { cwd: copy }
      );
      exitCode = gate.code;
      assert.ok(
        fs.existsSync(jsonFile),
        `the gate wrote no findings file:\n${gate.stdout}${gate.stderr}`
      );
      findings = JSON.parse(fs.readFileSync(jsonFile, "utf8")) as Finding[];
    });

    after(() => {
      if (copy) fs.rmSync(copy, { recursive: true, force: true });
    });

    it("fails the run", () => {
      assert.equal(exitCode, 1, "a gate with planted defects must exit 1");
    });

    for (const defect of DEFECTS) {
      it(`reports: ${defect.kind}`, () => {
        const about = findings.filter(
          (f) =>
            f.file === defect.reportedFile && defect.checks.includes(f.check)
        );
        assert.ok(
          about.length > 0,
          `no ${defect.checks.join("/")} finding names ${defect.reportedFile}; findings were:\n` +
            findings
              .map(
                (f) =>
                  `  [${f.check}] ${f.file ?? "-"}: ${f.message.split("\n")[0]}`
              )
              .join("\n")
        );
        assert.ok(
          about.some((f) => defect.mentions.test(f.message)),
          `the findings on ${defect.reportedFile} do not say ${defect.mentions}: ${about.map((f) => f.message).join(" | ")}`
        );
      });
    }

    it("reports nothing but the planted defects (the rest of the copy is clean)", () => {
      const planted = new Set(DEFECTS.flatMap((d) => Object.keys(d.files)));
      // A planted component is a whole bundle: findings on any of its files are about the defect.
      const plantedDirs = [...planted]
        .filter((file) => file.includes("/lwc/"))
        .map((file) => path.posix.dirname(file));
      const stray = findings.filter(
        (f) =>
          !f.file ||
          !(
            planted.has(f.file) ||
            plantedDirs.some((dir) => f.file?.startsWith(`${dir}/`)) ||
            // New, unbuilt components also leave the generated c/* paths stale: a true consequence of the plant.
            (f.check === "lwc-build" && f.file === "tsconfig.json")
          )
      );
      assert.deepEqual(
        stray.map(
          (f) => `[${f.check}] ${f.file ?? "-"}: ${f.message.split("\n")[0]}`
        ),
        [],
        "findings about files that were not planted"
      );
    });
  }
);
