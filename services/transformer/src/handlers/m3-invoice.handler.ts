// cdc.m3.invoice.v1 → InvoiceOrder (one Magento invoice per M3 invoice, year + IVNO).
import { invoiceOrderMapping } from '../mappings/invoice-order.mapping';
import type { Invoice, InvoiceOrder } from '@m3mage/schemas/types';
import { m3DocumentHandler, type M3DocumentDeps } from './m3-document.handler';

export const m3InvoiceHandler = (deps: M3DocumentDeps) =>
  m3DocumentHandler<Invoice, InvoiceOrder>(
    {
      what: (i) => `M3 invoice ${i.yea4}-${i.ivno} of order ${i.orno}`,
      action: 'InvoiceOrder',
      mapping: invoiceOrderMapping,
      idempotencyKey: (incrementId, _i, body) => `invoice:${incrementId}:${body.m3InvoiceNo}`,
    },
    deps,
  );
