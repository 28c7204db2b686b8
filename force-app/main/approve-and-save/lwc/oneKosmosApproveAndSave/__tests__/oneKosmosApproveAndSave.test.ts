// oneKosmosApproveAndSave: the form of guarded fields, prepare → save directly or step up with exactly the values the
// server returned → save with the verification id; errors in the live region; toast, record refresh and close on
// success; an action picker where the object has several; accessibility.
import { createElement } from "lwc";
import OneKosmosApproveAndSave from "c/oneKosmosApproveAndSave";
import getApprovalForm from "@salesforce/apex/OneKosmosApproveAndSaveController.getApprovalForm";
import type { ApprovalForm } from "@salesforce/apex/OneKosmosApproveAndSaveController.getApprovalForm";
import prepareApproval from "@salesforce/apex/OneKosmosApproveAndSaveController.prepareApproval";
import saveApprovedChange from "@salesforce/apex/OneKosmosApproveAndSaveController.saveApprovedChange";
import startStepUp from "@salesforce/apex/OneKosmosStepUpController.startStepUp";
import cancelStepUp from "@salesforce/apex/OneKosmosStepUpController.cancelStepUp";
import { notifyRecordUpdateAvailable } from "lightning/uiRecordApi";
import { ShowToastEventName } from "jest-mocks/lightning/platformShowToastEvent";
import type { ShowToastEventConfig } from "lightning/platformShowToastEvent";
import type { StepUpEventDetail } from "c/oneKosmosStepUp";
import notSavedLabel from "@salesforce/label/c.OneKosmos_Approve_Not_Saved";
import savedLabel from "@salesforce/label/c.OneKosmos_Approve_Saved";
import errorUnknownLabel from "@salesforce/label/c.OneKosmos_Approve_Error_Unknown";
import noEditableLabel from "@salesforce/label/c.OneKosmos_Approve_No_Editable";
import closeLabel from "@salesforce/label/c.OneKosmos_Approve_Close";
import stepUpCancelLabel from "@salesforce/label/c.OneKosmos_StepUp_Cancel";

import type * as FlowSupportMock from "jest-mocks/lightning/flowSupport";

