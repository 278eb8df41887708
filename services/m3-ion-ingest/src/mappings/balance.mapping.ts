// <Verb><STOCK_BOD_NOUN> (e.g. SyncLS_ItemStock, LeanSwift's custom stock BOD) → balances for cdc.m3.stock.v1
// (m3mage.m3.Balance), keyed ITNO@WHLO. GUESS: M3 publishes no standard stock-balance BOD and no public sample
// of LS_ItemStock (or of any M3 inventory BOD) was found (MASTER-DATA-NOTES §2; README). The layout is assumed
// from the OAGIS InventoryBalance noun (SyncInventoryBalance carries 1..n of them), one balance per noun element,
// read into the MI balance field names (the table below) and then by the MI readers' rules (stock/records.ts):
// ITNO and WHLO required, STQT required, ALQT absent → 0, AVAL / AV01 absent → null.
//   version  LastModificationDateTime             ISO-8601 with a zone → epoch ms; required (stock/stock-bod.ts)
//   op       Sync: ActionCriteria/ActionExpression/@actionCode (Delete → d, Add → c, else u); Show → r
// ItemID/ID/@variationID goes to the ion-variation-id header only. Not read: AvailableQuantity (OAGIS "available"
// is M3's AV02, which a balance record does not carry) and TransactionDateTime (an allocation changes ALQT with no
// stock transaction, so only the modification time orders every change). The quantities given must name one
// unitCode (M3 keeps a balance in the item's basic U/M; a BOD mixing units is refused).
import type { Bod } from '../bod/bod';
import { variationOf } from '../bod/bod';
import { at, attr, type XmlNode } from '../bod/xml';
import { xmlView } from '../bod/xml-view';
import { defineMapping, from, splitPath, transform } from '@m3mage/runtime/mapping';
import type { Balance, Op } from '@m3mage/schemas/types';
import type { ChangeStamp } from '../items/change-stamp';
import { balanceKey, balanceOf, UnreadableRecord } from '../stock/records';
import { opOf, UnmappableBod } from './common.mapping';
import { mapOrRefuse } from './refusal';
import { isoChangeStamp } from './transforms/values';
import { xmlText } from './transforms/xml';

type MiField = 'ITNO' | 'WHLO' | 'STQT' | 'ALQT' | 'AVAL' | 'AV01';
const QUANTITIES = ['STQT', 'ALQT', 'AVAL', 'AV01'] as const;

/** A noun element in MI balance field names, the unitCodes of its quantities and its modification time. */
export type BalanceFields = { [F in MiField]?: string } & { units: string[]; modifiedAt?: ChangeStamp };

/** Where each quantity is read: shared by the table and the unitCodes transform. */
const QUANTITY_ELEMENTS: Readonly<Record<(typeof QUANTITIES)[number], string>> = Object.freeze({
  STQT: 'Quantity',
  ALQT: 'AllocatedQuantity',
  AVAL: 'AllocatableQuantity',
  AV01: 'AllocatableNetQuantity',
});

const unitCodes = transform<XmlNode, string[]>(
  'unitCodes',
  'the @unitCode of Quantity, AllocatedQuantity, AllocatableQuantity and AllocatableNetQuantity, each unit once',
  (node) => [...new Set(QUANTITIES.flatMap((f) => attr(node, 'unitCode', QUANTITY_ELEMENTS[f]) ?? []))],
);

