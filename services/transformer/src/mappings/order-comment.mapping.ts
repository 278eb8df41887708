// M3 order status (cdc.m3.sales-order.v1) → AddOrderComment on cmd.magento.order.v1.
import { defineMapping, from, lookup, transform } from './kit';
import { orderStatus, type StatusRule } from './tables/order-status';
import type { ForMagentoOrder } from './m3-document';
import type { AddOrderComment, SalesOrder } from '@m3mage/schemas/types';

const rule = <K extends keyof StatusRule>(key: K) =>
  transform<StatusRule, StatusRule[K]>(key, `the rule’s ${key}`, (r) => r[key]);

export const orderCommentMapping = defineMapping<ForMagentoOrder<SalesOrder>, AddOrderComment>(
  {
    status: from('document.orst').via(lookup(orderStatus)).via(rule('status')).omit(),
    comment: from('document.orst')
      .via(lookup(orderStatus))
      .via(rule('comment'))
      .required('M3 status is not in table orderStatus (nothing to tell Magento)'),
    m3Status: from('document.orst').required(),
    notifyCustomer: from('document.orst').via(lookup(orderStatus)).via(rule('notifyCustomer')).default(false),
  },
  {
    name: 'order-comment',
    title: 'Order comment (M3 order status → Magento order comment)',
    description:
      'When the highest status of an M3 order changes, the Magento order gets the comment of table orderStatus.',
  },
);
