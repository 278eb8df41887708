// XML in, plain tree out (fast-xml-parser, pinned): namespace prefixes removed, every value kept as a
// string (no number guessing: ORNO "0012" stays "0012"), attributes under `@_`, text of an element with
// attributes under `#text`. DOCTYPE is refused (no entity games); malformed XML gives line and column.
// Every limit of the parser is a 400 that names it (INPUT_LIMIT_EXCEEDED), never a plain error.
import { getSteps } from '@m3mage/runtime/mapping';
import { AppError } from '@m3mage/runtime';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlNode = Record<string, unknown>;

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

/** Elements that repeat in the BODs we read: always arrays, even with one occurrence. */
export const REPEATING: ReadonlySet<string> = new Set([
  'SalesOrderLine',
  'ShipmentItem',
  'ShipUnit',
  'InvoiceLine',
  'AddressLine',
  'Communication',
  'NameValue',
  'Description',
  'Classification',
  'Property',
]);

/** Deeper than any OAGIS BOD (about 15 levels); the parser refuses documents nested deeper. */
export const MAX_XML_DEPTH = 100;

/** What the parser throws at each of its limits (by its message) → the limit as the sender reads it. */
const PARSER_LIMITS: ReadonlyArray<{ match: RegExp; limit: string; message: (m: string) => string }> = [
  {
    match: /Maximum nested tags exceeded/,
    limit: 'maxNestedTags',
    message: () => `XML nested deeper than ${MAX_XML_DEPTH} elements (limit maxNestedTags)`,
  },
  {
    match: /Entity expansion count limit exceeded|Expanded content length limit exceeded/,
    limit: 'entityExpansion',
    message: (m) => `XML entity expansion over the limit (${m.replace(/^\[\w+\]\s*/, '')})`,
  },
  {
    match: /reserved JavaScript keyword/,
    limit: 'reservedNames',
    message: (m) =>
      `${/"[^"]*"/.exec(m)?.[0] ?? 'a name'} is not accepted as an element or attribute name (limit reservedNames)`,
  },
];

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
  maxNestedTags: MAX_XML_DEPTH,
  isArray: (name) => REPEATING.has(name),
});

/** A parser failure as the sender's fault: the limit it broke, or the parser's reason. */
function refused(err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  const known = PARSER_LIMITS.find((l) => l.match.test(message));
  if (!known) return new XmlError(`XML not accepted by the parser: ${message}`);
  return new AppError('INPUT_LIMIT_EXCEEDED', known.message(message), { details: { limit: known.limit } });
}

export function parseXml(xml: string): XmlNode {
  if (/<!DOCTYPE/i.test(xml)) {
    throw new AppError(
      'INPUT_LIMIT_EXCEEDED',
      'DOCTYPE declarations are not accepted (no DTD, entity definitions or external entities)',
      {
        details: { limit: 'doctype' },
      },
    );
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new XmlError(`${msg} (line ${line}, column ${col})`);
  }
  let tree: unknown;
  try {
    tree = parser.parse(xml) as unknown;
  } catch (err) {
    throw refused(err);
  }
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

/** Walks a path of element names; a repeated element (a list) gives its first. */
export const at = (node: unknown, ...path: string[]): unknown => getSteps(node, path, { firstOfLists: true });

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
  // An element with text only and no attributes is parsed as its string: kept, as a node with that text
  // (one such sibling among elements with attributes, e.g. <Description>…</Description><Description type="Long">).
  return items.flatMap((x): XmlNode[] =>
    typeof x === 'object' && x !== null ? [x as XmlNode] : typeof x === 'string' ? [{ '#text': x }] : [],
  );
}
