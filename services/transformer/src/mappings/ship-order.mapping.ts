// M3 delivery (cdc.m3.shipment.v1) → ShipOrder on cmd.magento.order.v1.
import { constant, defineMapping, from, lookupIn, reject, transform } from './kit';
import { add, formatDecimal, parseDecimal } from '@m3mage/runtime/mapping';
import { carrierCode } from './tables/carriers';
import { skuByItem } from './tables/items';
import { settings } from './tables/settings';
import { toMagentoQuantity } from './transforms/units';
import type { ForMagentoOrder } from './m3-document';
import type { Delivery, ItemQty, ShipOrder } from '@m3mage/schemas/types';

/** M3 lines (item, quantity) → Magento SKUs with summed quantities in the Magento unit. */
export const toMagentoItems = transform<{ itno: string; quantity: string }[], ItemQty[]>(
  'toMagentoItems',
  'each M3 line’s item through table skuByItem, quantity ÷ the SKU’s unit factor; lines of one SKU summed',
  (lines) => {
    const bySku = new Map<string, string>();
    for (const l of lines) {
      const sku = String(lookupIn(skuByItem, l.itno));
      let qty: string;
      try {
        qty = toMagentoQuantity(sku, l.quantity);
      } catch {
        return reject(`line of item '${l.itno}' has quantity '${l.quantity}', not a decimal number`);
      }
      const prev = bySku.get(sku);
      bySku.set(sku, prev === undefined ? qty : formatDecimal(add(parseDecimal(prev), parseDecimal(qty))));
    }
    return [...bySku].map(([sku, qty]) => ({ sku, qty }));
  },
  [skuByItem],
);

const toTracks = transform<Delivery['packages'], ShipOrder['tracks']>(
  'toTracks',
  'one track per package with a tracking number (duplicates dropped); carrier through table carrierCode',
  (packages) => {
    const seen = new Set<string>();
    return packages.flatMap((p) => {
      const trackNumber = p.trackingNumber?.trim();
      if (!trackNumber || seen.has(trackNumber)) return [];
      seen.add(trackNumber);
      const carrier = p.carrier?.trim() ?? '';
      return [
        {
          trackNumber,
          title: carrier || settings.defaultCarrierTitle,
          carrierCode: String(lookupIn(carrierCode, carrier.toUpperCase())),
        },
      ];
    });
  },
  [carrierCode],
);

export const shipOrderMapping = defineMapping<ForMagentoOrder<Delivery>, ShipOrder>(
  {
    m3DeliveryNo: from('document.dlix').required().describe('one Magento shipment per M3 delivery'),
    items: from('document.lines').required('the delivery has no lines').via(toMagentoItems),
    tracks: from('document.packages').via(toTracks).default([]),
    notify: constant(true),
  },
  {
    name: 'ship-order',
    title: 'Ship order (M3 delivery → Magento shipment)',
    description: 'An M3 delivery (DLIX) ships the Magento order’s items with the delivery’s tracking numbers.',
  },
);
