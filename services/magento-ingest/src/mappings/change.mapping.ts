// The change-data envelope (m3mage.cdc.MagentoOrderChange) and its record headers (ARCHITECTURE §3).
import type { MagentoOrderChange, Op, Order as MagentoOrder } from '@m3mage/schemas/types';

export interface ChangeContext {
  op: Op;
  eventId: string;
  occurredAt: number;
  receivedAt: number;
  now: number;
}

export const EVENT_TYPE = 'MagentoOrderChange';

export function orderChange(order: MagentoOrder, c: ChangeContext): MagentoOrderChange {
  return {
    op: c.op,
    before: null,
    after: order,
    source: {
      system: 'MAGENTO',
      entity: 'order',
      id: order.incrementId,
      version: order.updatedAt,
      eventId: c.eventId,
      occurredAt: c.occurredAt,
      receivedAt: c.receivedAt,
    },
    tsMs: c.now,
  };
}
