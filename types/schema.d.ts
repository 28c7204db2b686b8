/**
 * Schema references: `@salesforce/schema/Account` is `{ objectApiName }`, `@salesforce/schema/Account.Name`
 * is `{ objectApiName, fieldApiName }` (one wildcard cannot tell the two apart, so `fieldApiName` is optional).
 */
declare module "@salesforce/schema/*" {
  const reference: { objectApiName: string; fieldApiName?: string };
  export default reference;
}
