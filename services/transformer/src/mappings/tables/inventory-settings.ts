// How M3 balances become Magento source quantities (ADR 0015; MASTER-DATA-NOTES §2 and §4 "Reservations").

/**
 * - `onHand`: STQT. Magento subtracts its own open orders (reservations) from it; orders from other channels
 *   allocated in M3 are not subtracted, so the store can oversell them.
 * - `onHandMinusAllocated` (default): STQT − ALQT. Never oversells; a Magento order M3 has allocated is
 *   subtracted twice (M3 allocation + Magento reservation) until it ships, so the store undersells for that time.
 * - `allocatableNet`: AV01 (falls back to STQT − ALQT when the reader does not give it); as above, and also
 *   net of M3's own reservations.
 */
export type QuantityRule = 'onHand' | 'onHandMinusAllocated' | 'allocatableNet';

export interface InventorySettings {
  quantityRule: QuantityRule;
  outOfStockAt: number;
  backorders: boolean;
  stockIdsForNewSources: readonly number[];
}

export const inventorySettings: Readonly<InventorySettings> = Object.freeze({
  quantityRule: 'onHandMinusAllocated',
  /** A quantity at or below this is "out of stock" (Magento's out-of-stock threshold, min_qty). */
  outOfStockAt: 0,
  /** Backorders allowed: the source item stays in stock at 0 and below. */
  backorders: false,
  /** Stocks a new source is linked to (1 = Default Stock). */
  stockIdsForNewSources: [1],
});
