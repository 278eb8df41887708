// InvoiceOrder → POST /V1/order/{id}/invoice, once per M3 invoice: an invoice of the order carrying our
// marker, or an order with nothing left to invoice, means it was done.
import type { MagentoClient } from '../clients/magento.client';
import type { MagentoOrder } from '../clients/types';
import type { InvoiceOrder } from '@m3mage/schemas/types';
import { hasMarker } from './markers';
import { fullyInvoiced, orderItems } from './order-items';
import type { ActionOutcome } from './ship.action';

export async function invoiceAction(
  magento: MagentoClient,
  order: MagentoOrder,
  a: InvoiceOrder,
  marker: string,
): Promise<ActionOutcome> {
  if (fullyInvoiced(order)) return 'already-applied';
  const invoices = await magento.invoicesOf(order.entity_id);
  if (invoices.some((i) => hasMarker(i.comments, marker))) return 'already-applied';
  await magento.invoice(order.entity_id, {
    items: orderItems(order, a.items),
    capture: a.capture,
    notify: a.notify,
    comment: `Invoiced with M3 invoice ${a.m3InvoiceNo}. ${marker}`,
  });
  return 'applied';
}
