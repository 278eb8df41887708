// SyncSalesOrder → cdc.m3.sales-order.v1 (m3mage.m3.SalesOrder), keyed by ORNO.
//   ORNO   SalesOrderHeader/DocumentID/ID (@variationID)
//   CUOR   SalesOrderHeader/CustomerPurchaseOrderReference/DocumentID/ID
//   CUNO   SalesOrderHeader/CustomerParty/PartyIDs/ID
//   ORST   SalesOrderHeader/Status/Code (highest line status)
//   ORSL   lowest SalesOrderLine/Status/Code (no lines: ORST)
import type { Bod } from '../bod/bod';
import { list, text } from '../bod/xml';
import type { SalesOrder } from '@m3mage/schemas/types';
import { change, identity, required, type MappedBod } from './common.mapping';
import { TOPIC } from '@m3mage/topics/catalogue';

export function mapSalesOrder(bod: Bod, now: number): MappedBod<SalesOrder> {
  const head = bod.nounNode['SalesOrderHeader'];
  const { documentId, variationId } = identity(bod, 'SalesOrderHeader', 'DocumentID', 'ID');
  const orst = required(text(head, 'Status', 'Code'), 'SalesOrderHeader/Status/Code');
  const lineStatuses = list(bod.nounNode, 'SalesOrderLine')
    .map((l) => text(l, 'Status', 'Code'))
    .filter((s): s is string => s !== undefined)
    .sort();
  const order: SalesOrder = {
    orno: documentId,
    cuor: text(head, 'CustomerPurchaseOrderReference', 'DocumentID', 'ID') ?? null,
    cuno: required(text(head, 'CustomerParty', 'PartyIDs', 'ID'), 'SalesOrderHeader/CustomerParty/PartyIDs/ID'),
    orsl: lineStatuses[0] ?? orst,
    orst,
  };
  return {
    topic: TOPIC.cdcM3SalesOrder,
    key: documentId,
    documentId,
    variationId,
    change: change(bod, 'sales-order', documentId, variationId, order, now),
  };
}
