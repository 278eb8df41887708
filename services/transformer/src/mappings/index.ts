// Every mapping, in the order docs/mappings.md presents them.
import type { Mapping } from './kit';
import { customerOrderMapping } from './customer-order.mapping';
import {
  customerAccountDataMapping,
  customerAccountMapping,
  customerDeliveryAddressMapping,
} from './customer-account.mapping';
import { customerMapping } from './customer.mapping';
import { invoiceOrderMapping } from './invoice-order.mapping';
import { m3CustomerMapping } from './m3-customer.mapping';
import { orderCommentMapping } from './order-comment.mapping';
import { orderHeadMapping } from './order-head.mapping';
import { orderLineMapping } from './order-line.mapping';
import { paymentJournalMapping } from './payment-journal.mapping';
import { productMapping } from './product.mapping';
import { shipOrderMapping } from './ship-order.mapping';
import { sourceItemMapping } from './source-item.mapping';
import { sourceMapping } from './source.mapping';
import { shipToMapping } from './ship-to.mapping';

export const allMappings = [
  customerOrderMapping,
  customerMapping,
  orderHeadMapping,
  orderLineMapping,
  shipToMapping,
  paymentJournalMapping,
  shipOrderMapping,
  invoiceOrderMapping,
  m3CustomerMapping,
  orderCommentMapping,
  productMapping,
  sourceMapping,
  sourceItemMapping,
  customerAccountMapping,
  customerAccountDataMapping,
  customerDeliveryAddressMapping,
] as unknown as readonly Mapping<never, unknown>[];

export {
  customerAccountMapping,
  customerOrderMapping,
  customerMapping,
  invoiceOrderMapping,
  orderCommentMapping,
  orderHeadMapping,
  orderLineMapping,
  paymentJournalMapping,
  productMapping,
  shipOrderMapping,
  shipToMapping,
  sourceItemMapping,
  sourceMapping,
};
