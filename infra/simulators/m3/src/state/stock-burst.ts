import { seededRandom } from './random';
import { setBalance } from './stock';
import type { M3State } from './store';

export interface StockBurstOptions {
  /** Number of stock counts to apply (≥ keys). */
  changes: number;
  /** Number of distinct item@warehouse balances they touch (≤ items × warehouses). */
  keys: number;
  seed: number;
  /** Warehouses to choose from (existing ones). */
  warehouses: string[];
  /** Publish the inventory BODs once per key after the burst, with its final quantities (default: none). */
  publish: boolean;
}

export interface StockBurstResult {
  changes: number;
  keys: number;
  /** The balance of every key after the burst, by WHLO then ITNO. */
  final: Array<{ WHLO: string; ITNO: string; STQT: number; ALQT: number }>;
}

/**
 * A flood of stock counts for pollers: `keys` item@warehouse pairs chosen by a seeded partial shuffle of items ×
 * warehouses (balances created as needed), then `changes` counts (each key at least once, the rest on random keys,
 * the whole sequence shuffled) setting STQT to 0..999. Each count is a TTYP 90 stock transaction and may make a
 * status-50 item 80 (as any count does); no inventory BOD is published per count. 50 000 counts take tens of
 * milliseconds.
 */
export function stockBurst(state: M3State, opts: StockBurstOptions): StockBurstResult {
  const { changes, keys, warehouses } = opts;
  const items = state.itemKeys.all();
  const pairs = items.length * warehouses.length;
  const random = seededRandom(opts.seed);
  // Partial Fisher-Yates over the pair indexes, kept sparse: only the swapped places are stored.
  const swapped = new Map<number, number>();
  const chosen: Array<{ whlo: string; itno: string }> = [];
  for (let i = 0; i < keys; i++) {
    const j = i + Math.floor(random() * (pairs - i));
    const pick = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(i) ?? i);
    chosen.push({
      whlo: warehouses[pick % warehouses.length] ?? '',
      itno: items[Math.floor(pick / warehouses.length)] ?? '',
    });
  }
  const order = new Int32Array(changes);
  for (let c = 0; c < changes; c++) order[c] = c < keys ? c : Math.floor(random() * keys);
  for (let c = changes - 1; c > 0; c--) {
    const j = Math.floor(random() * (c + 1));
    const t = order[c] ?? 0;
    order[c] = order[j] ?? 0;
    order[j] = t;
  }
  for (const k of order) {
    const key = chosen[k];
    if (key) setBalance(state, key.whlo, key.itno, { STQT: Math.floor(random() * 1000) }, { publish: false });
  }
  const final = chosen
    .map(({ whlo, itno }) => state.balances.get(state.balanceKey(whlo, itno)))
    .filter((b) => b !== undefined)
    .map((b) => ({ WHLO: b.WHLO, ITNO: b.ITNO, STQT: b.STQT, ALQT: b.ALQT }))
    .sort((a, b) => (a.WHLO !== b.WHLO ? (a.WHLO < b.WHLO ? -1 : 1) : a.ITNO < b.ITNO ? -1 : a.ITNO > b.ITNO ? 1 : 0));
  if (opts.publish) {
    for (const b of final) state.balanceChanged(b.WHLO, b.ITNO);
  }
  return { changes, keys, final };
}
