// AddOrderComment → POST /V1/orders/{id}/comments (statusHistory), once: the order's history already
// holding our marker means it was done.
import type { MagentoClient } from '../clients/magento.client';
import type { MagentoOrder } from '../clients/types';
import type { AddOrderComment } from '@m3mage/schemas/types';
import { hasMarker } from './markers';
import type { ActionOutcome } from './ship.action';

export async function commentAction(
  magento: MagentoClient,
  order: MagentoOrder,
  a: AddOrderComment,
  marker: string,
): Promise<ActionOutcome> {
  if (hasMarker(order.status_histories, marker)) return 'already-applied';
  await magento.comment(order.entity_id, {
    comment: `${a.comment} ${marker}`,
    ...(a.status ? { status: a.status } : {}),
    is_customer_notified: a.notifyCustomer ? 1 : 0,
    is_visible_on_front: 0,
  });
  return 'applied';
}
