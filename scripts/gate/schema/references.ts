/**
 * Names that one metadata file gives to another are plain text to the schema, but a deploy fails when they point
 * at nothing: a permission set granting access to a field, class or principal the project does not have, a layout
 * or list view showing a missing field, a Custom Metadata record naming a field its type lacks. These checks cover
 * references to the project's own (unnamespaced, custom) components only: standard and packaged components live in
 * the org, which is not reachable here.
 */
import { XSD_VALUE_TYPE_NAMES } from "./validateMetadataXml";
import type { XmlElement } from "./xmlTree";

/** One metadata file, as the resolver typed it. */
export interface MetadataFile {
  /** Path as findings report it. */
  file: string;
  /** Metadata type of the file (CustomField, PermissionSet, …). */
  typeName: string;
  /** Component name (for a decomposed child: without its parent, e.g. Status__c). */
  name: string;
  /** Full name of the parent (e.g. the object of a field or list view). */
  parentName?: string;
  root: XmlElement;
  /** False when the root element is not the type's: the file still defines its component, but is not read. */
  checkable: boolean;
}

export interface ReferenceIssue {
  file: string;
  line: number;
  message: string;
}

interface FieldInfo {
  type: string;
  required: boolean;
  length?: number;
  restrictedValues?: string[];
}

interface ProjectIndex {
  objects: Set<string>;
  fields: Map<string, Map<string, FieldInfo>>;
  byType: Map<string, Set<string>>;
  principals: Set<string>;
}

const child = (element: XmlElement, name: string): XmlElement | undefined =>
  element.children.find((candidate) => candidate.name === name);
const childrenNamed = (element: XmlElement, name: string): XmlElement[] =>
  element.children.filter((candidate) => candidate.name === name);

/** A custom object of this project's namespace (`Thing__c`, `Conf__mdt`, `Event__e`), not a packaged one. */
function isLocalCustomObject(name: string): boolean {
  return (
    /^[A-Za-z][A-Za-z0-9_]*__(c|mdt|e|b|x)$/.test(name) &&
    name.split("__").length === 2
  );
}
/** A custom field of this project's namespace (`Status__c`). */
function isLocalCustomField(name: string): boolean {
  return (
    /^[A-Za-z][A-Za-z0-9_]*__c$/.test(name) && name.split("__").length === 2
  );
}
/** A class, permission or other name without a namespace prefix. */
function isLocalName(name: string): boolean {
  return name !== "" && !name.includes("__");
}

function indexProject(files: MetadataFile[]): ProjectIndex {
  const index: ProjectIndex = {
    objects: new Set(),
    fields: new Map(),
    byType: new Map(),
    principals: new Set()
  };
  for (const { typeName, name, parentName, root } of files) {
    const names = index.byType.get(typeName) ?? new Set<string>();
    index.byType.set(typeName, names);
    names.add(parentName ? `${parentName}.${name}` : name);
    if (typeName === "CustomObject") index.objects.add(name);
    if (typeName === "CustomField" && parentName) {
      const fields =
        index.fields.get(parentName) ?? new Map<string, FieldInfo>();
      index.fields.set(parentName, fields);
      const valueSet = child(root, "valueSet");
      const values = valueSet && child(valueSet, "valueSetDefinition");
      const length = child(root, "length")?.text;
      fields.set(name, {
        type: child(root, "type")?.text ?? "",
        required: child(root, "required")?.text === "true",
        length: length ? Number(length) : undefined,
        restrictedValues:
          valueSet && child(valueSet, "restricted")?.text === "true" && values
            ? childrenNamed(values, "value").map(
                (value) => child(value, "fullName")?.text ?? ""
              )
            : undefined
      });
    }
    if (typeName === "ExternalCredential") {
      for (const parameter of childrenNamed(
        root,
        "externalCredentialParameters"
      )) {
        const type = child(parameter, "parameterType")?.text;
        if (type === "NamedPrincipal" || type === "PerUserPrincipal") {
          index.principals.add(
            `${name}-${child(parameter, "parameterName")?.text ?? ""}`
          );
        }
      }
    }
  }
  return index;
}

export function checkReferences(files: MetadataFile[]): ReferenceIssue[] {
  const index = indexProject(files);
  const issues: ReferenceIssue[] = [];
  for (const file of files.filter((candidate) => candidate.checkable)) {
    const report = (line: number, message: string): void => {
      issues.push({ file: file.file, line, message });
    };
    switch (file.typeName) {
      case "PermissionSet":
        checkPermissionSet(file.root, index, report);
        break;
      case "Layout":
        checkLayout(file, index, report);
        break;
      case "CompactLayout":
      case "ListView":
        checkObjectChildFields(file, index, report);
        break;
      case "CustomObject":
        checkSearchLayouts(file, index, report);
        break;
      case "CustomMetadata":
        checkCustomMetadataRecord(file, index, report);
        break;
    }
  }
  return issues;
}

