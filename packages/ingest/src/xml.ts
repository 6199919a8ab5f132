// Reading a DfE XML return (CIN census, SEN2) into plain records: one parser setup for all of them.
// Values stay the text the file gave (LA child ids "0012" and codes must never become numbers);
// nothing is checked here, each format's rules do that before anything is written.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * The document as a tree, or why it is not well-formed (a line number, never a value). `repeating`:
 * the elements that may repeat, always read as lists so one and many read the same way.
 */
export function parseXmlReturn(xml: string, repeating: readonly string[]): { doc: unknown } | { problem: string } {
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) return { problem: `is not well-formed XML (line ${wellFormed.err.line})` };
  const names = new Set(repeating);
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    // No entity expansion beyond XML's own five: a return carries none, and expansion is an attack surface.
    processEntities: false,
    isArray: (tagName) => names.has(tagName),
  });
  try {
    return { doc: parser.parse(xml) };
  } catch {
    return { problem: 'is not well-formed XML' };
  }
}

/** The text of a leaf element; null when absent or empty (`<CINclosureDate/>`). */
export function xmlText(node: unknown): string | null {
  if (typeof node === 'string') return node.length ? node : null;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  return null;
}

export const xmlObj = (n: unknown): Record<string, unknown> =>
  n && typeof n === 'object' && !Array.isArray(n) ? (n as Record<string, unknown>) : {};
export const xmlList = (n: unknown): unknown[] => (Array.isArray(n) ? n : n === undefined || n === '' ? [] : [n]);
/** These leaf elements of a node, as text or null. */
export const xmlPick = <K extends string>(n: unknown, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, xmlText(xmlObj(n)[k])])) as Record<K, string | null>;
