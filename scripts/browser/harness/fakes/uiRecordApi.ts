/**
 * Test double of `lightning/uiRecordApi` and the record store behind the lightning-record-view-form and
 * lightning-output-field stand-ins: the test puts a record's field labels and display values here (what Lightning Data
 * Service would return for the running user), and notifyRecordUpdateAvailable makes the output fields read it again.
 */
import type { FakeRecordField } from "../controls";

const records = new Map<string, Record<string, FakeRecordField>>();
const notified: string[] = [];
const listeners = new Set<() => void>();

export function notifyRecordUpdateAvailable(
  recordIds: { recordId: string }[]
): Promise<void> {
  notified.push(...recordIds.map((item) => item.recordId));
  for (const listener of listeners) listener();
  return Promise.resolve();
}

/** What an output field shows: undefined when the record or the field is not readable. */
export function readField(
  recordId: string | undefined,
  fieldName: string | undefined
): FakeRecordField | undefined {
  if (!recordId || !fieldName) return undefined;
  return records.get(recordId)?.[fieldName];
}

/** Called after every notifyRecordUpdateAvailable; returns the function that stops listening. */
export function onRecordUpdate(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const recordControls = {
  set(recordId: string, fields: Record<string, FakeRecordField>): void {
    records.set(recordId, JSON.parse(JSON.stringify(fields)) as never);
  },
  notified(): string[] {
    return [...notified];
  }
};
