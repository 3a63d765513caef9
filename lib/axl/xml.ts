import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";
import { AxlFault } from "./faults.ts";

/** An element as fast-xml-parser reads it: text, or children by local name, attributes as `@_name`. */
export type XmlNode = string | { [name: string]: XmlNode | XmlNode[] | undefined };

// A document type declaration is the only way to define entities, internal
// (billion laughs) or external (XXE); SOAP 1.1 forbids one in a message
// (§3), so it is refused before parsing and only the five predefined
// entities and character references are ever expanded.
const DOCTYPE = /<!DOCTYPE|<!ENTITY/i;

const parser = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: false,
});

const builder = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: false });

export function parseXml(text: string): Record<string, XmlNode> {
  if (DOCTYPE.test(text)) throw new AxlFault("Client", 5003, "Document type declarations are not allowed in a SOAP message");
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new AxlFault("Client", 5003, `The request is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  try {
    return parser.parse(text) as Record<string, XmlNode>;
  } catch (err) {
    // The parser refuses names such as __proto__ that could reach the prototype.
    throw new AxlFault("Client", 5003, `The request could not be read: ${(err as Error).message}`);
  }
}

export function buildXml(doc: object): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build(doc)}`;
}

/** The child element `name` of `node`, or undefined (the first when repeated). */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  if (node === undefined || typeof node === "string") return undefined;
  const value = node[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The text of element `name` in `node`: "" for an empty element, undefined when absent. */
export function text(node: XmlNode | undefined, name: string): string | undefined {
  const value = child(node, name);
  if (value === undefined) return undefined;
  if (typeof value === "string") return value;
  const inner = value["#text"];
  return typeof inner === "string" ? inner : "";
}

/** The names of `node`'s child elements (not attributes nor text). */
export function childNames(node: XmlNode | undefined): string[] {
  if (node === undefined || typeof node === "string") return [];
  return Object.keys(node).filter((k) => !k.startsWith("@_") && k !== "#text");
}
