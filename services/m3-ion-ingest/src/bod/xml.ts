// XML in, plain tree out (fast-xml-parser, pinned): namespace prefixes removed, every value kept as a
// string (no number guessing: ORNO "0012" stays "0012"), attributes under `@_`, text of an element with
// attributes under `#text`. DOCTYPE is refused (no entity games); malformed XML gives line and column.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlNode = Record<string, unknown>;

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

/** Elements that repeat in the BODs we read: always arrays, even with one occurrence. */
const REPEATING = new Set([
  'SalesOrderLine',
  'ShipmentItem',
  'ShipUnit',
  'InvoiceLine',
  'AddressLine',
  'Communication',
  'NameValue',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  isArray: (name) => REPEATING.has(name),
});

export function parseXml(xml: string): XmlNode {
  if (/<!DOCTYPE/i.test(xml)) throw new XmlError('DOCTYPE declarations are not accepted');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new XmlError(`${msg} (line ${line}, column ${col})`);
  }
  const tree = parser.parse(xml) as unknown;
  if (typeof tree !== 'object' || tree === null) throw new XmlError('no root element');
  return tree as XmlNode;
}

/** The single root element: its local name and node. */
export function rootOf(tree: XmlNode): { name: string; node: XmlNode } {
  const names = Object.keys(tree).filter((k) => !k.startsWith('?') && !k.startsWith('#'));
  if (names.length !== 1) throw new XmlError(`expected one root element, found ${names.length}`);
  const name = names[0] as string;
  const node = tree[name];
  return { name, node: typeof node === 'object' && node !== null ? (node as XmlNode) : { '#text': node } };
}

/** Walks a path of element names; arrays take their first element. */
export function at(node: unknown, ...path: string[]): unknown {
  let cur: unknown = node;
  for (const step of path) {
    if (Array.isArray(cur)) cur = cur[0];
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as XmlNode)[step];
  }
  return Array.isArray(cur) ? cur[0] : cur;
}

/** Text of an element (or of its `#text` when it has attributes), trimmed; undefined when empty/absent. */
export function text(node: unknown, ...path: string[]): string | undefined {
  const n = at(node, ...path);
  const raw = typeof n === 'object' && n !== null ? (n as XmlNode)['#text'] : n;
  if (raw === undefined || raw === null) return undefined;
  const s = (typeof raw === 'string' ? raw : JSON.stringify(raw)).trim();
  return s === '' ? undefined : s;
}

export function attr(node: unknown, name: string, ...path: string[]): string | undefined {
  const n = at(node, ...path);
  if (typeof n !== 'object' || n === null) return undefined;
  const v = (n as XmlNode)[`@_${name}`];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

export function list(node: unknown, name: string): XmlNode[] {
  if (typeof node !== 'object' || node === null) return [];
  const v = (node as XmlNode)[name];
  const items: unknown[] = v === undefined ? [] : Array.isArray(v) ? v : [v];
  return items.filter((x): x is XmlNode => typeof x === 'object' && x !== null);
}
