import type { TransactionMeta } from '../mi/metadata';
import type { MiRecord } from '../mi/request';
import { isDate } from '../state/dates';
import type { M3State } from '../state/store';

/** A control-API body the simulated M3 would refuse: HTTP 400 naming the field. */
export class FieldError extends Error {
  constructor(
    readonly field: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'FieldError';
  }
}

/** Kept by the simulator on every change, never given. */
const MAINTAINED = new Set(['ITNO', 'LMDT', 'LMTS', 'RGDT', 'RGTM']);
/** MITMAS price fields: not GetItmBasic outputs, changed through PUT /_control/items/:itno/price. */
const PRICE = new Set(['SAPR', 'SAPB', 'SACD', 'CUCS', 'SPDT']);

/** Digits of an M3 number (sign and decimal point not counted), or undefined when it is no number. */
export function digits(value: string): { total: number; decimals: number } | undefined {
  const m = /^-?(\d+)(?:\.(\d+))?$/.exec(value);
  if (!m) return undefined;
  return { total: (m[1] ?? '').length + (m[2] ?? '').length, decimals: (m[2] ?? '').length };
}

/**
 * An item change (MMS001) checked against GetItmBasic's outputs, the fields M3 shows for an item: known names
 * only, alpha values within their length (in characters), numbers within their digits, dates yyyyMMdd, and item
 * and product groups that exist in CRS025/CRS035, as MMS001 checks them.
 */
export function itemPatch(state: M3State, meta: TransactionMeta, body: unknown): MiRecord {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new FieldError(undefined, 'body must be an object of M3 field names to values');
  }
  const fields = new Map(meta.outputs.map((f) => [f.name, f]));
  const patch: MiRecord = {};
  for (const [name, raw] of Object.entries(body)) {
    if (MAINTAINED.has(name)) throw new FieldError(name, `${name} is set by the simulator`);
    if (PRICE.has(name)) throw new FieldError(name, `${name} is a price field: use PUT /_control/items/:itno/price`);
    const f = fields.get(name);
    if (!f) throw new FieldError(name, `${name} is not a field of MMS200MI GetItmBasic`);
    if (/^DS\d\d$/.test(name)) throw new FieldError(name, `${name} is a description M3 joins in, not item data`);
    // Numbers may come as JSON numbers; text and dates only as strings.
    if (typeof raw !== 'string' && !(f.type === 'N' && typeof raw === 'number')) {
      throw new FieldError(name, `${name} must be a string`);
    }
    const value = String(raw);
    if (f.type === 'A' && [...value].length > f.length) {
      throw new FieldError(name, `${name} is too long, max length ${f.length}`);
    }
    if (f.type === 'N' && value !== '') {
      const d = digits(value);
      if (!d) throw new FieldError(name, `${name} must be a number`);
      if (d.total > f.length) throw new FieldError(name, `${name} is too long, max ${f.length} digits`);
    }
    if (f.type === 'D' && value !== '' && !isDate(value)) throw new FieldError(name, `${name} must be a yyyyMMdd date`);
    patch[name] = value;
  }
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
