// SyncInvoice → cdc.m3.invoice.v1 (m3mage.m3.Invoice), keyed by ORNO.
//   IVNO       InvoiceHeader/DocumentID/ID (@variationID);  YEA4 = year of InvoiceHeader/DocumentDateTime
//   ORNO       InvoiceHeader/SalesOrderReference/DocumentID/ID, else the first InvoiceLine's
//   CUOR       InvoiceHeader/CustomerPurchaseOrderReference/DocumentID/ID (optional)
//   currency   InvoiceHeader/TotalAmount/@currencyID;  totalAmount InvoiceHeader/TotalAmount
//   lines      InvoiceLine: LineNumber, Item/ItemID/ID, Quantity, ExtendedAmount
import type { Bod } from '../bod/bod';
import { attr, list, text } from '../bod/xml';
import type { Invoice } from '@m3mage/schemas/types';
import { change, epochMs, identity, int, required, UnmappableBod, type MappedBod } from './common.mapping';
import { TOPIC } from '@m3mage/topics/catalogue';

export function mapInvoice(bod: Bod, now: number): MappedBod<Invoice> {
  const head = bod.nounNode['InvoiceHeader'];
  const { documentId, variationId } = identity(bod, 'InvoiceHeader', 'DocumentID', 'ID');
  const lines = list(bod.nounNode, 'InvoiceLine');
  const orno = required(
    text(head, 'SalesOrderReference', 'DocumentID', 'ID') ?? text(lines[0], 'SalesOrderReference', 'DocumentID', 'ID'),
    'InvoiceHeader/SalesOrderReference/DocumentID/ID (ORNO)',
  );
  const date = required(text(head, 'DocumentDateTime'), 'InvoiceHeader/DocumentDateTime');
  const invoicedAt = epochMs(date);
  if (invoicedAt === null) throw new UnmappableBod(`InvoiceHeader/DocumentDateTime "${date}" is not a date`);
  const invoice: Invoice = {
    ivno: documentId,
    yea4: Number(date.slice(0, 4)),
    orno,
    cuor: text(head, 'CustomerPurchaseOrderReference', 'DocumentID', 'ID') ?? null,
    currency: required(attr(head, 'currencyID', 'TotalAmount'), 'InvoiceHeader/TotalAmount/@currencyID'),
    totalAmount: required(text(head, 'TotalAmount'), 'InvoiceHeader/TotalAmount'),
    invoicedAt,
    lines: lines.map((l, i) => ({
      ponr: int(text(l, 'LineNumber'), `InvoiceLine[${i}]/LineNumber`),
      itno: required(text(l, 'Item', 'ItemID', 'ID'), `InvoiceLine[${i}]/Item/ItemID/ID`),
      quantity: required(text(l, 'Quantity'), `InvoiceLine[${i}]/Quantity`),
      amount: required(text(l, 'ExtendedAmount'), `InvoiceLine[${i}]/ExtendedAmount`),
    })),
  };
  return {
    topic: TOPIC.cdcM3Invoice,
    key: orno,
    documentId,
    variationId,
    change: change(bod, 'invoice', documentId, variationId, invoice, now),
  };
}
