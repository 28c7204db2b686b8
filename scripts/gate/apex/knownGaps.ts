/**
 * The reviewed list of messages the Apex semantic checker gets wrong (known-gaps.json next to this file). A message
 * is dropped only when one entry's pattern matches it; every other message is a finding. Entries stay narrow: each
 * must be anchored and must not match any of the canary messages below, which are real defects the gate has to
 * keep reporting.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface KnownGap {
  /** Regular expression over the checker's message (case-sensitive). */
  pattern: string;
  /** Why the message is wrong: the checker's gap, and how we know the code is right. */
  why: string;
}

export interface CompiledGap extends KnownGap {
  regex: RegExp;
}

export const KNOWN_GAPS_FILE = path.join(__dirname, "known-gaps.json");

/** Real defects: a gap pattern that matches one of these would hide real errors. */
export const CANARY_MESSAGES = [
  "Incompatible types in assignment, from 'System.String' to 'System.Integer'",
  "Unknown field 'Bogus__c' on SObject 'Schema.OneKosmos_Verification__c'",
  "No type declaration found for 'Schema.Undefined__c'",
  "No variable or type found for 'Undefined' on 'OneKosmosVerificationService'",
  "No matching method found for 'nope' on 'OneKosmosVerificationService' taking no arguments",
  "Unknown field or type 'OneKosmos_Missing' on 'System.Label'",
  "Expected return statement"
];

/** Reads and vets the list; throws with the reason when an entry is malformed or too broad. */
export function loadKnownGaps(file = KNOWN_GAPS_FILE): CompiledGap[] {
  const json = JSON.parse(fs.readFileSync(file, "utf8")) as {
    gaps?: unknown;
  };
  if (!Array.isArray(json.gaps))
    throw new Error(`${path.basename(file)}: expected a "gaps" array`);
  return json.gaps.map((entry: unknown, index: number) => {
    const gap = entry as Partial<KnownGap>;
    const where = `${path.basename(file)} entry ${index + 1}`;
    if (typeof gap.pattern !== "string" || typeof gap.why !== "string")
      throw new Error(`${where}: needs a "pattern" and a "why" string`);
    if (gap.why.trim().length < 20)
      throw new Error(`${where}: "why" must explain the gap`);
    if (!gap.pattern.startsWith("^"))
      throw new Error(`${where}: the pattern must be anchored with ^`);
    const regex = new RegExp(gap.pattern);
    const hidden = CANARY_MESSAGES.find((message) => regex.test(message));
    if (hidden)
      throw new Error(
        `${where}: the pattern is too broad, it would hide "${hidden}"`
      );
    return { pattern: gap.pattern, why: gap.why, regex };
  });
}

export function isKnownGap(message: string, gaps: CompiledGap[]): boolean {
  return gaps.some((gap) => gap.regex.test(message));
}
