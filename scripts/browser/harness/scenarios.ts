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
    completedAt: "2026-11-27T14:03:10.000Z",
    subjectName: "Dana Whitfield",
    policyName: "Bank_Details_Change",
    policyVersion: 2,
    evidenceHash:
      "3f9a1c0e7b2d4a6f8e1c3b5d7f9a0c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d1f3a"
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
    subjectName: "Dana Whitfield",
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

export const STEP_UP = "oneKosmosStepUp";
export const START_APEX = "OneKosmosStepUpController.startStepUp";
export const STATUS_APEX = "OneKosmosStepUpController.getStepUpStatus";
export const CANCEL_APEX = "OneKosmosStepUpController.cancelStepUp";
export const RESULT_CHANNEL = "/event/OneKosmos_Verification_Result__e";
export const VERIFICATION_ID = "a0B000000000005AAA";
export const TENANT_ORIGIN = "https://acme.1kosmos.net";
export const AUTHORIZE_URL = `${TENANT_ORIGIN}/oauth2/community/acme/v1/authorize?response_type=code&client_id=sf&state=s1`;
export const STEP_UP_PROPS = {
  recordId: RECORD_ID,
  actionName: "Change_Bank_Details"
};
/** How long a verification stays open in these scenarios (the settings' default). */
export const STEP_UP_LIFETIME_MS = 5 * 60 * 1000;

/**
 * What startStepUp answers: the verification expires STEP_UP_LIFETIME_MS from now. The callback origin is the
 * harness page's own, so a test can post the callback page's message from it.
 */
export function startResponse(lifetimeMs = STEP_UP_LIFETIME_MS): object {
  return {
    verificationId: VERIFICATION_ID,
    authorizeUrl: AUTHORIZE_URL,
    tenantOrigin: TENANT_ORIGIN,
    callbackOrigin: window.location.origin,
    expiresAt: new Date(Date.now() + lifetimeMs).toISOString(),
    status: "Pending"
  };
}

/** What getStepUpStatus or cancelStepUp answers for the verification. */
export function statusResponse(
  status: string,
  extra: Record<string, unknown> = {}
): object {
  const isFinal = status !== "Pending";
  return {
    verificationId: VERIFICATION_ID,
    status,
    statusLabel: status,
    isFinal,
    expiresAt: new Date(Date.now() + STEP_UP_LIFETIME_MS).toISOString(),
    completedAt: isFinal ? new Date().toISOString() : undefined,
    ...extra
  };
}

/** The server side of a step-up that is still pending: it starts, and every status read says Pending. */
function pendingStepUp(h: Parameters<Scenario["setup"]>[0]): void {
  h.apex.set(START_APEX, { resolve: startResponse() });
  h.apex.set(STATUS_APEX, { resolve: statusResponse("Pending") });
  h.apex.set(CANCEL_APEX, { resolve: statusResponse("Cancelled") });
}

const stepUpScenarios: Scenario[] = [
  {
    id: "stepup-ready",
    title: "Step-up: ready to start",
    component: STEP_UP,
    props: STEP_UP_PROPS,
    setup: pendingStepUp
  },
  {
    id: "stepup-waiting",
    title: "Step-up: waiting for the 1Kosmos app (popup open)",
    component: STEP_UP,
    props: { ...STEP_UP_PROPS, autoStart: true },
    setup: pendingStepUp
  },
  {
    id: "stepup-popup-blocked",
    title: "Step-up: waiting, popup blocked (link to open the page)",
    component: STEP_UP,
    props: { ...STEP_UP_PROPS, autoStart: true },
    setup: (h) => {
      pendingStepUp(h);
      h.popup.setMode("blocked");
    }
  },
  {
    id: "stepup-verified",
    title: "Step-up: verified",
    component: STEP_UP,
    props: { ...STEP_UP_PROPS, autoStart: true },
    setup: (h) => {
      pendingStepUp(h);
      h.apex.set(STATUS_APEX, {
        resolve: statusResponse("Verified", { assuranceLevel: "IAL2" })
      });
    }
  },
  {
    id: "stepup-failed",
    title: "Step-up: failed (approved from another 1Kosmos account)",
    component: STEP_UP,
    props: { ...STEP_UP_PROPS, autoStart: true },
    setup: (h) => {
      pendingStepUp(h);
      h.apex.set(STATUS_APEX, {
        resolve: statusResponse("Failed", { reasonCode: "wrong_username" })
      });
    }
  },
  {
    id: "stepup-expired",
    title: "Step-up: expired",
    component: STEP_UP,
    props: { ...STEP_UP_PROPS, autoStart: true },
    setup: (h) => {
      pendingStepUp(h);
      // Expires a moment after it starts, so the page shows the expired state.
      h.apex.set(START_APEX, { resolve: startResponse(1000) });
    }
  },
  {
    id: "stepup-error",
    title: "Step-up: error (Apex refused to start)",
    component: STEP_UP,
    props: { ...STEP_UP_PROPS, autoStart: true },
    setup: (h) =>
      h.apex.set(START_APEX, {
        reject: {
          status: 500,
          body: {
            message:
              "1Kosmos could not be reached or is not configured. Try again later or contact your administrator."
          }
        }
      })
  }
];

export const SCENARIOS: Scenario[] = [...historyScenarios, ...stepUpScenarios];
