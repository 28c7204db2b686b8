import type { EmpSubscription } from "lightning/empApi";
import { isEmpEnabled, unsubscribe } from "jest-mocks/lightning/empApi";
import type * as EmpApiMock from "jest-mocks/lightning/empApi";
import {
  RESULT_CHANNEL,
  apexErrorMessage,
  canReceiveResultEvents,
  runDetached,
  safeUnsubscribe,
  sameId
} from "c/oneKosmosUtils";

jest.mock("lightning/empApi", () =>
  jest.requireActual<typeof EmpApiMock>("jest-mocks/lightning/empApi")
);

describe("c/oneKosmosUtils", () => {
  it("listens on the verification result channel", () => {
    expect(RESULT_CHANNEL).toBe("/event/OneKosmos_Verification_Result__e");
  });

  it("receives result events only where empApi is enabled, and never after an empApi error", async () => {
    // Jest's form factor is Large (desktop); the components' mobile tests cover Small.
    expect(await canReceiveResultEvents()).toBe(true);
    isEmpEnabled.mockResolvedValueOnce(false);
    expect(await canReceiveResultEvents()).toBe(false);
    isEmpEnabled.mockRejectedValueOnce(new Error("empApi unavailable"));
    expect(await canReceiveResultEvents()).toBe(false);
  });

  it("compares ids in their 15- and 18-character forms, and never blanks", () => {
    expect(sameId("001000000000001AAA", "001000000000001AAA")).toBe(true);
    expect(sameId("001000000000001", "001000000000001AAA")).toBe(true);
    expect(sameId("001000000000001AAA", "001000000000001")).toBe(true);
    expect(sameId("001000000000002", "001000000000001AAA")).toBe(false);
    // Two 18-character ids that share their first 15 differ in case only: not the same record.
    expect(sameId("001000000000001AAA", "001000000000001AAB")).toBe(false);
    expect(sameId(undefined, "001000000000001AAA")).toBe(false);
    expect(sameId("", "")).toBe(false);
    expect(sameId(null, null)).toBe(false);
  });

  it("reads the message of an Apex error in each shape it comes in", () => {
    expect(apexErrorMessage({ body: { message: "single" } })).toBe("single");
    expect(
      apexErrorMessage({ body: [{ message: "one" }, { message: "two" }] })
    ).toBe("one, two");
    expect(apexErrorMessage({ body: [], statusText: "Server Error" })).toBe(
      "Server Error"
    );
    expect(apexErrorMessage({ body: {} })).toBeUndefined();
    expect(apexErrorMessage(undefined)).toBeUndefined();
  });

  it("swallows the rejection of detached work", async () => {
    const failing = Promise.reject(new Error("ignored"));
    runDetached(failing);
    await expect(failing).rejects.toThrow("ignored");
  });

  it("unsubscribes, and survives an unsubscribe that fails", async () => {
    const subscription = { channel: RESULT_CHANNEL } as EmpSubscription;
    const mocked = unsubscribe;
    mocked.mockClear();
    mocked.mockResolvedValueOnce(true);
    await safeUnsubscribe(subscription);
    mocked.mockRejectedValueOnce(new Error("gone"));
    await expect(safeUnsubscribe(subscription)).resolves.toBeUndefined();
    expect(mocked).toHaveBeenCalledTimes(2);
    expect(mocked).toHaveBeenCalledWith(subscription);
  });
});
