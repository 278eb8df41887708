// cdc.m3.sales-order.v1 → AddOrderComment, when the highest status changed to one table orderStatus lists.
import { lookupIn } from '../mappings/kit';
import { orderCommentMapping } from '../mappings/order-comment.mapping';
import { orderStatus } from '../mappings/tables/order-status';
import type { AddOrderComment, SalesOrder } from '@m3mage/schemas/types';
import { m3DocumentHandler, type M3DocumentDeps } from './m3-document.handler';

export const m3SalesOrderHandler = (deps: M3DocumentDeps) =>
  m3DocumentHandler<SalesOrder, AddOrderComment>(
    {
      what: (o) => `M3 order ${o.orno} status ${o.orst}`,
      action: 'AddOrderComment',
      mapping: orderCommentMapping,
      idempotencyKey: (incrementId, o) => `comment:${incrementId}:${o.orno}:${o.orst}`,
      relevant: (c) =>
        c.after !== null && c.after.orst !== c.before?.orst && lookupIn(orderStatus, c.after.orst) !== null,
    },
    deps,
  );
