import type { TransactionMeta } from '../mi/metadata';
import type { MiRecord } from '../mi/request';
import type { M3State } from '../state/store';
import { digits, fieldPatch, FieldError } from './field-patch';

export { FieldError } from './field-patch';

/** Kept by the simulator on every change, never given. */
const MAINTAINED = new Set(['ITNO', 'LMDT', 'LMTS', 'RGDT', 'RGTM']);
/** MITMAS price fields: not GetItmBasic outputs, changed through PUT /_control/items/:itno/price. */
const PRICE = new Set(['SAPR', 'SAPB', 'SACD', 'CUCS', 'SPDT']);

function refuse(name: string): string | undefined {
  if (PRICE.has(name)) return `${name} is a price field: use PUT /_control/items/:itno/price`;
  if (/^DS\d\d$/.test(name)) return `${name} is a description M3 joins in, not item data`;
  return undefined;
}

/**
 * An item change (MMS001) checked against GetItmBasic's outputs, the fields M3 shows for an item (field-patch.ts),
 * with item and product groups that exist in CRS025/CRS035, as MMS001 checks them.
 */
export function itemPatch(state: M3State, meta: TransactionMeta, body: unknown): MiRecord {
  const patch = fieldPatch(meta, body, { maintained: MAINTAINED, refuse });
  if (patch.ITGR && !state.itemGroups.has(patch.ITGR))
    throw new FieldError('ITGR', `Item group ${patch.ITGR} does not exist`);
  if (patch.ITCL && !state.productGroups.has(patch.ITCL)) {
    throw new FieldError('ITCL', `Product group ${patch.ITCL} does not exist`);
  }
  return patch;
}

/** A sales price within SAPR (N18 in LstItmPrice) and the item's price decimals PDCC; M3 number text. */
export function salesPrice(raw: unknown, pdcc: number, field = 'SAPR'): string {
  const value = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  const d = digits(value);
  if (!d || value.startsWith('-')) throw new FieldError(field, `${field} must be a number >= 0`);
  if (d.total > 18) throw new FieldError(field, `${field} is too long, max 18 digits`);
  if (d.decimals > pdcc) throw new FieldError(field, `${field} has more than ${pdcc} decimals`);
  return String(Number(value));
}
