// ShipOrder → POST /V1/order/{id}/ship with items and tracks, once per M3 delivery: an existing shipment
// of the order carrying our marker (or every one of the delivery's tracking numbers) means it was done.
import type { MagentoClient } from '../clients/magento.client';
import type { MagentoOrder } from '../clients/types';
import type { ShipOrder } from '@m3mage/schemas/types';
import { hasMarker } from './markers';
import { orderItems } from './order-items';

export type ActionOutcome = 'applied' | 'already-applied';

export async function shipAction(
  magento: MagentoClient,
  order: MagentoOrder,
  a: ShipOrder,
  marker: string,
): Promise<ActionOutcome> {
  const shipments = await magento.shipmentsOf(order.entity_id);
  const numbers = a.tracks.map((t) => t.trackNumber);
  const done = shipments.some(
    (s) =>
      hasMarker(s.comments, marker) ||
      (numbers.length > 0 && numbers.every((n) => s.tracks?.some((t) => t.track_number === n))),
  );
  if (done) return 'already-applied';
  await magento.ship(order.entity_id, {
    items: orderItems(order, a.items),
    tracks: a.tracks.map((t) => ({ track_number: t.trackNumber, title: t.title, carrier_code: t.carrierCode })),
    notify: a.notify,
    comment: `Shipped with M3 delivery ${a.m3DeliveryNo}. ${marker}`,
  });
  return 'applied';
}
