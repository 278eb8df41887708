import type { MiRecord } from '../mi/request';
import { yyyymmdd } from './dates';
import type { M3State } from './store';

/**
 * Item master (MITMAS) change stamps. LMDT is the change date (yyyyMMdd) and LMTS M3's "Timestamp": epoch
 * milliseconds as a decimal string. Every change of an item moves LMTS strictly forward, also when two changes
 * fall in the same millisecond, so "newest LMTS wins" holds for a consumer; LMDT is the day of that stamp.
 */
export function nextStamp(state: M3State, previous: string | undefined): number {
  const prev = Number(previous ?? '');
  return Number.isFinite(prev) && prev >= state.now() ? prev + 1 : state.now();
}

/**
 * The fields every item carries, whoever stores it (seed, control API, the sandbox's catalogue alignment):
 * MITMAS sales price SAPR (M3 number text, 0 = none) in CUCS per SACD SPUN, PDCC price decimals, and the change
 * stamps. `_PRICE` (the older simulator's price field) becomes SAPR.
 */
export function withItemDefaults(state: M3State, rec: MiRecord): MiRecord {
  const { _PRICE: legacyPrice, ...item } = rec;
  const lmts = item.LMTS ?? String(state.now());
  const sapr = item.SAPR ?? (legacyPrice === undefined ? '0' : String(Number(legacyPrice)));
  return {
    STAT: '20',
    UNMS: 'PCS',
    ITTY: 'FIN',
    CUCS: state.company.CUCD,
    SACD: '1',
    PDCC: '2',
    SPUC: '0',
    ...item,
    SPUN: item.SPUN ?? item.UNMS ?? 'PCS',
    SAPR: sapr,
    SAPB: item.SAPB ?? sapr,
    SPDT: item.SPDT ?? '',
    LMTS: lmts,
    LMDT: item.LMDT ?? yyyymmdd(Number(lmts)),
  };
}

/**
 * Saves a change the way MMS001 does: fields applied, LMDT/LMTS bumped, the ItemMaster BOD published
 * (Add for a new item). Returns the stored item.
 */
export function changeItem(state: M3State, itno: string, patch: MiRecord): MiRecord {
  const old = state.items.get(itno);
  const lmts = nextStamp(state, old?.LMTS);
  state.putItem({ ...old, ...patch, ITNO: itno, LMTS: String(lmts), LMDT: yyyymmdd(lmts) });
  state.changed({ noun: 'ItemMaster', id: itno, action: old ? 'Change' : 'Add' });
  return state.items.get(itno) ?? {};
}

/** Total on-hand balance (STQT) of an item over all warehouses. */
export function onHand(state: M3State, itno: string): number {
  let total = 0;
  for (const whlo of state.warehouses.keys()) total += state.balances.get(state.balanceKey(whlo, itno))?.STQT ?? 0;
  return total;
}

/**
 * MMS001 status 50 ("should be used and then discontinued") is set to 80 by M3 itself when the balance is 0.
 * Called after every stock change (counts, issues); returns the items that went to 80.
 */
export function discontinueWhenEmpty(state: M3State, itnos: Iterable<string>): string[] {
  const changed: string[] = [];
  for (const itno of new Set(itnos)) {
    if (state.items.get(itno)?.STAT !== '50' || onHand(state, itno) !== 0) continue;
    changeItem(state, itno, { STAT: '80' });
    changed.push(itno);
  }
  return changed;
}
