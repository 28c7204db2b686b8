/**
 * Every Apex class and trigger is exercised by a test, and every test class asserts something. Apex tests only run
 * in an org, so offline this is the closest proof: a non-test class must be named (whole word, any case, comments
 * ignored) by an @IsTest class; a trigger must be named by one, or a test class must do DML on the trigger's object;
 * a test class (an @IsTest class named …Test or …Tests, or any @IsTest class with test methods) must have a test
 * method that calls Assert.* or System.assert*. @IsTest classes with other names and no test methods are test
 * utilities (data factories, mocks) and need neither.
 */
import type { Check, CheckContext, Finding } from "../types";
import {
  type ApexFile,
  codeOnly,
  isTestClass,
  lineColumn,
  readApexFiles
} from "../apex/apexSource";

const NAME = "apex-test-references";

export interface TestMethod {
  name: string;
  offset: number;
  asserts: boolean;
}

/** Index of the brace that closes the one at `open` in code whose strings and comments are blanked. */
function closingBrace(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === "{") depth++;
    else if (code[i] === "}" && --depth === 0) return i;
  }
  return code.length;
}

const ASSERTION = /\b(Assert\s*\.\s*\w+|System\s*\.\s*assert\w*)\s*\(/i;

/** The test methods of a class (`@IsTest` methods and legacy `testMethod` ones) and whether each asserts. */
export function testMethods(file: ApexFile): TestMethod[] {
  const code = codeOnly(file.text);
  const methods: TestMethod[] = [];
  // An annotation or the testMethod modifier, then modifiers and a return type, then name( … ) {
  const declaration =
    /(@isTest\b(?:\s*\([^)]*\))?|\btestMethod\b)([\s\w<>,.[\]@()']*?)\b(\w+)\s*\(([^)]*)\)\s*\{/gi;
  let match: RegExpExecArray | null;
  while ((match = declaration.exec(code))) {
    // An @IsTest on the class itself is followed by `class Name {`, not by a method.
    if (/\bclass\b/i.test(match[2])) continue;
    const open = match.index + match[0].length - 1;
    const close = closingBrace(code, open);
    methods.push({
      name: match[3],
      offset: match.index,
      asserts: ASSERTION.test(code.slice(open, close))
    });
    declaration.lastIndex = close;
  }
  return methods;
}

/** The SObject a trigger is on. */
export function triggerObject(file: ApexFile): string | undefined {
  return /\btrigger\s+\w+\s+on\s+(\w+)/i.exec(codeOnly(file.text))?.[1];
}

const DML =
  /\b(insert|update|upsert|delete|undelete)\b(?:\s+as\s+(?:user|system))?\s+[\w(]|\bDatabase\s*\.\s*(insert|update|upsert|delete|undelete)\w*\s*\(/i;

function namesWord(code: string, word: string): boolean {
  return new RegExp(`(^|[^\\w])${word}(?![\\w])`, "i").test(code);
}

export function testReferenceFindings(files: ApexFile[]): Finding[] {
  const findings: Finding[] = [];
  const tests = files.filter(isTestClass);
  // Strings stay: a test may reach a class through Type.forName('Name').
  const testCode = tests.map((file) => ({
    file,
    code: codeOnly(file.text, true)
  }));

  for (const file of files) {
    if (isTestClass(file)) continue;
    const others = testCode.filter((t) => t.file !== file);
    if (others.some((t) => namesWord(t.code, file.name))) continue;
    if (file.kind === "trigger") {
      const object = triggerObject(file);
      const exercised =
        object !== undefined &&
        others.some(
          (t) => namesWord(t.code, object) && DML.test(codeOnly(t.file.text))
        );
      if (exercised) continue;
      findings.push({
        check: NAME,
        file: file.rel,
        message: `no @IsTest class exercises trigger ${file.name}: name it, or do DML on ${object ?? "its object"} in a test`
      });
      continue;
    }
    findings.push({
      check: NAME,
      file: file.rel,
      message: `no @IsTest class names ${file.name}: it has no test`
    });
  }

  for (const file of tests) {
    const methods = testMethods(file);
    const namedAsTest = /tests?$/i.test(file.name);
    if (methods.length === 0) {
      if (namedAsTest)
        findings.push({
          check: NAME,
          file: file.rel,
          message: `test class ${file.name} has no test method (@IsTest static void …)`
        });
      continue;
    }
    if (!methods.some((m) => m.asserts)) {
      findings.push({
        check: NAME,
        file: file.rel,
        ...lineColumn(file.text, methods[0].offset),
        message: `test class ${file.name} has no test method with an assertion (Assert.* or System.assert*)`
      });
    }
  }
  return findings;
}

export const apexTestReferencesCheck: Check = {
  name: NAME,
  description:
    "every Apex class and trigger is named (or, for a trigger, exercised) by a test class; every test class asserts",
  async run(ctx: CheckContext): Promise<Finding[]> {
    return Promise.resolve(testReferenceFindings(readApexFiles(ctx.root)));
  }
};