type Report = (line: number, message: string) => void;

/**
 * Reports a custom field of one of the project's custom objects that the project does not define, and returns the
 * field's info when it exists. Fields of standard objects are looked up but never reported: the org may have them.
 */
function lookUpField(
  objectName: string,
  fieldName: string,
  element: XmlElement,
  index: ProjectIndex,
  report: Report
): FieldInfo | undefined {
  if (!isLocalCustomField(fieldName)) return undefined;
  const field = index.fields.get(objectName)?.get(fieldName);
  if (
    !field &&
    isLocalCustomObject(objectName) &&
    index.objects.has(objectName)
  ) {
    report(
      element.line,
      `${objectName} has no field ${fieldName} in the project: expected objects/${objectName}/fields/${fieldName}.field-meta.xml`
    );
  }
  return field;
}

function checkPermissionSet(
  root: XmlElement,
  index: ProjectIndex,
  report: Report
): void {
  const expectLocal = (
    section: string,
    element: string,
    typeName: string,
    what: string
  ): void => {
    for (const entry of childrenNamed(root, section)) {
      const reference = child(entry, element);
      if (!reference || !isLocalName(reference.text)) continue;
      if (!index.byType.get(typeName)?.has(reference.text)) {
        report(
          reference.line,
          `<${element}>${reference.text}</${element}>: the project has no ${what} ${reference.text}`
        );
      }
    }
  };
  expectLocal("classAccesses", "apexClass", "ApexClass", "Apex class");
  expectLocal("pageAccesses", "apexPage", "ApexPage", "Visualforce page");
  expectLocal(
    "customPermissions",
    "name",
    "CustomPermission",
    "custom permission"
  );
  expectLocal("flowAccesses", "flow", "Flow", "flow");
  expectLocal(
    "applicationVisibilities",
    "application",
    "CustomApplication",
    "app"
  );

  for (const entry of childrenNamed(
    root,
    "externalCredentialPrincipalAccesses"
  )) {
    const reference = child(entry, "externalCredentialPrincipal");
    if (!reference) continue;
    const credential = reference.text.split("-")[0];
    if (isLocalName(credential) && !index.principals.has(reference.text)) {
      report(
        reference.line,
        `<externalCredentialPrincipal>${reference.text}</externalCredentialPrincipal>: no principal of that name in the project (expected <ExternalCredential>-<parameterName> of a NamedPrincipal or PerUserPrincipal parameter${
          index.principals.size > 0
            ? `: ${[...index.principals].sort().join(", ")}`
            : ""
        })`
      );
    }
  }

  for (const entry of [
    ...childrenNamed(root, "objectPermissions"),
    ...childrenNamed(root, "customMetadataTypeAccesses")
  ]) {
    const reference = child(
      entry,
      entry.name === "objectPermissions" ? "object" : "name"
    );
    if (
      reference &&
      isLocalCustomObject(reference.text) &&
      !index.objects.has(reference.text)
    ) {
      report(
        reference.line,
        `${reference.text}: the project has no object of that name`
      );
    }
  }

  for (const entry of childrenNamed(root, "fieldPermissions")) {
    const reference = child(entry, "field");
    if (!reference) continue;
    const [objectName, fieldName] = reference.text.split(".");
    if (!fieldName) {
      report(
        reference.line,
        `<field>${reference.text}</field>: expected Object.Field`
      );
      continue;
    }
    if (isLocalCustomObject(objectName) && !index.objects.has(objectName)) {
      report(
        reference.line,
        `${reference.text}: the project has no object ${objectName}`
      );
      continue;
    }
    const field = lookUpField(objectName, fieldName, reference, index, report);
    if (!field) continue;
    if (field.required || field.type === "MasterDetail") {
      report(
        reference.line,
        `${reference.text} is ${field.required ? "a required" : "a master-detail"} field: the Metadata API refuses field permissions on it (remove this entry; access follows the object)`
      );
    }
    // An editable formula field is not refused (coral-cloud deploys one), so it is left alone.
  }

  for (const entry of childrenNamed(root, "tabSettings")) {
    const reference = child(entry, "tab");
    if (
      reference &&
      isLocalCustomObject(reference.text) &&
      !index.byType.get("CustomTab")?.has(reference.text)
    ) {
      report(
        reference.line,
        `<tab>${reference.text}</tab>: the project has no tab of that name`
      );
    }
  }
}

/** Every `<field>` anywhere below `element`. */
function fieldElements(element: XmlElement, name = "field"): XmlElement[] {
  return element.children.flatMap((candidate) =>
    candidate.name === name ? [candidate] : fieldElements(candidate, name)
  );
}

