import type { MiRecord } from '../mi/request';
import { nextStamp } from './items';
import type { M3State } from './store';

/**
 * Warehouses (MITWHL, MMS005) are MI records with two fields of the simulator's own that no MMS005MI output shows:
 * WHGR, the warehouse group MMS200MI LstItmWhsByWhgr reads by, and LMTS, the change stamp (epoch ms as a decimal
 * string) LstWarehouses filters on. The simulator keeps every date and time in UTC, and its warehouses say so.
 */
export function warehouseDefaults(state: M3State): MiRecord {
  const { CONO, DIVI, FACI } = state.company;
  return {
    CONO,
    DIVI,
    FACI,
    WHTY: '01',
    STOF: '0',
    DCIN: '0',
    TIZO: 'UTC',
    T15X: 'UTC',
    TGMT: '0',
    DLST: '0',
    WHGR: '',
  };
}

/**
 * Creates (from the defaults) or changes a warehouse. LMTS moves strictly forward over all warehouses, so a reader
 * asking for changes after the LMTS it last saw misses none, also of two changes within one millisecond. Creating a
 * warehouse gives no item a balance there: stock is set per item (PUT /_control/balances).
 */
export function putWarehouse(state: M3State, whlo: string, patch: MiRecord): MiRecord {
  let latest: string | undefined;
  for (const w of state.warehouses.values()) if (Number(w.LMTS ?? 0) > Number(latest ?? 0)) latest = w.LMTS;
  const rec = {
    ...(state.warehouses.get(whlo) ?? warehouseDefaults(state)),
    ...patch,
    WHLO: whlo,
    LMTS: String(nextStamp(state, latest)),
  };
  state.warehouses.set(whlo, rec);
  return rec;
}

/** The warehouses of a group, in WHLO order. */
export const warehousesOfGroup = (state: M3State, whgr: string): string[] =>
  [...state.warehouses.values()]
    .filter((w) => w.WHGR === whgr)
    .map((w) => w.WHLO ?? '')
    .sort();
