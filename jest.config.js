// LWC Jest for TypeScript components: sfdx-lwc-jest's config, tests in lwc/**/__tests__/*.test.ts,
// coverage measured on the .ts sources (never on the compiled .js beside them).
const { jestConfig } = require("@salesforce/sfdx-lwc-jest/config");

const MOCKS = "<rootDir>/force-app/test/jest-mocks";

module.exports = {
  ...jestConfig,
  roots: ["<rootDir>/force-app"],
  testMatch: ["**/lwc/**/__tests__/**/*.test.ts"],
  setupFilesAfterEnv: [
    ...(jestConfig.setupFilesAfterEnv || []),
    "<rootDir>/force-app/test/jest-setup.ts"
  ],
  moduleNameMapper: {
    // sfdx-lwc-jest's stubs lack ShowToastEventName and a jest.fn refreshApex.
    "^lightning/platformShowToastEvent$": `${MOCKS}/lightning/platformShowToastEvent`,
    "^@salesforce/apex$": `${MOCKS}/apex`,
    // Tests import mock-only helpers (e.g. ShowToastEventName) through this alias.
    "^jest-mocks/(.*)$": `${MOCKS}/$1`
  },
  collectCoverageFrom: [
    "force-app/**/lwc/**/*.ts",
    "!**/__tests__/**",
    "!**/__mocks__/**",
    "!**/*.d.ts"
  ],
  coverageThreshold: {
    global: { lines: 90, statements: 90, functions: 90, branches: 85 }
  },
  coverageReporters: ["text-summary", "lcov"],
  testPathIgnorePatterns: [
    ...(jestConfig.testPathIgnorePatterns || []),
    "<rootDir>/.sfdx/",
    "<rootDir>/.sf/"
  ]
};
