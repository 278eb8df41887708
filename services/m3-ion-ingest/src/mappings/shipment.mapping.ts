// SyncShipment → cdc.m3.shipment.v1 (m3mage.m3.Delivery), keyed by ORNO.
//   DLIX       ShipmentHeader/DocumentID/ID (@variationID)
//   ORNO       ShipmentHeader/SalesOrderReference/DocumentID/ID, else the first ShipmentItem's
//   CUOR       ShipmentHeader/CustomerPurchaseOrderReference/DocumentID/ID
//   WHLO       ShipmentHeader/ShipFromParty/Location/ID
//   shippedAt  ShipmentHeader/ActualShipDateTime
//   lines      ShipmentItem: SalesOrderReference/LineNumber, ItemID/ID, ShippedQuantity
//   packages   ShipUnit: ContainerID, TrackingID; carrier ShipmentHeader/CarrierParty/PartyIDs/ID
//              (no ShipUnit: one package from ShipmentHeader/TrackingID)
import type { Bod } from '../bod/bod';
import { list, text } from '../bod/xml';
import type { Delivery } from '@m3mage/schemas/types';
import { change, epochMs, identity, int, required, type MappedBod } from './common.mapping';
import { TOPIC } from '@m3mage/topics/catalogue';

export function mapShipment(bod: Bod, now: number): MappedBod<Delivery> {
  const head = bod.nounNode['ShipmentHeader'];
  const { documentId, variationId } = identity(bod, 'ShipmentHeader', 'DocumentID', 'ID');
  const items = list(bod.nounNode, 'ShipmentItem');
  const orno = required(
    text(head, 'SalesOrderReference', 'DocumentID', 'ID') ?? text(items[0], 'SalesOrderReference', 'DocumentID', 'ID'),
    'ShipmentHeader/SalesOrderReference/DocumentID/ID (ORNO)',
  );
  const carrier = text(head, 'CarrierParty', 'PartyIDs', 'ID') ?? null;
  const units = list(bod.nounNode, 'ShipUnit');
  const headTracking = text(head, 'TrackingID');
  const packages = units.length
    ? units.map((u, i) => ({
        packageId: text(u, 'ContainerID') ?? text(u, 'SSCC') ?? String(i + 1),
        trackingNumber: text(u, 'TrackingID') ?? null,
        carrier,
      }))
    : headTracking
      ? [{ packageId: '1', trackingNumber: headTracking, carrier }]
      : [];
  const delivery: Delivery = {
    orno,
    cuor: text(head, 'CustomerPurchaseOrderReference', 'DocumentID', 'ID') ?? null,
    dlix: documentId,
    whlo: text(head, 'ShipFromParty', 'Location', 'ID') ?? null,
    shippedAt: epochMs(text(head, 'ActualShipDateTime')),
    lines: items.map((it, i) => ({
      ponr: int(text(it, 'SalesOrderReference', 'LineNumber'), `ShipmentItem[${i}]/SalesOrderReference/LineNumber`),
      posx: 0,
      itno: required(text(it, 'ItemID', 'ID'), `ShipmentItem[${i}]/ItemID/ID`),
      quantity: required(text(it, 'ShippedQuantity'), `ShipmentItem[${i}]/ShippedQuantity`),
    })),
    packages,
  };
  return {
    topic: TOPIC.cdcM3Shipment,
    key: orno,
    documentId,
    variationId,
    change: change(bod, 'shipment', documentId, variationId, delivery, now),
  };
}
