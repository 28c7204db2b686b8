// oneKosmosProtectedFields: protected until the server says the session has the access; the step-up's `verified`
// event asks the server to activate it; the fields appear only once it is granted; refusals in an alert with a way
// to try again; back to protected when the access ends; accessibility in every state.
import { createElement } from "lwc";
import OneKosmosProtectedFields from "c/oneKosmosProtectedFields";
import getSessionAccess from "@salesforce/apex/OneKosmosSessionAccessController.getSessionAccess";
import activateSessionAccess from "@salesforce/apex/OneKosmosSessionAccessController.activateSessionAccess";
import { notifyRecordUpdateAvailable } from "lightning/uiRecordApi";
import type { StepUpEventDetail } from "c/oneKosmosStepUp";
import lockedLabel from "@salesforce/label/c.OneKosmos_Protected_Locked";
import endedLabel from "@salesforce/label/c.OneKosmos_Protected_Ended";
import grantedLabel from "@salesforce/label/c.OneKosmos_Protected_Granted_Until";
import errorPrefixLabel from "@salesforce/label/c.OneKosmos_Protected_Error_Prefix";
import errorUnknownLabel from "@salesforce/label/c.OneKosmos_Protected_Error_Unknown";
import titleLabel from "@salesforce/label/c.OneKosmos_Protected_Title";
import noFieldsLabel from "@salesforce/label/c.OneKosmos_Protected_No_Fields";

jest.mock(
  "@salesforce/apex/OneKosmosSessionAccessController.getSessionAccess",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  "@salesforce/apex/OneKosmosSessionAccessController.activateSessionAccess",
  () => ({ default: jest.fn() }),
  { virtual: true }
);
// The real step-up component is shown; its Apex is never called here (it does not start on its own).
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

const getAccessMock = jest.mocked(getSessionAccess);
const activateMock = jest.mocked(activateSessionAccess);
const notifyMock = jest.mocked(notifyRecordUpdateAvailable);

const RECORD_ID = "500000000000001AAA";
const VERIFICATION_ID = "a01000000000001AAA";
const FIELDS = "OneKosmos_PHI_Summary__c, OneKosmos_Diagnosis_Code__c ,";

interface ProtectedElement extends HTMLElement {
  recordId?: string;
  objectApiName?: string;
  actionName?: string;
  fieldNames?: string;
  cardTitle?: string;
}

interface StepUpElement extends HTMLElement {
  recordId?: string;
  actionName?: string;
}

