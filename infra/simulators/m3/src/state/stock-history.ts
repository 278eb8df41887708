import { hhmmss, yyyymmdd } from './dates';
import type { StockTransaction } from './types';

export type NewStockTransaction = Omit<StockTransaction, 'RGDT' | 'RGTM' | 'TMSX' | 'at'>;

/** TMSX is N3: at most 1000 transactions of one item and warehouse can share a second. */
const MAX_SUFFIX = 999;

/**
 * Stock transaction history (MITTRA), the newest `capacity` transactions in registration order. Registration
 * time never goes back (a clock set earlier registers at the previous instant), so a reader can binary-search
 * it; TMSX numbers the transactions of one item and warehouse within one second 0, 1, 2 … (when 1000 are used,
 * registration moves on to the next second, as the key allows no more).
 */
export class StockHistory {
  private entries: StockTransaction[] = [];
  private head = 0;
  private last = { at: Number.NEGATIVE_INFINITY, RGDT: '', RGTM: 0 };
  /** `WHLO|ITNO` → second of its last transaction and the next suffix in that second. */
  private readonly suffixes = new Map<string, { second: number; next: number }>();

  constructor(readonly capacity = 200_000) {}

  get size(): number {
    return this.entries.length - this.head;
  }

  /** Registers a transaction at `now` (epoch ms) and returns it with RGDT, RGTM, TMSX. */
  append(tx: NewStockTransaction, now: number): StockTransaction {
    const key = `${tx.WHLO}|${tx.ITNO}`;
    let at = Math.max(now, this.last.at);
    let second = Math.floor(at / 1000);
    const used = this.suffixes.get(key);
    let tmsx = used?.second === second ? used.next : 0;
    if (tmsx > MAX_SUFFIX) {
      second += 1;
      at = second * 1000;
      tmsx = 0;
    }
    if (at !== this.last.at) this.last = { at, RGDT: yyyymmdd(at), RGTM: hhmmss(at) };
    this.suffixes.set(key, { second, next: tmsx + 1 });
    // Written out, not spread: V8 makes spread objects with added keys slow (dictionary mode), 20× at 50 000.
    const entry: StockTransaction = {
      WHLO: tx.WHLO,
      ITNO: tx.ITNO,
      WHSL: tx.WHSL,
      BANO: tx.BANO,
      TTYP: tx.TTYP,
      TRQT: tx.TRQT,
      NSTQ: tx.NSTQ,
      RIDN: tx.RIDN,
      RIDL: tx.RIDL,
      RIDI: tx.RIDI,
      RGDT: this.last.RGDT,
      RGTM: this.last.RGTM,
      TMSX: tmsx,
      at,
    };
    this.entries.push(entry);
    if (this.size > this.capacity) this.head++;
    // Drop the forgotten part once it is half the array: amortised O(1) per append.
    if (this.head > 0 && this.head * 2 >= this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    return entry;
  }

  /** Transactions of a warehouse (and item) registered at or after `from` (epoch ms), oldest first. */
  *since(whlo: string, from: number, itno?: string): Generator<StockTransaction> {
    let lo = this.head;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.entries[mid]?.at ?? 0) < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.entries.length; i++) {
      const t = this.entries[i];
      if (t && t.WHLO === whlo && (itno === undefined || t.ITNO === itno)) yield t;
    }
  }

  clear(): void {
    this.entries = [];
    this.head = 0;
    this.last = { at: Number.NEGATIVE_INFINITY, RGDT: '', RGTM: 0 };
    this.suffixes.clear();
  }
}
