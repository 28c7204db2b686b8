/**
 * A small element tree over fast-xml-parser's output, with the line each element starts on, for checks that must
 * name the line of a defect. Call it on well-formed XML (XMLValidator first); comments and processing instructions
 * are dropped, CDATA is merged into the text.
 */
import { XMLParser } from "fast-xml-parser";

export interface XmlElement {
  name: string;
  /** Attribute values by their qualified name (`xmlns`, `xmlns:xsi`, `xsi:type`). */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Text content, trimmed; '' when there is none. */
  text: string;
  line: number;
}

const ATTRIBUTES = ":@";
const TEXT = "#text";

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  captureMetaData: true,
  ignoreDeclaration: true,
  ignorePiTags: true
});
const metaSymbol = XMLParser.getMetaDataSymbol() as unknown as string;

type RawNode = Record<string, unknown>;

/** Parses XML text into its root element. Throws when the document has no element. */
export function parseXmlTree(xml: string): XmlElement {
  const lineStarts = [0];
  for (let i = 0; i < xml.length; i++)
    if (xml.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineOf = (index: number | undefined): number => {
    if (index === undefined) return 1;
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= index) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };

  const toElement = (node: RawNode): XmlElement | undefined => {
    const name = Object.keys(node).find((key) => key !== ATTRIBUTES);
    if (!name || name === TEXT || name.startsWith("?") || name.startsWith("!"))
      return undefined;
    const meta = node[metaSymbol] as { startIndex?: number } | undefined;
    const element: XmlElement = {
      name,
      attributes: {
        ...((node[ATTRIBUTES] as Record<string, string> | undefined) ?? {})
      },
      children: [],
      text: "",
      line: lineOf(meta?.startIndex)
    };
    const texts: string[] = [];
    for (const child of (node[name] as RawNode[] | undefined) ?? []) {
      if (TEXT in child) {
        texts.push(String(child[TEXT]));
        continue;
      }
      const childElement = toElement(child);
      if (childElement) element.children.push(childElement);
    }
    element.text = texts.join("").trim();
    return element;
  };

  const top = parser.parse(xml) as RawNode[];
  for (const node of top) {
    const element = toElement(node);
    if (element) return element;
  }
  throw new Error("the document has no root element");
}
