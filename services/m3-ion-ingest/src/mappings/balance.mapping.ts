// <Verb><STOCK_BOD_NOUN> (e.g. SyncLS_ItemStock, LeanSwift's custom stock BOD) → balances for cdc.m3.stock.v1
// (m3mage.m3.Balance), keyed ITNO@WHLO. GUESS: M3 publishes no standard stock-balance BOD and no public sample
// of LS_ItemStock (or of any M3 inventory BOD) was found (MASTER-DATA-NOTES §2; README). The layout is assumed
// from the OAGIS InventoryBalance noun (SyncInventoryBalance carries 1..n of them), one balance per noun element:
//   ITNO     ItemID/ID                            (its @variationID goes to the ion-variation-id header only)
//   WHLO     Facility/ID                          (OAGIS's stocking location: the M3 warehouse, not FACI)
//   STQT     Quantity (@unitCode)                 on-hand balance approved; required
//   ALQT     AllocatedQuantity (@unitCode)        absent → 0
//   AVAL     AllocatableQuantity (@unitCode)      allocatable on-hand; absent → null
//   AV01     AllocatableNetQuantity (@unitCode)   allocatable net; absent → null
//   version  LastModificationDateTime             ISO-8601 with a zone → epoch ms; required (stock/stock-bod.ts)
//   op       Sync: ActionCriteria/ActionExpression/@actionCode (Delete → d, Add → c, else u); Show → r
// Not read: AvailableQuantity (OAGIS "available" is M3's AV02, which a balance record does not carry) and
// TransactionDateTime (an allocation changes ALQT with no stock transaction, so only the modification time
// orders every change). The quantities given must name one unitCode (M3 keeps a balance in the item's basic
// U/M; a BOD mixing units is refused). Values are read with the MI readers' rules (stock/records.ts).
import type { Bod } from '../bod/bod';
import { variationOf } from '../bod/bod';
import { at, attr, text, type XmlNode } from '../bod/xml';
import type { MiRecord } from '@m3mage/connectors/m3';
import type { Balance, Op } from '@m3mage/schemas/types';
import { fromIso } from '../items/change-stamp';
import { balanceKey, balanceOf, UnreadableRecord } from '../stock/records';
import { opOf, UnmappableBod } from './common.mapping';

/** Where each MI balance field is read in a noun element. */
export const BALANCE_PATHS: Readonly<Record<'ITNO' | 'WHLO' | 'STQT' | 'ALQT' | 'AVAL' | 'AV01', readonly string[]>> =
  Object.freeze({
    ITNO: ['ItemID', 'ID'],
    WHLO: ['Facility', 'ID'],
    STQT: ['Quantity'],
    ALQT: ['AllocatedQuantity'],
    AVAL: ['AllocatableQuantity'],
    AV01: ['AllocatableNetQuantity'],
  });
const QUANTITIES = ['STQT', 'ALQT', 'AVAL', 'AV01'] as const;
const CHANGED_AT = 'LastModificationDateTime';

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

/** The MI field names in a reader's message → the elements they are read from. */
const named = (message: string): string =>
  message.replace(
    /\b(ITNO|WHLO|STQT|ALQT|AVAL|AV01)\b/g,
    (f) => `${BALANCE_PATHS[f as keyof typeof BALANCE_PATHS].join('/')} (${f})`,
  );

function balanceBod(bod: Bod, node: XmlNode, where: string, reader: string, op: Op): BalanceBod {
  const rec: MiRecord = {};
  for (const [field, path] of Object.entries(BALANCE_PATHS)) {
    const value = text(node, ...path);
    if (value !== undefined) rec[field] = value;
  }
  const key = `${rec.ITNO ?? '(none)'}@${rec.WHLO ?? '(none)'}`;
  const fail = (why: string) => new UnmappableBalance(`${where}: ${why}`, key);
  for (const id of ['ITNO', 'WHLO'] as const)
    if (rec[id] === undefined) throw fail(`${BALANCE_PATHS[id].join('/')} (${id}) is missing`);
  const units = new Set(QUANTITIES.flatMap((f) => attr(node, 'unitCode', ...BALANCE_PATHS[f]) ?? []));
  if (units.size > 1) throw fail(`quantities in different units (unitCode ${[...units].join(', ')})`);
  let balance: Omit<Balance, 'changeStamp'>;
  try {
    balance = balanceOf(rec, reader);
  } catch (e) {
    if (e instanceof UnreadableRecord) throw fail(named(e.message));
    throw e;
  }
  const stamp = fromIso(text(node, CHANGED_AT));
  if (!stamp) throw fail(`${CHANGED_AT} is missing or not an ISO-8601 date-time with a zone`);
  return { balance, modifiedAt: stamp.at, op, variationId: variationOf(at(node, ...BALANCE_PATHS.ITNO), bod.bodId) };
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
