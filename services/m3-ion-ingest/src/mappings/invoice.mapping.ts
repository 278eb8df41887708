// SyncInvoice → cdc.m3.invoice.v1 (m3mage.m3.Invoice), keyed by ORNO. The input of the tables is the Invoice
// noun as bod/xml-view.ts gives it; IVNO and its variationID are the document's identity.
import type { Bod } from '../bod/bod';
import type { XmlNode } from '../bod/xml';
import { xmlView } from '../bod/xml-view';
import { defineMapping, each, from } from '@m3mage/runtime/mapping';
import type { Invoice } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { change, identity, type MappedBod } from './common.mapping';
import { mapOrRefuse } from './refusal';
import { orderReference, xmlText } from './transforms/xml';
import { toEpochMs, wholeNumber, yearOf } from './transforms/values';

const NO_DATE = 'InvoiceHeader/DocumentDateTime is missing';

export const invoiceLineMapping = defineMapping<XmlNode, Invoice['lines'][number]>(
  {
    ponr: from('LineNumber').via(xmlText).required('LineNumber is missing').via(wholeNumber),
    itno: from('Item.ItemID.ID').via(xmlText).required('Item/ItemID/ID is missing'),
    quantity: from('Quantity').via(xmlText).required('Quantity is missing'),
    amount: from('ExtendedAmount').via(xmlText).required('ExtendedAmount is missing'),
  },
  {
    name: 'm3-invoice-line',
    title: 'Invoice line (InvoiceLine → invoice line)',
    description: 'Each InvoiceLine of a SyncInvoice BOD: the order line invoiced, its quantity and amount.',
  },
);

export const invoiceMapping = defineMapping<XmlNode, Invoice>(
  {
    ivno: from('InvoiceHeader.DocumentID.ID')
      .via(xmlText)
      .required('Invoice/InvoiceHeader/DocumentID/ID is missing')
      .describe('the document id; its @variationID orders the versions'),
    yea4: from('InvoiceHeader.DocumentDateTime').via(xmlText).required(NO_DATE).via(yearOf),
    orno: from()
      .via(orderReference('InvoiceHeader', 'InvoiceLine'))
      .required('InvoiceHeader/SalesOrderReference/DocumentID/ID (ORNO) is missing')
      .describe('the key of the record'),
    cuor: from('InvoiceHeader.CustomerPurchaseOrderReference.DocumentID.ID').via(xmlText).default(null),
    currency: from('InvoiceHeader.TotalAmount.@_currencyID')
      .via(xmlText)
      .required('InvoiceHeader/TotalAmount/@currencyID is missing'),
    totalAmount: from('InvoiceHeader.TotalAmount').via(xmlText).required('InvoiceHeader/TotalAmount is missing'),
    invoicedAt: from('InvoiceHeader.DocumentDateTime').via(xmlText).required(NO_DATE).via(toEpochMs),
    lines: each('InvoiceLine', invoiceLineMapping).default([]),
  },
  {
    name: 'm3-invoice',
    title: 'Invoice (SyncInvoice BOD → M3 invoice)',
    description:
      'A SyncInvoice BOD from ION becomes the invoice on cdc.m3.invoice.v1, keyed by the order number (ORNO). ' +
      'Amounts stay the decimal text M3 sent.',
  },
);

export function mapInvoice(bod: Bod, now: number): MappedBod<Invoice> {
  const { documentId, variationId } = identity(bod, 'InvoiceHeader', 'DocumentID', 'ID');
  const invoice = mapOrRefuse(invoiceMapping, xmlView(bod.nounNode));
  return {
    topic: TOPIC.cdcM3Invoice,
    key: invoice.orno,
    documentId,
    variationId,
    change: change(bod, 'invoice', documentId, variationId, invoice, now),
  };
}
