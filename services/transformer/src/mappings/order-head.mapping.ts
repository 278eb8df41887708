// Magento order → OIS100MI AddBatchHead.
import { constant, defineMapping, from, unset } from './kit';
import { settings } from './tables/settings';
import { fit } from './transforms/text';
import { toM3Date } from './transforms/values';
import type { Order, OrderHead } from '@m3mage/schemas/types';

export const orderHeadMapping = defineMapping<Order, OrderHead>(
  {
    cuor: from('incrementId').required().via(fit(20, 'increment id')).describe('finds the order again (idempotency)'),
    ortp: constant(settings.orderType),
    faci: unset(),
    whlo: unset().describe('each line carries its warehouse'),
    rldt: from('createdAt').required().via(toM3Date),
    cucd: from('currency').required().via(fit(3, 'currency')),
    yref: unset(),
    modl: unset(),
    tedl: unset(),
  },
  {
    name: 'order-head',
    title: 'Order head (Magento order → M3 order head)',
    description: 'The head of the M3 customer order; the customer number comes from the customer block.',
  },
);
