/** `@salesforce/sfdx-lwc-jest` ships no types; its wire test utilities come from wire-service-jest-util. */
declare module "@salesforce/sfdx-lwc-jest" {
  export {
    createApexTestWireAdapter,
    createLdsTestWireAdapter,
    createTestWireAdapter
  } from "@salesforce/wire-service-jest-util";
}
