// The Salesforce mobile app: empApi is desktop-only, so the history never subscribes there.
import { createElement } from "lwc";
import { isEmpEnabled, subscribe } from "lightning/empApi";
import OneKosmosVerificationHistory from "c/oneKosmosVerificationHistory";
import type * as SfdxLwcJest from "@salesforce/sfdx-lwc-jest";
import type * as EmpApiMock from "jest-mocks/lightning/empApi";

jest.mock("@salesforce/client/formFactor", () => ({ default: "Small" }), {
  virtual: true
});
jest.mock("lightning/empApi", () =>
  jest.requireActual<typeof EmpApiMock>("jest-mocks/lightning/empApi")
);
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

it("does not subscribe to result events on a small form factor", async () => {
  const element = createElement("c-one-kosmos-verification-history", {
    is: OneKosmosVerificationHistory
  });
  element.recordId = "006000000000001AAA";
  document.body.appendChild(element);
  await new Promise((resolve) => setTimeout(resolve, 0));

  expect(isEmpEnabled).not.toHaveBeenCalled();
  expect(subscribe).not.toHaveBeenCalled();
  document.body.removeChild(element);
});
