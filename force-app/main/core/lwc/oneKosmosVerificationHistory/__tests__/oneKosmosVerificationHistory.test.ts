import { createElement } from "lwc";
import { refreshApex } from "@salesforce/apex";
import getVerificationsForRecord from "@salesforce/apex/OneKosmosVerificationController.getVerificationsForRecord";
import type { VerificationSummary } from "@salesforce/apex/OneKosmosVerificationController.getVerificationsForRecord";
import type * as SfdxLwcJest from "@salesforce/sfdx-lwc-jest";
import OneKosmosVerificationHistory from "c/oneKosmosVerificationHistory";
import loadingLabel from "@salesforce/label/c.OneKosmos_History_Loading";
import emptyLabel from "@salesforce/label/c.OneKosmos_History_Empty";
import errorPrefixLabel from "@salesforce/label/c.OneKosmos_History_Error_Prefix";
import unknownErrorLabel from "@salesforce/label/c.OneKosmos_History_Error_Unknown";
import refreshLabel from "@salesforce/label/c.OneKosmos_History_Refresh";
import titleLabel from "@salesforce/label/c.OneKosmos_History_Title";
import columnStatusLabel from "@salesforce/label/c.OneKosmos_History_Column_Status";
import {
  isEmpEnabled,
  onError,
  subscribe,
  unsubscribe
} from "lightning/empApi";
import {
  emitError,
  emitMessage,
  hasSubscribers,
  resetEmpApi
} from "jest-mocks/lightning/empApi";
import type * as EmpApiMock from "jest-mocks/lightning/empApi";

