import { yyyymmdd } from './dates';
import { nextStamp } from './items';
import type { M3State } from './store';
import type { Change, Customer } from './types';

/**
 * Customer (OCUSMA, CRS610) change stamps, as items carry them (items.ts): LMDT is the change date (yyyyMMdd) and
 * LMTS M3's "Timestamp", epoch milliseconds as a decimal string. Every change of a customer (basic data or an
 * address) moves its LMTS strictly forward, also within one millisecond, and publishes the CustomerPartyMaster BOD.
 * Returns the stored customer.
 */
export function changeCustomer(state: M3State, next: Customer, action: Change['action']): Customer {
  const cuno = next.rec.CUNO ?? '';
  const lmts = nextStamp(state, state.customers.get(cuno)?.rec.LMTS);
  const stored = { ...next, rec: { ...next.rec, LMTS: String(lmts), LMDT: yyyymmdd(lmts) } };
  state.putCustomer(stored);
  state.changed({ noun: 'CustomerPartyMaster', id: cuno, action });
  return stored;
}

/** Fields only M3 maintains: a caller cannot set them (CRS610MI inputs never carry them either). */
export const MAINTAINED_CUSTOMER_FIELDS: ReadonlySet<string> = new Set(['CUNO', 'CONO', 'LMDT', 'LMTS', 'RGDT']);
