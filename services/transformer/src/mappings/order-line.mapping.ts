// Magento order item → OIS100MI AddBatchLine.
import { defineMapping, from, lookup } from './kit';
import { warehouseBySource } from './tables/warehouses';
import { m3Unit, toM3Quantity, toM3UnitPrice } from './transforms/units';
import { itemNumber } from './transforms/values';
import type { OrderItem, OrderLine } from '@m3mage/schemas/types';

export const orderLineMapping = defineMapping<OrderItem, OrderLine>(
  {
    itno: from('sku').required('the order line has no SKU').via(itemNumber),
    orqt: from().via(toM3Quantity).required(),
    sapr: from().via(toM3UnitPrice).required(),
    whlo: from('sourceCode').default('default').via(lookup(warehouseBySource)),
    alun: from().via(m3Unit).omit(),
    magentoItemId: from('itemId').required(),
  },
  {
    name: 'order-line',
    title: 'Order line (Magento order item → M3 order line)',
    description: 'One M3 order line per Magento order item; quantities and prices in the M3 unit, exact decimals.',
  },
);
