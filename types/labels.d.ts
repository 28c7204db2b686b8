/**
 * Custom Labels: `import title from "@salesforce/label/c.OneKosmos_Title";` is the label's text in the
 * user's language. The gate (lwc-build check) proves each imported label exists in a labels file.
 */
declare module "@salesforce/label/c.*" {
  const label: string;
  export default label;
}
