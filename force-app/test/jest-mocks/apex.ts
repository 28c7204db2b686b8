// `@salesforce/apex` for Jest: spies, so a test can assert that a component refreshed its wire.
export const refreshApex = jest.fn(() => Promise.resolve());
export const getSObjectValue = jest.fn();