jest.mock(
  "@salesforce/apex/OneKosmosApproveAndSaveController.getApprovalForm",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/OneKosmosApproveAndSaveController.prepareApproval",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/OneKosmosApproveAndSaveController.saveApprovedChange",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
// The real step-up component is shown; its Apex never answers here, so it stays "starting".
jest.mock(
  "@salesforce/apex/OneKosmosStepUpController.startStepUp",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/OneKosmosStepUpController.getStepUpStatus",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/OneKosmosStepUpController.cancelStepUp",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock("lightning/flowSupport", () =>
  jest.requireActual<typeof FlowSupportMock>("jest-mocks/lightning/flowSupport")
);
// Jest resolves labels to their names; the reason needs the placeholder of the real text.
jest.mock(
  "@salesforce/label/c.OneKosmos_Approve_Step_Up_Needed",
  () => ({ default: "This change needs your approval. {0}" }),
  { virtual: true }
);
// Jest has no lightning/actions: a stand-in with a name the tests listen for.
jest.mock(
  "lightning/actions",
  () => ({
    CloseActionScreenEvent: class extends CustomEvent<unknown> {
      constructor() {
        super("test_close_action_screen");
      }
    }
  }),
  { virtual: true }
);

const formMock = jest.mocked(getApprovalForm);
const prepareMock = jest.mocked(prepareApproval);
const saveMock = jest.mocked(saveApprovedChange);
const startMock = jest.mocked(startStepUp);
const cancelMock = jest.mocked(cancelStepUp);
const notifyMock = jest.mocked(notifyRecordUpdateAvailable);

const RECORD_ID = "006000000000001AAA";
const VERIFICATION_ID = "a01000000000001AAA";
const ACTION = "Large_Transfer";
const GUARDED_JSON = '{"Amount":1000000,"StageName":"Prospecting"}';
const GATE_MESSAGE =
  "This save needs a 1Kosmos LiveID step-up for the action Large_Transfer.";

interface ApproveElement extends HTMLElement {
  recordId?: string;
  actionName?: string;
}

interface StepUpElement extends HTMLElement {
  recordId?: string;
  actionName?: string;
  guardedValuesJson?: string;
  autoStart?: boolean;
}

interface Mounted {
  element: ApproveElement;
  toasts: ShowToastEventConfig[];
  closes: Event[];
}

function approvalForm(overrides: Partial<ApprovalForm> = {}): ApprovalForm {
  return {
    objectApiName: "Opportunity",
    objectLabel: "Opportunity",
    actionName: ACTION,
    actionNames: [ACTION],
    hasPolicies: true,
    fields: [
      {
        apiName: "Amount",
        label: "Amount",
        type: "currency",
        value: "100",
        editable: true,
        required: false,
        scale: 2,
        options: []
      },
      {
        apiName: "StageName",
        label: "Stage",
        type: "picklist",
        value: "Prospecting",
        editable: true,
        required: true,
        options: [
          { label: "Prospecting", value: "Prospecting" },
          { label: "Closed Won", value: "Closed Won" }
        ]
      },
      {
        apiName: "IsPrivate",
        label: "Private",
        type: "checkbox",
        value: "false",
        editable: true,
        options: []
      },
      {
        apiName: "Description",
        label: "Description",
        type: "textarea",
        value: "Saved",
        editable: false,
        options: []
      }
    ],
    ...overrides
  };
}

async function flush(): Promise<void> {
  // eslint-disable-next-line no-await-in-loop -- each await lets one more step of a promise chain run
  for (let i = 0; i < 25; i++) await Promise.resolve();
}

async function mount(props: Partial<ApproveElement> = {}): Promise<Mounted> {
  const element = createElement("c-one-kosmos-approve-and-save", {
    is: OneKosmosApproveAndSave
  }) as ApproveElement;
  Object.assign(element, { recordId: RECORD_ID, ...props });
  const toasts: ShowToastEventConfig[] = [];
  const closes: Event[] = [];
  element.addEventListener(ShowToastEventName, (event) =>
    toasts.push((event as CustomEvent<ShowToastEventConfig>).detail)
  );
  element.addEventListener("test_close_action_screen", (event) =>
    closes.push(event)
  );
  document.body.appendChild(element);
  await flush();
  return { element, toasts, closes };
}

function query<T extends Element = HTMLElement>(
  element: HTMLElement,
  selector: string
): T | null {
  return element.shadowRoot!.querySelector<T>(selector);
}

function byId<T extends Element = HTMLElement>(
  element: HTMLElement,
  id: string
): T | null {
  return query<T>(element, `[data-id='${id}']`);
}

function field<T extends Element = HTMLElement>(
  element: HTMLElement,
  apiName: string
): T {
  const found = query<T>(element, `[data-field='${apiName}']`);
  if (!found) throw new Error(`no field ${apiName}`);
  return found;
}

function change(
  element: HTMLElement,
  apiName: string,
  detail: { value?: string; checked?: boolean }
): void {
  field(element, apiName).dispatchEvent(new CustomEvent("change", { detail }));
}

async function click(element: HTMLElement, id: string): Promise<void> {
  const target = byId(element, id);
  if (!target) throw new Error(`no [data-id='${id}'] to click`);
  target.click();
  await flush();
}

/** The heading and each message of the error region, in order, separated by one space. */
function errorsText(element: HTMLElement): string {
  const region = byId(element, "errors")!;
  return Array.from(
    region.querySelectorAll("[data-id='error-heading'], [data-id='error']")
  )
    .map((node) => node.textContent.trim())
    .join(" ");
}

function stepUp(element: HTMLElement): StepUpElement | null {
  return query<StepUpElement>(element, "c-one-kosmos-step-up");
}

beforeEach(() => {
  formMock.mockResolvedValue(approvalForm());
  prepareMock.mockResolvedValue({
    stepUpRequired: false,
    reason: "Amount 4000 is not above 5000.",
    actionName: ACTION,
    guardedValuesJson: '{"Amount":4000,"StageName":"Prospecting"}'
  });
  saveMock.mockResolvedValue({ saved: true, errors: [] });
  startMock.mockReturnValue(new Promise(() => undefined));
  notifyMock.mockResolvedValue(undefined);
});

afterEach(() => {
  while (document.body.firstChild)
    document.body.removeChild(document.body.firstChild);
  jest.clearAllMocks();
});

describe("form", () => {
  it("loads the guarded fields as typed inputs with their current values", async () => {
    const { element } = await mount();

    expect(formMock).toHaveBeenCalledWith({
      recordId: RECORD_ID,
      actionName: null
    });
    const amount = field<HTMLElement & Record<string, unknown>>(
      element,
      "Amount"
    );
    expect(amount.tagName).toBe("LIGHTNING-INPUT");
    expect(amount.type).toBe("number");
    expect(amount.formatter).toBe("currency");
    expect(amount.step).toBe("0.01");
    expect(amount.value).toBe("100");
    const stage = field<HTMLElement & Record<string, unknown>>(
      element,
      "StageName"
    );
    expect(stage.tagName).toBe("LIGHTNING-COMBOBOX");
    expect(stage.value).toBe("Prospecting");
    expect(stage.required).toBe(true);
    const isPrivate = field<HTMLElement & Record<string, unknown>>(
      element,
      "IsPrivate"
    );
    expect(isPrivate.type).toBe("checkbox");
    expect(isPrivate.checked).toBe(false);
    const description = field<HTMLElement & Record<string, unknown>>(
      element,
      "Description"
    );
    expect(description.tagName).toBe("LIGHTNING-TEXTAREA");
    expect(description.readOnly).toBe(true);
    expect(byId(element, "submit")).not.toBeNull();
    expect(byId(element, "cancel")).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it("shows a read-only picklist as its label, not its API value, and sends nothing for it", async () => {
    formMock.mockResolvedValue(
      approvalForm({
        fields: [
          {
            apiName: "Amount",
            label: "Amount",
            type: "currency",
            value: "100",
            editable: true,
            options: []
          },
          {
            apiName: "StageName",
            label: "Stage",
            type: "picklist",
            value: "Closed_Won_Api",
            editable: false,
            options: [
              { label: "Prospecting", value: "Prospecting" },
              { label: "Closed Won", value: "Closed_Won_Api" }
            ]
          }
        ]
      })
    );
    const { element } = await mount();
    const stage = field<HTMLElement & Record<string, unknown>>(
      element,
      "StageName"
    );
    expect(stage.tagName).toBe("LIGHTNING-INPUT");
    expect(stage.readOnly).toBe(true);
    expect(stage.value).toBe("Closed Won");

    change(element, "Amount", { value: "4000" });
    await click(element, "submit");
    // Only the changed, editable value goes to the server (as typed: the server coerces it).
    expect(prepareMock).toHaveBeenCalledWith({
      recordId: RECORD_ID,
      actionName: ACTION,
      proposedValuesJson: '{"Amount":"4000"}'
    });
  });

  it("locks the inputs while the change is being checked", async () => {
    prepareMock.mockReturnValue(new Promise(() => undefined));
    const { element } = await mount();
    const amount = field<HTMLElement & Record<string, unknown>>(
      element,
      "Amount"
    );
    expect(amount.disabled).toBeFalsy();
    change(element, "Amount", { value: "4000" });
    await click(element, "submit");
    expect(
      field<HTMLElement & Record<string, unknown>>(element, "Amount").disabled
    ).toBe(true);
    expect(
      field<HTMLElement & Record<string, unknown>>(element, "Description")
        .disabled
    ).toBe(true);
  });

  it("passes the record page's action name", async () => {
    await mount({ actionName: ACTION });
    expect(formMock).toHaveBeenCalledWith({
      recordId: RECORD_ID,
      actionName: ACTION
    });
  });

  it("loads once the record id arrives after connecting (quick actions)", async () => {
    const element = createElement("c-one-kosmos-approve-and-save", {
      is: OneKosmosApproveAndSave
    }) as ApproveElement;
    document.body.appendChild(element);
    await flush();
    expect(formMock).not.toHaveBeenCalled();
    element.recordId = RECORD_ID;
    await flush();
    expect(formMock).toHaveBeenCalledTimes(1);
    expect(field(element, "Amount")).not.toBeNull();
  });

  it("shows why the form cannot be used, in the live region", async () => {
    formMock.mockRejectedValue({
      body: {
        message: "No active 1Kosmos step-up policy guards Opportunity records."
      }
    });
    const { element } = await mount();
    expect(errorsText(element)).toBe(
      "No active 1Kosmos step-up policy guards Opportunity records."
    );
    expect(byId(element, "errors")!.getAttribute("role")).toBe("alert");
    expect(byId(element, "submit")).toBeNull();
    expect(byId(element, "cancel")).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it("says so when the user can edit none of the fields", async () => {
    const form = approvalForm();
    form.fields = form.fields!.map((f) => ({ ...f, editable: false }));
    formMock.mockResolvedValue(form);
    const { element } = await mount();
    expect(byId(element, "no-editable")!.textContent.trim()).toBe(
      noEditableLabel
    );
    expect(
      (byId(element, "submit") as HTMLElement & { disabled: boolean }).disabled
    ).toBe(true);
  });

  it("lets the user choose among several actions, then loads that action's fields", async () => {
    formMock.mockResolvedValueOnce(
      approvalForm({
        actionName: undefined,
        actionNames: ["Close_Deal", ACTION],
        fields: []
      })
    );
    const { element } = await mount();
    const picker = byId<HTMLElement & { options: unknown[] }>(
      element,
      "action"
    )!;
    expect(picker.options).toEqual([
      { label: "Close_Deal", value: "Close_Deal" },
      { label: ACTION, value: ACTION }
    ]);
    await expect(element).toBeAccessible();

    picker.dispatchEvent(
      new CustomEvent("change", { detail: { value: ACTION } })
    );
    await flush();
    expect(formMock).toHaveBeenLastCalledWith({
      recordId: RECORD_ID,
      actionName: ACTION
    });
    expect(field(element, "Amount")).not.toBeNull();
  });
});

describe("no step-up needed", () => {
  it("prepares with only the changed values and saves directly, then toasts, refreshes and closes", async () => {
    const { element, toasts, closes } = await mount();
    change(element, "Amount", { value: "4000" });
    change(element, "IsPrivate", { checked: true });
    change(element, "StageName", { value: "Prospecting" });

    await click(element, "submit");

    const proposed = '{"Amount":"4000","IsPrivate":true}';
    expect(prepareMock).toHaveBeenCalledWith({
      recordId: RECORD_ID,
      actionName: ACTION,
      proposedValuesJson: proposed
    });
    expect(saveMock).toHaveBeenCalledWith({
      recordId: RECORD_ID,
      actionName: ACTION,
      proposedValuesJson: proposed,
      verificationId: null
    });
    expect(stepUp(element)).toBeNull();
    expect(toasts).toEqual([
      expect.objectContaining({ message: savedLabel, variant: "success" })
    ]);
    expect(notifyMock).toHaveBeenCalledWith([{ recordId: RECORD_ID }]);
    expect(closes).toHaveLength(1);
    expect(byId(element, "live")!.textContent.trim()).toBe(savedLabel);
  });

  it("sends null for a cleared value", async () => {
    const { element } = await mount();
    change(element, "Amount", { value: "" });
    await click(element, "submit");
    expect(prepareMock).toHaveBeenCalledWith(
      expect.objectContaining({ proposedValuesJson: '{"Amount":null}' })
    );
  });

  it("does not submit while a field is invalid", async () => {
    const { element } = await mount();
    const amount = field<HTMLElement & { reportValidity: () => boolean }>(
      element,
      "Amount"
    );
    amount.reportValidity = jest.fn(() => false);
    await click(element, "submit");
    expect(prepareMock).not.toHaveBeenCalled();
  });
});

describe("step-up needed", () => {
  beforeEach(() => {
    prepareMock.mockResolvedValue({
      stepUpRequired: true,
      reason: "Amount 1000000 is above 5000.",
      actionName: ACTION,
      policyName: "Large_Transfer_Policy",
      guardedValuesJson: GUARDED_JSON
    });
  });

  async function stepUpShown(): Promise<Mounted> {
    const mounted = await mount();
    change(mounted.element, "Amount", { value: "1000000" });
    await click(mounted.element, "submit");
    return mounted;
  }

  it("shows the step-up bound to exactly the values the server returned, and saves nothing yet", async () => {
    const { element, closes } = await stepUpShown();
    const child = stepUp(element)!;
    expect(child).not.toBeNull();
    expect(child.recordId).toBe(RECORD_ID);
    expect(child.actionName).toBe(ACTION);
    expect(child.guardedValuesJson).toBe(GUARDED_JSON);
    expect(child.autoStart).toBe(true);
    expect(startMock).toHaveBeenCalledWith({
      recordId: RECORD_ID,
      actionName: ACTION,
      guardedValuesJson: GUARDED_JSON
    });
    expect(byId(element, "step-up-reason")!.textContent.trim()).toBe(
      "This change needs your approval. Amount 1000000 is above 5000."
    );
    expect(saveMock).not.toHaveBeenCalled();
    expect(closes).toHaveLength(0);
    await expect(element).toBeAccessible();
  });

  it("saves with the verification id once the step-up reports verified", async () => {
    const { element, closes, toasts } = await stepUpShown();
    const detail: StepUpEventDetail = {
      verificationId: VERIFICATION_ID,
      status: "Verified"
    };
    stepUp(element)!.dispatchEvent(new CustomEvent("verified", { detail }));
    await flush();

    expect(saveMock).toHaveBeenCalledWith({
      recordId: RECORD_ID,
      actionName: ACTION,
      proposedValuesJson: '{"Amount":"1000000"}',
      verificationId: VERIFICATION_ID
    });
    expect(toasts).toHaveLength(1);
    expect(closes).toHaveLength(1);
  });

  it("shows the gate's refusal in the live region and closes nothing", async () => {
    saveMock.mockResolvedValue({ saved: false, errors: [GATE_MESSAGE] });
    const { element, closes, toasts } = await stepUpShown();
    stepUp(element)!.dispatchEvent(
      new CustomEvent("verified", {
        detail: { verificationId: VERIFICATION_ID, status: "Verified" }
      })
    );
    await flush();

    expect(errorsText(element)).toBe(`${notSavedLabel} ${GATE_MESSAGE}`);
    expect(byId(element, "errors")!.getAttribute("role")).toBe("alert");
    expect(closes).toHaveLength(0);
    expect(toasts).toHaveLength(0);
    expect(notifyMock).not.toHaveBeenCalled();
    // Back on the form with the user's values, to change them or try again.
    expect(stepUp(element)).toBeNull();
    expect(
      field<HTMLElement & { value: string }>(element, "Amount").value
    ).toBe("1000000");
    await expect(element).toBeAccessible();
  });

  it("shows an Apex refusal of the save", async () => {
    saveMock.mockRejectedValue({
      body: { message: "This verification has already been used." }
    });
    const { element, closes } = await stepUpShown();
    stepUp(element)!.dispatchEvent(
      new CustomEvent("verified", {
        detail: { verificationId: VERIFICATION_ID, status: "Verified" }
      })
    );
    await flush();
    expect(errorsText(element)).toBe(
      `${notSavedLabel} This verification has already been used.`
    );
    expect(closes).toHaveLength(0);
  });

  it("tries the save when 1Kosmos was unreachable (the gate decides), not for other failures", async () => {
    const { element } = await stepUpShown();
    stepUp(element)!.dispatchEvent(
      new CustomEvent("statuschange", {
        detail: {
          verificationId: VERIFICATION_ID,
          status: "Failed",
          reasonCode: "access_denied"
        }
      })
    );
    await flush();
    expect(saveMock).not.toHaveBeenCalled();
    expect(stepUp(element)).not.toBeNull();

    stepUp(element)!.dispatchEvent(
      new CustomEvent("statuschange", {
        detail: {
          verificationId: VERIFICATION_ID,
          status: "Failed",
          reasonCode: "timeout"
        }
      })
    );
    await flush();
    expect(saveMock).toHaveBeenCalledWith(
      expect.objectContaining({ verificationId: null })
    );
  });

  it("goes back to the values, and cancels", async () => {
    const { element, closes } = await stepUpShown();
    await click(element, "back");
    expect(stepUp(element)).toBeNull();
    // The form shows what the user entered, not the saved value.
    expect(
      field<HTMLElement & { value: string }>(element, "Amount").value
    ).toBe("1000000");

    await click(element, "cancel");
    expect(closes).toHaveLength(1);
    expect(
      field<HTMLElement & { value: string }>(element, "Amount").value
    ).toBe("100");
  });

  it("cancels a verification the step-up is waiting for when the user leaves it", async () => {
    jest
      .spyOn(window, "open")
      .mockImplementation(() => ({ close: jest.fn() }) as unknown as Window);
    startMock.mockResolvedValue({
      verificationId: "a0B000000000001AAA",
      authorizeUrl: "https://acme.1kosmos.net/oauth2/authorize?state=s",
      tenantOrigin: "https://acme.1kosmos.net",
      callbackOrigin: "https://acme.my.salesforce.com",
      expiresAt: new Date(Date.now() + 300000).toISOString(),
      status: "Pending"
    });
    cancelMock.mockResolvedValue({
      verificationId: "a0B000000000001AAA",
      status: "Cancelled",
      isFinal: true
    });
    const { element } = await stepUpShown();
    await flush();
    // The form's button is not a second "Cancel": the step-up's own Cancel cancels the verification.
    expect(
      (byId(element, "cancel") as HTMLElement & { label: string }).label
    ).toBe(closeLabel);
    expect(closeLabel).not.toBe(stepUpCancelLabel);

    await click(element, "back");

    expect(cancelMock).toHaveBeenCalledWith({
      verificationId: "a0B000000000001AAA"
    });
    expect(stepUp(element)).toBeNull();
  });

  it("shows an Apex refusal of the preparation", async () => {
    prepareMock.mockRejectedValue({});
    const { element } = await mount();
    await click(element, "submit");
    expect(errorsText(element)).toBe(`${notSavedLabel} ${errorUnknownLabel}`);
    expect(stepUp(element)).toBeNull();
  });
});

describe("sparse or unexpected answers", () => {
  it("falls back to safe defaults for fields the server describes sparsely", async () => {
    formMock.mockResolvedValue(
      approvalForm({
        fields: [
          { apiName: "NumberOfEmployees", type: "integer", editable: true },
          {
            apiName: "Rating",
            type: "picklist",
            editable: true,
            options: [{ value: "Hot" }, {}]
          },
          { apiName: "Site", editable: true },
          { apiName: "Phone", type: "tel", editable: false, value: "555" }
        ]
      })
    );
    const { element } = await mount();
    const employees = field<HTMLElement & Record<string, unknown>>(
      element,
      "NumberOfEmployees"
    );
    expect(employees.step).toBe("1");
    expect(employees.label).toBe("NumberOfEmployees");
    expect(employees.value).toBeNull();
    const rating = field<HTMLElement & { options: unknown[] }>(
      element,
      "Rating"
    );
    expect(rating.options).toEqual([
      { label: "Hot", value: "Hot" },
      { label: "", value: "" }
    ]);
    const site = field<HTMLElement & Record<string, unknown>>(element, "Site");
    expect(site.type).toBe("text");
    expect(site.step).toBeUndefined();
    const phone = field<HTMLElement & Record<string, unknown>>(
      element,
      "Phone"
    );
    expect(phone.type).toBe("tel");
    expect(phone.readOnly).toBe(true);
    await expect(element).toBeAccessible();
  });

  it("treats an empty form answer as unavailable", async () => {
    formMock.mockResolvedValue(null);
    const { element, closes } = await mount();
    expect(errorsText(element)).toBe(errorUnknownLabel);
    await click(element, "cancel");
    expect(closes).toHaveLength(1);
  });

  it("reads a load failure without a message as unknown", async () => {
    formMock.mockRejectedValue(new Error("network"));
    const { element } = await mount();
    expect(errorsText(element)).toBe(errorUnknownLabel);
  });

  it("saves directly when the preparation answers nothing", async () => {
    prepareMock.mockResolvedValue(null);
    const { element } = await mount();
    await click(element, "submit");
    expect(saveMock).toHaveBeenCalledWith(
      expect.objectContaining({
        proposedValuesJson: "{}",
        verificationId: null
      })
    );
  });

  it.each([
    ["no answer", null],
    ["refused without errors", { saved: false }]
  ])("reports a save with %s as not saved", async (_case, outcome) => {
    saveMock.mockResolvedValue(outcome);
    const { element, closes } = await mount();
    await click(element, "submit");
    expect(errorsText(element)).toBe(`${notSavedLabel} ${errorUnknownLabel}`);
    expect(closes).toHaveLength(0);
  });

  it("still closes when the record refresh fails", async () => {
    notifyMock.mockRejectedValue(new Error("offline"));
    const { element, closes } = await mount();
    await click(element, "submit");
    expect(closes).toHaveLength(1);
  });

  it("ignores changes to read-only fields and changes without a detail", async () => {
    const { element } = await mount();
    change(element, "Description", { value: "Changed" });
    field(element, "Amount").dispatchEvent(new CustomEvent("change"));
    await click(element, "submit");
    expect(prepareMock).toHaveBeenCalledWith(
      expect.objectContaining({ proposedValuesJson: '{"Amount":null}' })
    );
  });

  it("binds to an empty value set and shows no reason when the server gives none", async () => {
    prepareMock.mockResolvedValue({ stepUpRequired: true });
    const { element } = await mount();
    await click(element, "submit");
    expect(stepUp(element)!.guardedValuesJson).toBe("");
    expect(byId(element, "step-up-reason")!.textContent.trim()).toBe(
      "This change needs your approval."
    );
  });

  it("ignores step-up events once the user went back to the values", async () => {
    prepareMock.mockResolvedValue({
      stepUpRequired: true,
      guardedValuesJson: GUARDED_JSON
    });
    const { element } = await mount();
    await click(element, "submit");
    const child = stepUp(element)!;
    child.dispatchEvent(
      new CustomEvent("statuschange", { detail: { status: "Failed" } })
    );
    await click(element, "back");
    child.dispatchEvent(
      new CustomEvent("verified", { detail: { status: "Verified" } })
    );
    child.dispatchEvent(
      new CustomEvent("statuschange", {
        detail: { status: "Failed", reasonCode: "timeout" }
      })
    );
    await flush();
    expect(saveMock).not.toHaveBeenCalled();
  });

  it("saves without an id when a verified event carries none (the gate decides)", async () => {
    prepareMock.mockResolvedValue({
      stepUpRequired: true,
      guardedValuesJson: GUARDED_JSON
    });
    const { element } = await mount();
    await click(element, "submit");
    stepUp(element)!.dispatchEvent(new CustomEvent("verified"));
    await flush();
    expect(saveMock).toHaveBeenCalledWith(
      expect.objectContaining({ verificationId: null })
    );
  });

  it("closes from the action picker and ignores an empty choice", async () => {
    formMock.mockResolvedValueOnce(
      approvalForm({ actionName: undefined, actionNames: ["A", "B"] })
    );
    const { element, closes } = await mount();
    byId(element, "action")!.dispatchEvent(
      new CustomEvent("change", { detail: {} })
    );
    await flush();
    expect(formMock).toHaveBeenCalledTimes(1);
    await click(element, "cancel");
    expect(closes).toHaveLength(1);
    expect(byId(element, "action")).not.toBeNull();
  });
});