export const balanceMapping = defineMapping<XmlNode, BalanceFields>(
  {
    ITNO: from('ItemID.ID').via(xmlText).omit().describe('required (refused without it)'),
    WHLO: from('Facility.ID').via(xmlText).omit().describe("required; OAGIS's stocking location, the M3 warehouse"),
    STQT: from(QUANTITY_ELEMENTS.STQT).via(xmlText).omit().describe('on-hand balance approved; required'),
    ALQT: from(QUANTITY_ELEMENTS.ALQT).via(xmlText).omit().describe('absent → 0'),
    AVAL: from(QUANTITY_ELEMENTS.AVAL).via(xmlText).omit().describe('allocatable on-hand; absent → null'),
    AV01: from(QUANTITY_ELEMENTS.AV01).via(xmlText).omit().describe('allocatable net; absent → null'),
    units: from().via(unitCodes).default([]).describe('more than one unit refuses the BOD'),
    modifiedAt: from('LastModificationDateTime')
      .via(xmlText)
      .via(isoChangeStamp)
      .omit()
      .describe('the version; required (refused without it)'),
  },
  {
    name: 'm3-balance',
    title: 'Balance (inventory BOD → MI balance fields)',
    description:
      'Each noun element of the inventory BOD (STOCK_BOD_NOUN, layout assumed) is read into the MI balance field ' +
      'names; from there the balance is built by the same rules as a polled one, quantities exact.',
  },
);

/** One balance of an inventory BOD. */
export interface BalanceBod {
  balance: Omit<Balance, 'changeStamp'>;
  /** LastModificationDateTime, epoch ms: the stamp the version is judged by. */
  modifiedAt: number;
  op: Op;
  /** ItemID/ID/@variationID, when given. */
  variationId: string | undefined;
}

/** A balance that cannot be read; `key` is its ITNO@WHLO as far as known (`(none)` for what is missing). */
export class UnmappableBalance extends UnmappableBod {
  constructor(
    message: string,
    readonly key: string,
  ) {
    super(message);
    this.name = 'UnmappableBalance';
  }
}

/** Where an MI field is read (from the table): `ItemID/ID`. */
function elementOf(field: MiField): string {
  const s = balanceMapping.fields[field]?.source;
  return s?.kind === 'path' ? splitPath(s.path).join('/') : field;
}

/** The MI field names in a reader's message → the elements they are read from. */
const named = (message: string): string =>
  message.replace(/\b(ITNO|WHLO|STQT|ALQT|AVAL|AV01)\b/g, (f) => `${elementOf(f as MiField)} (${f})`);

function balanceBod(bod: Bod, node: XmlNode, where: string, reader: string, op: Op): BalanceBod {
  const { units, modifiedAt, ...rec } = mapOrRefuse(balanceMapping, xmlView(node));
  const key = `${rec.ITNO ?? '(none)'}@${rec.WHLO ?? '(none)'}`;
  const fail = (why: string) => new UnmappableBalance(`${where}: ${why}`, key);
  for (const id of ['ITNO', 'WHLO'] as const)
    if (rec[id] === undefined) throw fail(`${elementOf(id)} (${id}) is missing`);
  if (units.length > 1) throw fail(`quantities in different units (unitCode ${units.join(', ')})`);
  let balance: Omit<Balance, 'changeStamp'>;
  try {
    balance = balanceOf(rec, reader);
  } catch (e) {
    if (e instanceof UnreadableRecord) throw fail(named(e.message));
    throw e;
  }
  if (!modifiedAt) throw fail('LastModificationDateTime is missing or not an ISO-8601 date-time with a zone');
  return { balance, modifiedAt: modifiedAt.at, op, variationId: variationOf(at(node, 'ItemID', 'ID'), bod.bodId) };
}

/** Every balance of the BOD, or UnmappableBalance for the first one that cannot be read (the BOD is refused whole). */
export function mapBalances(bod: Bod): BalanceBod[] {
  const reader = `ION/${bod.verb}.${bod.noun}`;
  const op: Op = bod.verb === 'Show' ? 'r' : opOf(bod.actionCode);
  const many = bod.nounNodes.length > 1;
  const seen = new Set<string>();
  return bod.nounNodes.map((node, i) => {
    const where = many ? `${bod.noun}[${i + 1}]` : bod.noun;
    const b = balanceBod(bod, node, where, reader, op);
    const key = balanceKey(b.balance);
    if (seen.has(key)) throw new UnmappableBalance(`${where}: balance ${key} is given twice`, key);
    seen.add(key);
    return b;
  });
}
