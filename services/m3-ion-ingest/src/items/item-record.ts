// An M3 item as the change record carries it (m3mage.m3.Item), from an MI record of MMS200MI
// (LstItmByChgDate / GetItmBasic field names) or from the fields of a Sync.ItemMaster BOD. Decimals are
// normalised exactly (no float), blanks become null, the hierarchy keeps HIE1..HIE5 up to the first blank.
// The price is set afterwards by the price source (price-source.ts).
import { normalizeText } from '@m3mage/runtime/mapping';
import type { Item } from '@m3mage/schemas/types';
import { fromLmdt, fromLmts, type ChangeStamp } from './change-stamp';

/** Why an item record cannot become a change (missing ITNO, no change stamp): the caller dead-letters or refuses it. */
export class UnmappableItem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnmappableItem';
  }
}

export type ItemFields = Readonly<Record<string, string | undefined>>;

export const blankToNull = (v: string | undefined): string | null => {
  const t = v?.trim() ?? '';
  return t === '' ? null : t;
};

function decimal(v: string | undefined, field: string, itno: string): string | null {
  const t = blankToNull(v);
  if (t === null) return null;
  try {
    return normalizeText(t);
  } catch {
    throw new UnmappableItem(`item ${itno}: ${field} "${t}" is not a decimal number`);
  }
}

/** HIE1..HIE5, top level first, up to the first blank level. */
export function hierarchyOf(f: ItemFields): string[] {
  const out: string[] = [];
  for (let i = 1; i <= 5; i++) {
    const level = blankToNull(f[`HIE${i}`]);
    if (level === null) break;
    out.push(level);
  }
  return out;
}

/** The change stamp of an MI item record: LMTS, else LMDT. */
export const miStamp = (f: ItemFields): ChangeStamp | undefined => fromLmts(f.LMTS) ?? fromLmdt(f.LMDT);

/** MI field names → the item (price null). */
export function itemOf(f: ItemFields, stamp: ChangeStamp | undefined = miStamp(f)): Item {
  const itno = blankToNull(f.ITNO);
  if (itno === null) throw new UnmappableItem('item record without ITNO');
  if (!stamp) throw new UnmappableItem(`item ${itno}: no change stamp (LMTS/LMDT)`);
  return {
    itno,
    name: blankToNull(f.ITDS) ?? itno,
    description: blankToNull(f.FUDS),
    status: blankToNull(f.STAT) ?? '',
    itemType: blankToNull(f.ITTY),
    itemGroup: blankToNull(f.ITGR),
    productGroup: blankToNull(f.ITCL),
    itemGroupName: null,
    productGroupName: null,
    hierarchy: hierarchyOf(f),
    basicUnit: blankToNull(f.UNMS),
    netWeight: decimal(f.NEWE, 'NEWE', itno),
    grossWeight: decimal(f.GRWE, 'GRWE', itno),
    price: null,
    changedAt: stamp.at,
    changeStamp: stamp.stamp,
  };
}