async function flush(): Promise<void> {
  // eslint-disable-next-line no-await-in-loop -- each await lets one more step of a promise chain run
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

function inMinutes(minutes: number): string {
  return new Date(Date.now() + minutes * 60000).toISOString();
}

async function mount(
  props: Partial<ProtectedElement> = {}
): Promise<ProtectedElement> {
  const element = createElement("c-one-kosmos-protected-fields", {
    is: OneKosmosProtectedFields
  }) as ProtectedElement;
  Object.assign(element, {
    recordId: RECORD_ID,
    objectApiName: "Case",
    fieldNames: FIELDS,
    ...props
  });
  document.body.appendChild(element);
  await flush();
  return element;
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

function stepUp(element: HTMLElement): StepUpElement | null {
  return query<StepUpElement>(element, "c-one-kosmos-step-up");
}

function outputFields(element: HTMLElement): string[] {
  return Array.from(
    element.shadowRoot!.querySelectorAll<HTMLElement & { fieldName: string }>(
      "lightning-output-field"
    )
  ).map((field) => field.fieldName);
}

function live(element: HTMLElement): string {
  return (byId(element, "live")!.textContent ?? "").trim();
}

async function verify(
  element: HTMLElement,
  detail: Partial<StepUpEventDetail> = {}
): Promise<void> {
  stepUp(element)!.dispatchEvent(
    new CustomEvent("verified", {
      detail: { verificationId: VERIFICATION_ID, status: "Verified", ...detail }
    })
  );
  await flush();
}

afterEach(() => {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
  jest.clearAllMocks();
  jest.useRealTimers();
});

describe("without access", () => {
  beforeEach(() => {
    getAccessMock.mockResolvedValue({ active: false });
  });

  it("shows the protected state and the step-up for the rule's action, never the fields", async () => {
    const element = await mount({ actionName: "View_PHI" });

    expect(getAccessMock).toHaveBeenCalledWith({
      recordId: RECORD_ID,
      actionName: "View_PHI"
    });
    expect(byId(element, "locked")!.textContent).toBe(lockedLabel);
    const child = stepUp(element)!;
    expect(child.recordId).toBe(RECORD_ID);
    expect(child.actionName).toBe("View_PHI");
    expect(byId(element, "fields")).toBeNull();
    expect(outputFields(element)).toEqual([]);
    expect(live(element)).toBe(lockedLabel);
    expect(
      query<HTMLElement & { title: string }>(element, "lightning-card")!.title
    ).toBe(titleLabel);
    await expect(element).toBeAccessible();
  });

  it("activates with the verification the step-up reported, then shows the fields", async () => {
    const expiresAt = inMinutes(30);
    activateMock.mockResolvedValue({ active: true, expiresAt });
    const element = await mount();

    await verify(element);

    expect(activateMock).toHaveBeenCalledWith({
      verificationId: VERIFICATION_ID
    });
    expect(notifyMock).toHaveBeenCalledWith([{ recordId: RECORD_ID }]);
    expect(stepUp(element)).toBeNull();
    expect(outputFields(element)).toEqual([
      "OneKosmos_PHI_Summary__c",
      "OneKosmos_Diagnosis_Code__c"
    ]);
    expect(
      (byId(element, "expires") as HTMLElement & { value: string }).value
    ).toBe(expiresAt);
    const announcedTime = new Date(expiresAt).toLocaleTimeString(undefined, {
      hour: "2-digit",
      minute: "2-digit"
    });
    // The live region reads the end time too, not only the label.
    expect(live(element)).toBe(`${grantedLabel} ${announcedTime}`);
    await expect(element).toBeAccessible();
  });

  it("shows the server's refusal in an alert and offers a fresh step-up", async () => {
    activateMock.mockRejectedValue({
      body: { message: "This verification is more than 5 minutes old." }
    });
    const element = await mount();

    await verify(element);

    const alert = byId(element, "error")!;
    expect(alert.getAttribute("role")).toBe("alert");
    expect(alert.textContent).toBe(
      `${errorPrefixLabel} This verification is more than 5 minutes old.`
    );
    expect(outputFields(element)).toEqual([]);
    expect(stepUp(element)).toBeNull();
    await expect(element).toBeAccessible();

    byId(element, "try-again")!.click();
    await flush();
    expect(byId(element, "error")).toBeNull();
    expect(stepUp(element)).not.toBeNull();
  });

  it("treats an answer without access as a refusal", async () => {
    activateMock.mockResolvedValue({ active: false });
    const element = await mount();
    await verify(element);
    expect(byId(element, "error")!.textContent).toBe(
      `${errorPrefixLabel} ${errorUnknownLabel}`
    );
    expect(outputFields(element)).toEqual([]);
    expect(notifyMock).not.toHaveBeenCalled();
  });

  it("ignores a verified event without a verification id", async () => {
    const element = await mount();
    await verify(element, { verificationId: undefined });
    expect(activateMock).not.toHaveBeenCalled();
    expect(stepUp(element)).not.toBeNull();
  });
});

describe("with access", () => {
  it("shows the fields at once when the session already has the access", async () => {
    getAccessMock.mockResolvedValue({
      active: true,
      expiresAt: inMinutes(12),
      ruleName: "Case_View_PHI"
    });
    const element = await mount();

    expect(stepUp(element)).toBeNull();
    expect(outputFields(element)).toHaveLength(2);
    expect(
      query<HTMLElement & { recordId: string; objectApiName: string }>(
        element,
        "lightning-record-view-form"
      )!.recordId
    ).toBe(RECORD_ID);
    await expect(element).toBeAccessible();
  });

  it("hides the fields and asks again when the access ends", async () => {
    jest.useFakeTimers();
    getAccessMock.mockResolvedValue({ active: true, expiresAt: inMinutes(1) });
    const element = await mount();
    expect(outputFields(element)).toHaveLength(2);

    jest.advanceTimersByTime(61000);
    await flush();

    expect(outputFields(element)).toEqual([]);
    expect(byId(element, "locked")!.textContent).toBe(endedLabel);
    expect(stepUp(element)).not.toBeNull();
  });

  it("treats an access already past its end as none", async () => {
    getAccessMock.mockResolvedValue({ active: true, expiresAt: inMinutes(-1) });
    const element = await mount();
    expect(outputFields(element)).toEqual([]);
    expect(stepUp(element)).not.toBeNull();
  });

  it("says so when no field is configured", async () => {
    getAccessMock.mockResolvedValue({ active: true, expiresAt: inMinutes(5) });
    const element = await mount({ fieldNames: " , " });
    expect(byId(element, "no-fields")!.textContent).toBe(noFieldsLabel);
    await expect(element).toBeAccessible();
  });
});

describe("when access cannot be read", () => {
  it("fails closed to the protected state", async () => {
    getAccessMock.mockRejectedValue({ body: { message: "boom" } });
    const element = await mount({ cardTitle: "PHI" });
    expect(stepUp(element)).not.toBeNull();
    expect(outputFields(element)).toEqual([]);
    expect(
      query<HTMLElement & { title: string }>(element, "lightning-card")!.title
    ).toBe("PHI");
  });

  it("without a record asks nothing and stays protected", async () => {
    const element = await mount({ recordId: undefined });
    expect(getAccessMock).not.toHaveBeenCalled();
    expect(byId(element, "locked")).not.toBeNull();
  });
});