function checkLayout(
  file: MetadataFile,
  index: ProjectIndex,
  report: Report
): void {
  // A layout's name is "<Object>-<Layout Name>".
  const objectName = file.name.split("-")[0];
  for (const section of childrenNamed(file.root, "layoutSections")) {
    for (const field of fieldElements(section))
      lookUpField(objectName, field.text, field, index, report);
  }
}

function checkObjectChildFields(
  file: MetadataFile,
  index: ProjectIndex,
  report: Report
): void {
  if (!file.parentName) return;
  const elements =
    file.typeName === "CompactLayout"
      ? childrenNamed(file.root, "fields")
      : [
          ...childrenNamed(file.root, "columns"),
          ...childrenNamed(file.root, "filters").flatMap((filter) =>
            childrenNamed(filter, "field")
          )
        ];
  for (const element of elements)
    lookUpField(file.parentName, element.text, element, index, report);
}

function checkSearchLayouts(
  file: MetadataFile,
  index: ProjectIndex,
  report: Report
): void {
  const searchLayouts = child(file.root, "searchLayouts");
  if (!searchLayouts) return;
  for (const element of searchLayouts.children) {
    if (element.children.length === 0)
      lookUpField(file.name, element.text, element, index, report);
  }
}

/** Which xsi:type a record value must declare for each Custom Metadata field type. */
const XSD_TYPES_BY_FIELD_TYPE: Record<string, string[]> = {
  Checkbox: ["boolean"],
  Number: ["double", "int", "long", "decimal"],
  Percent: ["double", "int", "long", "decimal"],
  Currency: ["double", "int", "long", "decimal"],
  Date: ["date"],
  DateTime: ["dateTime"],
  Text: ["string"],
  TextArea: ["string"],
  LongTextArea: ["string"],
  Email: ["string"],
  Phone: ["string"],
  Url: ["string"],
  Picklist: ["string"],
  MetadataRelationship: ["string"]
};

/**
 * A Custom Metadata record names its type's fields as plain text: each must be a field of the type, appear once,
 * and carry a value of the field's type (and length, and picklist).
 */
function checkCustomMetadataRecord(
  file: MetadataFile,
  index: ProjectIndex,
  report: Report
): void {
  const xml = file.root;
  const typeName = `${file.name.split(".")[0]}__mdt`;
  if (!index.objects.has(typeName)) {
    report(
      xml.line,
      `record of Custom Metadata Type ${typeName}, which is not in the project: expected objects/${typeName}`
    );
    return;
  }
  const fields = index.fields.get(typeName) ?? new Map<string, FieldInfo>();
  const seen = new Set<string>();
  for (const values of childrenNamed(xml, "values")) {
    const fieldElement = child(values, "field");
    const valueElement = child(values, "value");
    if (!fieldElement) continue;
    const fieldName = fieldElement.text;
    const field = fields.get(fieldName);
    if (!field) {
      report(
        fieldElement.line,
        `${typeName} has no field ${fieldName}: expected one of ${[...fields.keys()].sort().join(", ") || "(no fields)"}`
      );
      continue;
    }
    if (seen.has(fieldName))
      report(
        fieldElement.line,
        `${fieldName} is given more than once in this record`
      );
    seen.add(fieldName);
    if (!valueElement) continue;
    const attributes = Object.entries(valueElement.attributes);
    if (
      attributes.some(
        ([name, value]) => name.endsWith(":nil") && value === "true"
      )
    )
      continue;
    const declared = attributes.find(([name]) => name.endsWith(":type"))?.[1];
    const local = declared?.slice(declared.indexOf(":") + 1);
    const expected = XSD_TYPES_BY_FIELD_TYPE[field.type];
    // An unknown xsd type is the schema validation's finding already.
    if (
      expected &&
      local &&
      XSD_VALUE_TYPE_NAMES.includes(local) &&
      !expected.includes(local)
    ) {
      report(
        valueElement.line,
        `${fieldName} is a ${field.type} field but its value is declared ${declared}: expected xsd:${expected[0]}`
      );
    }
    if (
      field.type === "Text" &&
      field.length !== undefined &&
      valueElement.text.length > field.length
    ) {
      report(
        valueElement.line,
        `value of ${fieldName} has ${valueElement.text.length} characters: the field holds at most ${field.length}`
      );
    }
    if (
      field.restrictedValues &&
      !field.restrictedValues.includes(valueElement.text)
    ) {
      report(
        valueElement.line,
        `"${valueElement.text}" is not a value of the restricted picklist ${fieldName}: expected one of ${field.restrictedValues.join(", ")}`
      );
    }
  }
}
