// Magento order item → m3mage.magento.OrderItem. The order reads its items into lines first (order.mapping.ts):
// child lines dropped, each line with its `order` for the order's source code.
import type { OrderItem } from '@m3mage/schemas/types';
import { defineMapping, from } from '@m3mage/runtime/mapping';
import { freeText, text } from './transforms/text';
import { decimal, integer, orElse } from './transforms/values';
import { MISSING, type Source } from './values';

export const orderLineMapping = defineMapping<Source, OrderItem>(
  {
    itemId: from('item_id').via(integer).required(MISSING),
    sku: from('sku').via(text).required(MISSING),
    name: from('name').via(freeText).default(null),
    productType: from('product_type').via(text).default(null),
    qtyOrdered: from('qty_ordered').via(decimal).required(MISSING),
    qtyShipped: from('qty_shipped').via(decimal).default('0'),
    qtyInvoiced: from('qty_invoiced').via(decimal).default('0'),
    price: from('price').via(decimal).required(MISSING),
    rowTotal: from('row_total').via(decimal).required(MISSING),
    sourceCode: from()
      .via(orElse('extension_attributes.source_code', 'order.extension_attributes.source_code'))
      .via(text)
      .default(null)
      .describe("the line's MSI source, else the order's"),
  },
  {
    name: 'magento-order-line',
    title: 'Magento order line (REST order item → OrderItem)',
    description:
      'One line per ordered product: configurable and bundle children (parent_item_id set) are not lines. Quantities and money are exact decimal strings.',
  },
);
