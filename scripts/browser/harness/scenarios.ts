/**
 * Every state the preview page shows; the browser tests start from the same states. A scenario only configures the
 * platform doubles (Apex answers, empApi, popups) and the component's public properties: the component does the rest.
 * Dates are fixed so screenshots do not change from run to run.
 */
import type { Scenario } from "./controls";
import { proofingScenarios } from "./proofingScenarios";

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

/** Resolves once `find` returns an element (the component renders after its Apex answers), or fails after a while. */
async function waitFor<T>(
  find: () => T | null | undefined,
  what: string
): Promise<T> {
  for (let waited = 0; waited < 5000; waited += 20) {
    const found = find();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${what} did not appear`);
}

/** An element inside a component's (synthetic) shadow root. */
function inShadow(
  host: Element | null | undefined,
  selector: string
): HTMLElement | null {
  return host?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
}

export const APPROVE = "oneKosmosApproveAndSave";
export const FORM_APEX = "OneKosmosApproveAndSaveController.getApprovalForm";
export const PREPARE_APEX = "OneKosmosApproveAndSaveController.prepareApproval";
export const SAVE_APEX = "OneKosmosApproveAndSaveController.saveApprovedChange";
export const OPPORTUNITY_ID = "006000000000001AAA";
export const APPROVE_ACTION = "Large_Deal_Change";
export const APPROVE_PROPS = { recordId: OPPORTUNITY_ID };
/** The amount the scenarios' user types: over the policy's threshold. */
export const NEW_AMOUNT = "1500000";

/** What getApprovalForm returns for an Opportunity whose policy guards Amount and StageName (Probability read-only). */
export function approvalForm(amount = "250000"): object {
  return {
    objectApiName: "Opportunity",
    objectLabel: "Opportunity",
    actionName: APPROVE_ACTION,
    actionNames: [APPROVE_ACTION],
    hasPolicies: true,
    fields: [
      {
        apiName: "Amount",
        label: "Amount",
        type: "currency",
        value: amount,
        editable: true,
        required: false,
        scale: 2
      },
      {
        apiName: "StageName",
        label: "Stage",
        type: "picklist",
        value: "Negotiation/Review",
        editable: true,
        required: true,
        options: [
          { label: "Prospecting", value: "Prospecting" },
          { label: "Negotiation/Review", value: "Negotiation/Review" },
          { label: "Closed Won", value: "Closed Won" }
        ]
      },
      {
        apiName: "Probability",
        label: "Probability (%)",
        type: "percent",
        value: "90",
        editable: false,
        scale: 0
      },
      {
        apiName: "Description",
        label: "Description",
        type: "textarea",
        value: "Multi-year renewal",
        editable: true,
        maxLength: 32000
      }
    ]
  };
}

/** What prepareApproval answers when the change needs a step-up: the exact values the gate will bind. */
export const STEP_UP_PREPARATION = {
  stepUpRequired: true,
  reason: "Opportunity amounts over 1,000,000 need a LiveID approval.",
  actionName: APPROVE_ACTION,
  policyName: "Large_Deal",
  guardedValuesJson: `{"Amount":${NEW_AMOUNT},"StageName":"Negotiation/Review"}`
};

/** The gate's refusal when the approval was already spent (OneKosmos_StepUp_Gate_Not_Spent with the service's reason). */
export const GATE_REFUSAL =
  "The 1Kosmos approval for this save could not be used: This verification has already been used for a save. Each verification approves one save: verify again. Start a new 1Kosmos step-up for this action and save through it.";

/** The server side of the form: it loads; prepare and save answer as the arguments say. */
function approvalServer(
  h: Parameters<Scenario["setup"]>[0],
  preparation: object,
  outcome: object
): void {
  h.apex.set(FORM_APEX, { resolve: approvalForm() });
  h.apex.set(PREPARE_APEX, { resolve: preparation });
  h.apex.set(SAVE_APEX, { resolve: outcome });
  pendingStepUp(h);
}

/** The user types the new amount into the form and presses Verify and Save, as in the browser. */
async function typeAmountAndSubmit(host: HTMLElement): Promise<void> {
  const amountHost = await waitFor(
    () => inShadow(host, 'lightning-input[data-field="Amount"]'),
    "the Amount input"
  );
  const amount = await waitFor(
    () => inShadow(amountHost, "input") as HTMLInputElement | null,
    "the native Amount input"
  );
  amount.value = NEW_AMOUNT;
  amount.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
  // Let the component take the new value before the button is pressed.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const submit = inShadow(
    inShadow(host, 'lightning-button[data-id="submit"]'),
    "button"
  );
  if (!submit) throw new Error("no Verify and Save button");
  submit.click();
}

const approveScenarios: Scenario[] = [
  {
    id: "approve-form",
    title: "Verify and Save: the form of the guarded fields",
    component: APPROVE,
    props: APPROVE_PROPS,
    setup: (h) => approvalServer(h, STEP_UP_PREPARATION, { saved: true })
  },
  {
    id: "approve-choose",
    title:
      "Verify and Save: the object has several actions, the user chooses one",
    component: APPROVE,
    props: APPROVE_PROPS,
    setup: (h) => {
      approvalServer(h, STEP_UP_PREPARATION, { saved: true });
      h.apex.set(FORM_APEX, {
        resolve: {
          objectApiName: "Opportunity",
          objectLabel: "Opportunity",
          actionNames: [APPROVE_ACTION, "Close_Deal"],
          hasPolicies: true,
          fields: []
        }
      });
    }
  },
  {
    id: "approve-step-up",
    title: "Verify and Save: step-up required, waiting for the 1Kosmos app",
    component: APPROVE,
    props: APPROVE_PROPS,
    setup: (h) => approvalServer(h, STEP_UP_PREPARATION, { saved: true }),
    act: async (host) => {
      await typeAmountAndSubmit(host);
      await waitFor(
        () =>
          inShadow(
            inShadow(host, "c-one-kosmos-step-up"),
            '[data-id="waiting"]'
          ),
        "the step-up's waiting state"
      );
    }
  },
  {
    id: "approve-saved",
    title: "Verify and Save: saved without a step-up (under the threshold)",
    component: APPROVE,
    props: APPROVE_PROPS,
    setup: (h) => approvalServer(h, { stepUpRequired: false }, { saved: true }),
    act: async (host) => {
      await typeAmountAndSubmit(host);
      // After the save the component reads the form again: the server now has the new amount.
      window.harness.apex.set(FORM_APEX, { resolve: approvalForm(NEW_AMOUNT) });
      await waitFor(
        () => window.harness.toasts().length > 0,
        "the saved toast"
      );
      await waitFor(
        () => inShadow(host, '[data-id="intro"]'),
        "the form again"
      );
    }
  },
  {
    id: "approve-refused",
    title: "Verify and Save: verified, but the gate refused the save",
    component: APPROVE,
    props: APPROVE_PROPS,
    setup: (h) => {
      approvalServer(h, STEP_UP_PREPARATION, {
        saved: false,
        errors: [GATE_REFUSAL]
      });
      // The step-up completes as soon as the component asks.
      h.apex.set(STATUS_APEX, {
        resolve: statusResponse("Verified", { assuranceLevel: "IAL2" })
      });
    },
    act: async (host) => {
      await typeAmountAndSubmit(host);
      await waitFor(() => inShadow(host, '[data-id="error"]'), "the refusal");
    }
  }
];

export const PROTECTED = "oneKosmosProtectedFields";
export const ACCESS_APEX = "OneKosmosSessionAccessController.getSessionAccess";
export const ACTIVATE_APEX =
  "OneKosmosSessionAccessController.activateSessionAccess";
export const CASE_ID = "500000000000001AAA";
export const PROTECTED_PROPS = {
  recordId: CASE_ID,
  objectApiName: "Case",
  actionName: "View_PHI",
  fieldNames: "OneKosmos_PHI_Summary__c,OneKosmos_Diagnosis_Code__c"
};
/**
 * When the access ends in the "access active" scenario: a fixed instant (the card shows its time, 14:35 UTC, so the
 * screenshot does not change), years ahead so the component never ends the access while a test looks at it.
 */
export const ACCESS_EXPIRES_AT = "2036-11-28T14:35:00.000Z";
/** What the user can read of the Case once the session has the access. */
export const PHI_FIELDS = {
  OneKosmos_PHI_Summary__c: {
    label: "PHI Summary",
    value: "Type 2 diabetes, well controlled; metformin 500 mg twice daily."
  },
  OneKosmos_Diagnosis_Code__c: { label: "Diagnosis Code", value: "E11.9" }
};
export const ACTIVE_ACCESS = {
  active: true,
  expiresAt: ACCESS_EXPIRES_AT,
  ruleName: "Case_View_PHI"
};

const protectedScenarios: Scenario[] = [
  {
    id: "protected-locked",
    title: "Protected fields: protected, step-up offered",
    component: PROTECTED,
    props: PROTECTED_PROPS,
    setup: (h) => {
      h.apex.set(ACCESS_APEX, { resolve: { active: false } });
      h.apex.set(ACTIVATE_APEX, { resolve: ACTIVE_ACCESS });
      h.records.set(CASE_ID, PHI_FIELDS);
      pendingStepUp(h);
    }
  },
  {
    id: "protected-open",
    title: "Protected fields: access active, fields shown until a time",
    component: PROTECTED,
    props: PROTECTED_PROPS,
    setup: (h) => {
      h.apex.set(ACCESS_APEX, { resolve: ACTIVE_ACCESS });
      h.records.set(CASE_ID, PHI_FIELDS);
    }
  }
];

export const SCENARIOS: Scenario[] = [
  ...historyScenarios,
  ...stepUpScenarios,
  ...approveScenarios,
  ...protectedScenarios,
  ...proofingScenarios
];
