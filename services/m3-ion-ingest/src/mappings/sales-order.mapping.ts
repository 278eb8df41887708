// SyncSalesOrder → cdc.m3.sales-order.v1 (m3mage.m3.SalesOrder), keyed by ORNO. The input of the table is the
// SalesOrder noun as bod/xml-view.ts gives it; ORNO and its variationID are the document's identity.
import type { Bod } from '../bod/bod';
import { list, text, type XmlNode } from '../bod/xml';
import { xmlView } from '../bod/xml-view';
import { defineMapping, from, transform } from '@m3mage/runtime/mapping';
import type { SalesOrder } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { change, identity, type MappedBod } from './common.mapping';
import { mapOrRefuse } from './refusal';
import { xmlText } from './transforms/xml';

const NO_STATUS = 'SalesOrderHeader/Status/Code is missing';

const lowestStatus = transform<XmlNode, string>(
  'lowestStatus',
  'the lowest SalesOrderLine/Status/Code; an order without line statuses: SalesOrderHeader/Status/Code',
  (noun) =>
    list(noun, 'SalesOrderLine')
      .map((l) => text(l, 'Status', 'Code'))
      .filter((s): s is string => s !== undefined)
      .sort()[0] ?? text(noun, 'SalesOrderHeader', 'Status', 'Code'),
);

export const salesOrderMapping = defineMapping<XmlNode, SalesOrder>(
  {
    orno: from('SalesOrderHeader.DocumentID.ID')
      .via(xmlText)
      .required('SalesOrder/SalesOrderHeader/DocumentID/ID is missing')
      .describe('the key; its @variationID orders the versions'),
    cuor: from('SalesOrderHeader.CustomerPurchaseOrderReference.DocumentID.ID').via(xmlText).default(null),
    cuno: from('SalesOrderHeader.CustomerParty.PartyIDs.ID')
      .via(xmlText)
      .required('SalesOrderHeader/CustomerParty/PartyIDs/ID is missing'),
    orsl: from().via(lowestStatus).required(NO_STATUS),
    orst: from('SalesOrderHeader.Status.Code').via(xmlText).required(NO_STATUS).describe('the highest line status'),
  },
  {
    name: 'm3-sales-order',
    title: 'Sales order (SyncSalesOrder BOD → M3 order status)',
    description:
      'A SyncSalesOrder BOD from ION becomes the order status on cdc.m3.sales-order.v1, keyed by the order number (ORNO).',
  },
);

export function mapSalesOrder(bod: Bod, now: number): MappedBod<SalesOrder> {
  const { documentId, variationId } = identity(bod, 'SalesOrderHeader', 'DocumentID', 'ID');
  const order = mapOrRefuse(salesOrderMapping, xmlView(bod.nounNode));
  return {
    topic: TOPIC.cdcM3SalesOrder,
    key: documentId,
    documentId,
    variationId,
    change: change(bod, 'sales-order', documentId, variationId, order, now),
  };
}