jest.mock(
  "@salesforce/apex/OneKosmosVerificationController.getVerificationsForRecord",
  () => {
    const { createApexTestWireAdapter } = jest.requireActual<
      typeof SfdxLwcJest
    >("@salesforce/sfdx-lwc-jest");
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);

jest.mock("lightning/empApi", () =>
  jest.requireActual<typeof EmpApiMock>("jest-mocks/lightning/empApi")
);

const CHANNEL = "/event/OneKosmos_Verification_Result__e";

type ApexTestWireAdapter = ReturnType<
  typeof SfdxLwcJest.createApexTestWireAdapter
>;
const wireAdapter = getVerificationsForRecord as unknown as ApexTestWireAdapter;
const refreshApexMock = jest.mocked(refreshApex);

const RECORD_ID = "006000000000001AAA";

function summary(
  statusValue: string,
  overrides: Partial<VerificationSummary> = {}
): VerificationSummary {
  return {
    id: `a00${statusValue}`,
    name: `VER-${statusValue}`,
    type: "Step-Up",
    status: `${statusValue} label`,
    statusValue,
    method: "LiveID push",
    actionName: "Large_Transfer",
    assuranceLevel: "IAL2",
    reasonCode: statusValue === "Failed" ? "access_denied" : undefined,
    createdDate: "2025-01-02T03:04:05.000Z",
    completedAt:
      statusValue === "Pending" ? undefined : "2025-01-02T03:05:00.000Z",
    ...overrides
  };
}

/** `null` places the component where there is no record (an app page without the property set). */
function createComponent(recordId: string | null = RECORD_ID) {
  const element = createElement("c-one-kosmos-verification-history", {
    is: OneKosmosVerificationHistory
  });
  if (recordId) element.recordId = recordId;
  document.body.appendChild(element);
  return element;
}

/** Lets LWC re-render after a wire emission or a resolved promise. */
function flush(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function query<T extends Element = HTMLElement>(
  element: HTMLElement,
  selector: string
): T | null {
  return element.shadowRoot!.querySelector<T>(selector);
}

function queryAll(element: HTMLElement, selector: string): HTMLElement[] {
  return [...element.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
}

interface SpinnerElement extends HTMLElement {
  alternativeText: string;
}
interface ButtonElement extends HTMLElement {
  label: string;
  disabled: boolean;
}
interface DateTimeElement extends HTMLElement {
  value: string;
}

describe("c-one-kosmos-verification-history", () => {
  afterEach(() => {
    while (document.body.firstChild)
      document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
    resetEmpApi();
    jest.mocked(isEmpEnabled).mockResolvedValue(true);
  });

  it("asks Apex for the verifications of the page's record", async () => {
    createComponent();
    await flush();
    expect(wireAdapter.getLastConfig()).toEqual({ recordId: RECORD_ID });
  });

  it("shows a labelled spinner and marks the region busy while loading", async () => {
    const element = createComponent();
    await flush();

    const spinner = query<SpinnerElement>(element, "lightning-spinner");
    expect(spinner).not.toBeNull();
    expect(spinner!.alternativeText).toBe(loadingLabel);
    expect(query(element, "[aria-busy]")!.getAttribute("aria-busy")).toBe(
      "true"
    );
    expect(query(element, "table")).toBeNull();
    expect(query(element, "[data-id='empty']")).toBeNull();
    expect(query(element, "[role='alert']")).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("lists each verification with a status badge that matches its status", async () => {
    const element = createComponent();
    const statuses = [
      "Verified",
      "Failed",
      "Cancelled",
      "Expired",
      "Pending",
      "Consumed"
    ];
    wireAdapter.emit(statuses.map((status) => summary(status)));
    await flush();

    expect(query(element, "lightning-spinner")).toBeNull();
    expect(query(element, "[aria-busy]")!.getAttribute("aria-busy")).toBe(
      "false"
    );
    const table = query(element, "table")!;
    expect(table.getAttribute("aria-label")).toBe(titleLabel);
    expect(
      queryAll(element, "th[scope='col']").map((th) => th.textContent)
    ).toContain(columnStatusLabel);

    const rows = queryAll(element, "tr[data-id='row']");
    expect(rows.map((row) => row.querySelector("th")!.textContent)).toEqual(
      statuses.map((status) => `VER-${status}`)
    );
    const badges = queryAll(element, "[data-id='status']");
    expect(badges.map((badge) => badge.textContent)).toEqual(
      statuses.map((status) => `${status} label`)
    );
    expect(badges.map((badge) => badge.className)).toEqual([
      "slds-badge slds-theme_success",
      "slds-badge slds-theme_error",
      "slds-badge slds-theme_warning",
      "slds-badge slds-theme_warning",
      "slds-badge",
      "slds-badge"
    ]);
    expect(rows[1].textContent).toContain("access_denied");
    expect(query(element, "[data-id='empty']")).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("formats the created and completed dates, leaving an open verification's completion blank", async () => {
    const element = createComponent();
    wireAdapter.emit([summary("Verified"), summary("Pending")]);
    await flush();

    const [verified, pending] = queryAll(element, "tr[data-id='row']");
    const created = verified.querySelector<DateTimeElement>(
      "lightning-formatted-date-time[data-id='created']"
    )!;
    const completed = verified.querySelector<DateTimeElement>(
      "lightning-formatted-date-time[data-id='completed']"
    )!;
    expect(created.value).toBe("2025-01-02T03:04:05.000Z");
    expect(completed.value).toBe("2025-01-02T03:05:00.000Z");
    expect(pending.querySelector("[data-id='completed']")).toBeNull();
    expect(pending.querySelector("[data-id='created']")).not.toBeNull();
  });

  it("shows who was verified, the policy with its version and a short evidence hash with the full one in its title", async () => {
    const hash = "a".repeat(60) + "beef";
    const element = createComponent();
    wireAdapter.emit([
      summary("Verified", {
        subjectName: "Ada Lovelace",
        policyName: "Large_Transfer_Policy",
        policyVersion: 3,
        evidenceHash: hash
      }),
      summary("Pending", { policyName: "No_Version" })
    ]);
    await flush();

    const [verified, pending] = queryAll(element, "tr[data-id='row']");
    expect(verified.querySelector("[data-id='who']")!.textContent).toBe(
      "Ada Lovelace"
    );
    expect(verified.querySelector("[data-id='policy']")!.textContent).toBe(
      "Large_Transfer_Policy v3"
    );
    const evidence = verified.querySelector<HTMLElement>(
      "[data-id='evidence']"
    )!;
    expect(evidence.textContent).toBe("aaaaaaaaaaaa…");
    expect(evidence.title).toBe(hash);
    expect(pending.querySelector("[data-id='policy']")!.textContent).toBe(
      "No_Version"
    );
    expect(pending.querySelector("[data-id='evidence']")!.textContent).toBe("");
    expect(pending.querySelector("[data-id='who']")!.textContent).toBe("");
    await expect(element).toBeAccessible();
  });

  it("shows the status value and keeps rows apart when Apex leaves fields out", async () => {
    const element = createComponent();
    wireAdapter.emit([
      { statusValue: "Verified" },
      { statusValue: "Weird" },
      { name: "VER-3" }
    ]);
    await flush();

    const badges = queryAll(element, "[data-id='status']");
    expect(badges.map((badge) => badge.textContent)).toEqual([
      "Verified",
      "Weird",
      ""
    ]);
    expect(badges.map((badge) => badge.className)).toEqual([
      "slds-badge slds-theme_success",
      "slds-badge",
      "slds-badge"
    ]);
    expect(queryAll(element, "tr[data-id='row']")).toHaveLength(3);
    expect(query(element, "[data-id='created']")).toBeNull();
  });

  it.each([
    ["an empty list", []],
    ["null", null]
  ])("shows the empty state when Apex returns %s", async (_name, data) => {
    const element = createComponent();
    wireAdapter.emit(data);
    await flush();

    expect(query(element, "[data-id='empty']")!.textContent).toBe(emptyLabel);
    expect(query(element, "table")).toBeNull();
    expect(query(element, "lightning-spinner")).toBeNull();
    expect(query(element, "[role='alert']")).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("shows the empty state, not a spinner, when there is no record", async () => {
    const element = createComponent(null);
    await flush();

    expect(query(element, "lightning-spinner")).toBeNull();
    expect(query(element, "[data-id='empty']")!.textContent).toBe(emptyLabel);
    expect(query<ButtonElement>(element, "lightning-button")!.disabled).toBe(
      true
    );
  });

  it("announces the error body's message in an alert", async () => {
    const element = createComponent();
    wireAdapter.error({ message: "Insufficient access to verifications" });
    await flush();

    const alert = query(element, "[role='alert']")!;
    expect(alert.textContent).toContain(errorPrefixLabel);
    expect(alert.textContent).toContain("Insufficient access to verifications");
    expect(query(element, "table")).toBeNull();
    expect(query(element, "[data-id='empty']")).toBeNull();
    expect(query(element, "lightning-spinner")).toBeNull();
    await expect(element).toBeAccessible();
  });

  it.each([
    [
      "joins the messages of a list body",
      { body: [{ message: "First" }, { message: "Second" }] },
      "First, Second"
    ],
    [
      "falls back to the status text",
      { body: [], statusText: "Service Unavailable" },
      "Service Unavailable"
    ]
  ])("%s", async (_name, errorOptions, expected) => {
    const element = createComponent();
    wireAdapter.emitError(errorOptions, () => true);
    await flush();

    expect(query(element, "[role='alert']")!.textContent).toContain(expected);
  });

  it("offers a keyboard-reachable refresh button that refreshes the wire", async () => {
    const element = createComponent();
    wireAdapter.emit([summary("Pending")]);
    await flush();

    let finishRefresh: () => void = () => undefined;
    refreshApexMock.mockImplementationOnce(
      () => new Promise<void>((resolve) => (finishRefresh = resolve))
    );
    const button = query<ButtonElement>(element, "lightning-button")!;
    expect(button.label).toBe(refreshLabel);
    expect(button.disabled).toBe(false);

    button.click();
    await flush();

    expect(refreshApexMock).toHaveBeenCalledTimes(1);
    expect(refreshApexMock.mock.calls[0][0]).toEqual({
      data: [summary("Pending")],
      error: undefined
    });
    expect(query(element, "lightning-spinner")).not.toBeNull();
    expect(button.disabled).toBe(true);

    // A second click while refreshing does not start another refresh.
    button.click();
    await flush();
    expect(refreshApexMock).toHaveBeenCalledTimes(1);

    finishRefresh();
    await flush();
    expect(query(element, "lightning-spinner")).toBeNull();
    expect(button.disabled).toBe(false);
    await expect(element).toBeAccessible();
  });

  it("shows why a refresh failed", async () => {
    const element = createComponent();
    wireAdapter.emit([summary("Verified")]);
    await flush();
    refreshApexMock.mockRejectedValueOnce({
      body: { message: "Refresh failed" }
    });

    query(element, "lightning-button")!.click();
    await flush();

    expect(query(element, "[role='alert']")!.textContent).toContain(
      "Refresh failed"
    );
    expect(query(element, "lightning-spinner")).toBeNull();
    // The rows already shown stay visible.
    expect(queryAll(element, "tr[data-id='row']")).toHaveLength(1);
  });

  it("shows a generic message when a refresh fails without a readable error", async () => {
    const element = createComponent();
    wireAdapter.emit([]);
    await flush();
    refreshApexMock.mockRejectedValueOnce(new Error());

    query(element, "lightning-button")!.click();
    await flush();

    const alert = query(element, "[role='alert']")!;
    expect(alert.textContent).toContain(errorPrefixLabel);
    expect(alert.textContent).toContain(unknownErrorLabel);
    // An error is not "no verifications".
    expect(query(element, "[data-id='empty']")).toBeNull();
  });

  it("does not refresh without a record", async () => {
    const element = createComponent(null);
    await flush();

    query(element, "lightning-button")!.click();
    await flush();

    expect(refreshApexMock).not.toHaveBeenCalled();
  });

  describe("live refresh on result events", () => {
    const subscribeMock = jest.mocked(subscribe);
    const unsubscribeMock = jest.mocked(unsubscribe);

    async function listed() {
      const element = createComponent();
      wireAdapter.emit([summary("Pending")]);
      await flush();
      return element;
    }

    it("refreshes when a result event names this record, and only then", async () => {
      await listed();
      expect(subscribeMock).toHaveBeenCalledWith(
        CHANNEL,
        -1,
        expect.any(Function)
      );

      emitMessage(CHANNEL, {
        Verification_Id__c: "a01000000000009AAA",
        Related_Record_Id__c: "006000000000002AAA"
      });
      emitMessage(CHANNEL, { Verification_Id__c: "a01000000000009AAA" });
      await flush();
      expect(refreshApexMock).not.toHaveBeenCalled();

      emitMessage(CHANNEL, {
        Verification_Id__c: "a01000000000001AAA",
        Related_Record_Id__c: RECORD_ID.slice(0, 15)
      });
      await flush();
      expect(refreshApexMock).toHaveBeenCalledTimes(1);
      expect(refreshApexMock.mock.calls[0][0]).toEqual({
        data: [summary("Pending")],
        error: undefined
      });
    });

    it("refreshes once more when an event arrives during a refresh", async () => {
      const element = await listed();
      let finishRefresh: () => void = () => undefined;
      refreshApexMock.mockImplementationOnce(
        () => new Promise<void>((resolve) => (finishRefresh = resolve))
      );
      query(element, "lightning-button")!.click();
      await flush();

      emitMessage(CHANNEL, { Related_Record_Id__c: RECORD_ID });
      emitMessage(CHANNEL, { Related_Record_Id__c: RECORD_ID });
      await flush();
      expect(refreshApexMock).toHaveBeenCalledTimes(1);

      finishRefresh();
      await flush();
      expect(refreshApexMock).toHaveBeenCalledTimes(2);
    });

    it("unsubscribes when removed from the page", async () => {
      await listed();
      expect(hasSubscribers(CHANNEL)).toBe(true);
      document.body.removeChild(document.body.firstChild!);
      await flush();
      expect(unsubscribeMock).toHaveBeenCalledTimes(1);
      expect(hasSubscribers(CHANNEL)).toBe(false);
    });

    it("drops the subscription on an empApi error and keeps the list", async () => {
      const element = await listed();
      expect(onError).toHaveBeenCalledTimes(1);
      emitError({ error: "403::Unknown client" });
      await flush();
      expect(unsubscribeMock).toHaveBeenCalledTimes(1);
      expect(queryAll(element, "tr[data-id='row']")).toHaveLength(1);
      expect(query(element, "[role='alert']")).toBeNull();
    });

    it("unsubscribes a subscription that completes after removal", async () => {
      let finishSubscribe: () => void = () => undefined;
      subscribeMock.mockImplementationOnce(
        (channel, replayId) =>
          new Promise((resolve) => {
            finishSubscribe = () => resolve({ channel, replayId });
          })
      );
      createComponent();
      await flush();
      document.body.removeChild(document.body.firstChild!);
      finishSubscribe();
      await flush();
      expect(unsubscribeMock).toHaveBeenCalledWith({
        channel: CHANNEL,
        replayId: -1
      });
    });

    it("does not subscribe when removed while checking empApi", async () => {
      let answer: (enabled: boolean) => void = () => undefined;
      jest
        .mocked(isEmpEnabled)
        .mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
      createComponent();
      document.body.removeChild(document.body.firstChild!);
      answer(true);
      await flush();
      expect(subscribeMock).not.toHaveBeenCalled();
    });

    it("tolerates an unsubscribe that fails", async () => {
      unsubscribeMock.mockRejectedValueOnce(new Error("gone"));
      await listed();
      document.body.removeChild(document.body.firstChild!);
      await flush();
      expect(unsubscribeMock).toHaveBeenCalledTimes(1);
    });

    it.each([
      [
        "empApi is not enabled",
        () => jest.mocked(isEmpEnabled).mockResolvedValueOnce(false)
      ],
      [
        "isEmpEnabled fails",
        () =>
          jest
            .mocked(isEmpEnabled)
            .mockRejectedValueOnce(new Error("no empApi"))
      ],
      [
        "subscribing fails",
        () => subscribeMock.mockRejectedValueOnce(new Error("handshake failed"))
      ]
    ])("falls back silently when %s", async (_name, arrange) => {
      arrange();
      const element = await listed();
      expect(hasSubscribers(CHANNEL)).toBe(false);
      expect(query(element, "[role='alert']")).toBeNull();
      expect(queryAll(element, "tr[data-id='row']")).toHaveLength(1);
      // The manual refresh still works.
      query(element, "lightning-button")!.click();
      await flush();
      expect(refreshApexMock).toHaveBeenCalledTimes(1);
      await expect(element).toBeAccessible();
    });

    it("does not subscribe without a record", async () => {
      createComponent(null);
      await flush();
      expect(isEmpEnabled).not.toHaveBeenCalled();
      expect(subscribeMock).not.toHaveBeenCalled();
    });
  });
});
