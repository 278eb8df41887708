// Magento order → cmd.m3.customer-order.v1 (CreateCustomerOrder without `meta`, added by the handler).
import { defineMapping, each, from, nested } from './kit';
import { customerMapping } from './customer.mapping';
import { orderHeadMapping } from './order-head.mapping';
import { orderLineMapping } from './order-line.mapping';
import { shipToMapping } from './ship-to.mapping';
import type { CreateCustomerOrder, Order } from '@m3mage/schemas/types';

/** The command body this mapping yields: `meta` is added by the handler. */
export type CustomerOrderBody = Omit<CreateCustomerOrder, 'meta'>;

export const customerOrderMapping = defineMapping<Order, CustomerOrderBody>(
  {
    incrementId: from('incrementId').required(),
    customer: nested(customerMapping).required(),
    head: nested(orderHeadMapping).required(),
    lines: each('items', orderLineMapping).required('the order has no lines'),
    shipTo: nested(shipToMapping, 'shippingAddress').omit().describe('virtual orders have no shipping address'),
  },
  {
    name: 'customer-order',
    title: 'Customer order (Magento order → cmd.m3.customer-order.v1)',
    description:
      'Every Magento order becomes one M3 customer order (OIS100MI AddBatchHead → AddBatchLine × n → AddBatchAddress → Confirm), found again by CUOR.',
  },
);
