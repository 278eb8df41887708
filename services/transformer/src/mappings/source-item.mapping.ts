// M3 balance (cdc.m3.stock.v1) → SetSourceItem on cmd.magento.source-item.v1, keyed sku@source. The quantity
// follows inventorySettings.quantityRule (ADR 0015: the MSI reservation double count), exact decimals; the
// status follows the out-of-stock threshold and the backorder setting.
import { compare, formatDecimal, parseDecimal, sub } from '@m3mage/runtime/mapping';
import { defineMapping, from, lookup, transform } from './kit';
import { inventorySettings, type QuantityRule } from './tables/inventory-settings';
import { skuByItem } from './tables/items';
import { sourceByWarehouse } from './tables/sources';
import type { Balance, SetSourceItem } from '@m3mage/schemas/types';

/** The quantity Magento gets for a balance under a rule (never below zero unless backorders are allowed). */
export function quantityOf(b: Pick<Balance, 'onHand' | 'allocated' | 'allocatableNet'>, rule: QuantityRule): string {
  const onHand = parseDecimal(b.onHand);
  const net = sub(onHand, parseDecimal(b.allocated));
  const q =
    rule === 'onHand'
      ? onHand
      : rule === 'allocatableNet' && b.allocatableNet !== null
        ? parseDecimal(b.allocatableNet)
        : net;
  const zero = parseDecimal('0');
  return formatDecimal(!inventorySettings.backorders && compare(q, zero) < 0 ? zero : q);
}

const toQuantity = transform<Balance, string>(
  'toQuantity',
  `inventorySettings.quantityRule (${inventorySettings.quantityRule}): onHand = STQT, onHandMinusAllocated = STQT − ALQT, allocatableNet = AV01; below 0 → 0 unless backorders`,
  (b) => quantityOf(b, inventorySettings.quantityRule),
);

const toStatus = transform<Balance, number>(
  'toStatus',
  `1 in stock when the quantity is above inventorySettings.outOfStockAt (${inventorySettings.outOfStockAt}) or backorders are allowed, else 0`,
  (b) =>
    inventorySettings.backorders ||
    compare(
      parseDecimal(quantityOf(b, inventorySettings.quantityRule)),
      parseDecimal(String(inventorySettings.outOfStockAt)),
    ) > 0
      ? 1
      : 0,
);

export const sourceItemMapping = defineMapping<Balance, Omit<SetSourceItem, 'meta' | 'm3ChangedAt'>>(
  {
    sku: from('itno').required().via(lookup(skuByItem)),
    sourceCode: from('whlo').required().via(lookup(sourceByWarehouse)),
    quantity: from('').via(toQuantity).required(),
    status: from('').via(toStatus).required(),
    m3Version: from('changeStamp').required().describe('newest wins in magento-writer'),
  },
  {
    name: 'source-item',
    title: 'Source item (M3 balance → Magento source quantity)',
    description:
      'The balance of an item in an M3 warehouse becomes the quantity of the product at the warehouse’s MSI source. Magento’s salable quantity is that minus its own open reservations.',
  },
);
