// M3 customer invoice (cdc.m3.invoice.v1) → InvoiceOrder on cmd.magento.order.v1.
import { constant, defineMapping, from, transform } from './kit';
import { toMagentoItems } from './ship-order.mapping';
import { settings } from './tables/settings';
import type { ForMagentoOrder } from './m3-document';
import type { Invoice, InvoiceOrder } from '@m3mage/schemas/types';

const invoiceNumber = transform<Invoice, string>(
  'invoiceNumber',
  'year and invoice number, e.g. 2026-100023 (IVNO repeats across years)',
  (inv) => `${inv.yea4}-${inv.ivno.trim()}`,
);

export const invoiceOrderMapping = defineMapping<ForMagentoOrder<Invoice>, InvoiceOrder>(
  {
    m3InvoiceNo: from('document').via(invoiceNumber).required(),
    items: from('document.lines').required('the invoice has no lines').via(toMagentoItems),
    capture: constant(settings.captureOnInvoice).describe(
      'settings.captureOnInvoice: capture an authorized gateway payment when M3 invoices (offline methods are paid on register)',
    ),
    notify: constant(true),
  },
  {
    name: 'invoice-order',
    title: 'Invoice order (M3 invoice → Magento invoice)',
    description: 'An M3 customer invoice invoices the Magento order’s items, once per M3 invoice.',
  },
);
