/**
 * Every state the preview page shows; the browser tests start from the same states. A scenario only configures the
 * platform doubles (Apex answers, empApi, popups) and the component's public properties: the component does the rest.
 * Dates are fixed so screenshots do not change from run to run.
 */
import type { Scenario } from "./controls";

export const HISTORY = "oneKosmosVerificationHistory";
export const HISTORY_APEX =
  "OneKosmosVerificationController.getVerificationsForRecord";
export const RECORD_ID = "001000000000001AAA";

/** What OneKosmosVerificationController.getVerificationsForRecord returns for a record with four verifications. */
export const HISTORY_ROWS = [
  {
    id: "a0B000000000004AAA",
    name: "V-0004",
    type: "Step-up",
    status: "Verified",
    statusValue: "Verified",
    method: "LiveID",
    actionName: "Change bank details",
    assuranceLevel: "IAL2",
    createdDate: "2026-11-27T14:02:00.000Z",
    completedAt: "2026-11-27T14:03:10.000Z"
  },
  {
    id: "a0B000000000003AAA",
    name: "V-0003",
    type: "Step-up",
    status: "Failed",
    statusValue: "Failed",
    method: "LiveID",
    actionName: "Change bank details",
    reasonCode: "wrong_username",
    createdDate: "2026-11-26T09:15:00.000Z",
    completedAt: "2026-11-26T09:16:30.000Z"
  },
  {
    id: "a0B000000000002AAA",
    name: "V-0002",
    type: "Step-up",
    status: "Expired",
    statusValue: "Expired",
    method: "LiveID",
    actionName: "Close account",
    reasonCode: "expired",
    createdDate: "2026-11-20T16:40:00.000Z"
  },
  {
    id: "a0B000000000001AAA",
    name: "V-0001",
    type: "Step-up",
    status: "Pending",
    statusValue: "Pending",
    method: "LiveID",
    actionName: "Close account",
    createdDate: "2026-11-19T11:00:00.000Z"
  }
];

const historyScenarios: Scenario[] = [
  {
    id: "history-loading",
    title: "Verification history: loading",
    component: HISTORY,
    props: { recordId: RECORD_ID },
    setup: (h) => h.apex.set(HISTORY_APEX, { hold: true })
  },
  {
    id: "history-empty",
    title: "Verification history: no verifications yet",
    component: HISTORY,
    props: { recordId: RECORD_ID },
    setup: (h) => h.apex.set(HISTORY_APEX, { resolve: [] })
  },
  {
    id: "history-error",
    title: "Verification history: Apex error",
    component: HISTORY,
    props: { recordId: RECORD_ID },
    setup: (h) =>
      h.apex.set(HISTORY_APEX, {
        reject: {
          status: 500,
          statusText: "Server Error",
          body: { message: "You do not have access to this record." }
        }
      })
  },
  {
    id: "history-list",
    title: "Verification history: list with status badges",
    component: HISTORY,
    props: { recordId: RECORD_ID },
    setup: (h) => h.apex.set(HISTORY_APEX, { resolve: HISTORY_ROWS })
  }
];

export const SCENARIOS: Scenario[] = [...historyScenarios];
