// An OAGIS BOD (FORMAT-NOTES A 1–5): root VerbNoun in namespace http://schema.infor.com/InforOAGIS/2,
// ApplicationArea (Sender LogicalID — trimmed, BODID, CreationDateTime), DataArea = verb element
// (ActionCriteria/ActionExpression/@actionCode) + noun element whose document id carries variationID.
import { parseVariationId } from './variation';
import { at, attr, list, parseXml, rootOf, text, XmlError, type XmlNode } from './xml';

export const OAGIS_NS = 'http://schema.infor.com/InforOAGIS/2';
const VERBS = ['Sync', 'Show', 'Process', 'Get', 'Acknowledge', 'Confirm', 'Load', 'Cancel', 'Notify', 'Post'];

export interface Bod {
  verb: string;
  noun: string;
  logicalId: string | undefined;
  componentId: string | undefined;
  bodId: string;
  creationDateTime: string | undefined;
  actionCode: string | undefined;
  accountingEntity: string | undefined;
  /** The noun element (e.g. <Shipment>). */
  nounNode: XmlNode;
  /** Every noun element of the DataArea, in order (OAGIS allows 1..n, e.g. InventoryBalance; most BODs carry one). */
  nounNodes: XmlNode[];
}

export class UnsupportedBod extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedBod';
  }
}

export function splitVerbNoun(root: string): { verb: string; noun: string } | undefined {
  const verb = VERBS.find((v) => root.startsWith(v) && root.length > v.length);
  return verb ? { verb, noun: root.slice(verb.length) } : undefined;
}

/**
 * Parses and checks the envelope of a BOD; the noun is read by its mapping. `supported` lists the
 * Verb+Noun names accepted (others: UnsupportedBod).
 */
export function parseBod(xml: string, supported?: readonly string[]): Bod {
  const { name, node } = rootOf(parseXml(xml));
  const vn = splitVerbNoun(name);
  if (!vn) throw new XmlError(`root element <${name}> is not an OAGIS Verb+Noun`);
  if (supported && !supported.includes(name)) {
    throw new UnsupportedBod(`${name} is not handled; this endpoint takes ${supported.join(', ')}`);
  }
  const ns = attr(node, 'xmlns');
  if (ns !== undefined && ns !== OAGIS_NS) throw new XmlError(`namespace ${ns} is not ${OAGIS_NS}`);
  const bodId = text(node, 'ApplicationArea', 'BODID');
  if (!bodId) throw new XmlError('ApplicationArea/BODID is missing');
  const nounNode = at(node, 'DataArea', vn.noun);
  if (typeof nounNode !== 'object' || nounNode === null) throw new XmlError(`DataArea/${vn.noun} is missing`);
  return {
    ...vn,
    logicalId: text(node, 'ApplicationArea', 'Sender', 'LogicalID'),
    componentId: text(node, 'ApplicationArea', 'Sender', 'ComponentID'),
    bodId,
    creationDateTime: text(node, 'ApplicationArea', 'CreationDateTime'),
    actionCode: attr(node, 'actionCode', 'DataArea', vn.verb, 'ActionCriteria', 'ActionExpression'),
    accountingEntity: text(node, 'DataArea', vn.verb, 'AccountingEntityID'),
    nounNode: nounNode as XmlNode,
    nounNodes: list(at(node, 'DataArea'), vn.noun),
  };
}

/**
 * variationID of the document id element, else the `variationID=` of an LN-style BODID (FORMAT-NOTES A 3), as a
 * canonical decimal string; undefined when absent or not digits; beyond M3's range: INPUT_LIMIT_EXCEEDED.
 */
export function variationOf(idElement: unknown, bodId: string): string | undefined {
  const raw = attr(idElement, 'variationID') ?? /[?&]variationID=(\d+)/.exec(bodId)?.[1];
  return raw === undefined ? undefined : parseVariationId(raw);
}
