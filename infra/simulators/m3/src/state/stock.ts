import { discontinueWhenEmpty } from './items';
import type { M3State } from './store';
import type { Balance, StockTransaction } from './types';

/** The one balance identity (location) the simulator keeps per item and warehouse. */
export const DEFAULT_LOCATION = 'A-01-01';

export interface StockOptions {
  /** Publish the inventory BODs for the change (default true; the stock burst turns it off). */
  publish?: boolean;
}

/** The order line an issue belongs to (MITTRA RIDN order, RIDL line, RIDI delivery). */
export interface StockReference {
  RIDN: string;
  RIDL: number;
  RIDI: string;
}

const NO_REFERENCE: StockReference = { RIDN: '', RIDL: 0, RIDI: '' };
const round = (n: number): number => Number(n.toFixed(6));

/** The balance of an item in a warehouse, created empty (on hand 0, location A-01-01) when missing. */
export function ensureBalance(state: M3State, whlo: string, itno: string): Balance {
  const key = state.balanceKey(whlo, itno);
  let b = state.balances.get(key);
  if (!b) {
    b = {
      WHLO: whlo,
      ITNO: itno,
      STQT: 0,
      ALQT: 0,
      WHSL: DEFAULT_LOCATION,
      BANO: '',
      LMDT: state.today(),
      LMTS: state.now(),
    };
    state.balances.set(key, b);
  }
  return b;
}

/** Moves on-hand to `stqt` as one stock transaction and stamps the balance with it. */
function move(state: M3State, b: Balance, stqt: number, TTYP: StockTransaction['TTYP'], ref: StockReference) {
  const TRQT = round(stqt - b.STQT);
  b.STQT = stqt;
  const t = state.stockHistory.append(
    {
      WHLO: b.WHLO,
      ITNO: b.ITNO,
      WHSL: b.WHSL,
      BANO: b.BANO,
      TTYP,
      TRQT,
      NSTQ: stqt,
      RIDN: ref.RIDN,
      RIDL: ref.RIDL,
      RIDI: ref.RIDI,
    },
    state.now(),
  );
  b.LMDT = t.RGDT;
  b.LMTS = state.now();
  b.TRDT = t.RGDT;
  b.TRTM = t.RGTM;
}

function publish(state: M3State, b: Balance, opts: StockOptions): void {
  if (opts.publish !== false) state.balanceChanged(b.WHLO, b.ITNO);
}

/** An allocation or count stamps the balance's change date and time (LMDT, LMTS). */
function touch(state: M3State, b: Balance): void {
  b.LMDT = state.today();
  b.LMTS = state.now();
}

/**
 * Sets absolute quantities. A given STQT is a count (MMS300): one TTYP 90 transaction of the difference, also when
 * it is 0. ALQT alone is no stock movement (M3 writes no MITTRA for an allocation): only LMDT changes. After a count
 * an item in status 50 whose stock is gone becomes 80 (items.ts).
 */
export function setBalance(
  state: M3State,
  whlo: string,
  itno: string,
  q: { STQT?: number; ALQT?: number },
  opts: StockOptions = {},
): Balance {
  const b = ensureBalance(state, whlo, itno);
  if (q.ALQT !== undefined) {
    b.ALQT = q.ALQT;
    touch(state, b);
  }
  if (q.STQT !== undefined) move(state, b, q.STQT, '90', NO_REFERENCE);
  publish(state, b, opts);
  if (q.STQT !== undefined) discontinueWhenEmpty(state, [itno]);
  return b;
}

/**
 * Issues a delivered order line (TTYP 31, with its order, line and delivery): on hand and allocated go down by
 * the quantity, never below 0. Undefined when the item has no balance in the warehouse.
 */
export function issue(state: M3State, whlo: string, itno: string, qty: number, ref: StockReference) {
  const b = state.balances.get(state.balanceKey(whlo, itno));
  if (!b) return undefined;
  b.ALQT = Math.max(0, round(b.ALQT - qty));
  move(state, b, Math.max(0, round(b.STQT - qty)), '31', ref);
  publish(state, b, {});
  discontinueWhenEmpty(state, [itno]);
  return b;
}

/** Allocates to an order line (ALQT up; no stock transaction, no BOD). */
export function allocate(state: M3State, whlo: string, itno: string, qty: number): void {
  const b = state.balances.get(state.balanceKey(whlo, itno));
  if (!b) return;
  b.ALQT = round(b.ALQT + qty);
  touch(state, b);
}
