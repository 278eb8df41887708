// SyncShipment → cdc.m3.shipment.v1 (m3mage.m3.Delivery), keyed by ORNO. The input of the tables is the
// Shipment noun as bod/xml-view.ts gives it; DLIX and its variationID are the document's identity.
import type { Bod } from '../bod/bod';
import { list, text, type XmlNode } from '../bod/xml';
import { xmlView } from '../bod/xml-view';
import { constant, defineMapping, each, from, transform } from '@m3mage/runtime/mapping';
import type { Delivery } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { change, identity, type MappedBod } from './common.mapping';
import { mapOrRefuse } from './refusal';
import { orderReference, xmlText } from './transforms/xml';
import { toEpochMsIfDate, wholeNumber } from './transforms/values';

const toPackages = transform<XmlNode, Delivery['packages']>(
  'toPackages',
  'a package per ShipUnit: id ContainerID, else SSCC, else its position (1, 2, …); tracking number TrackingID; ' +
    'carrier ShipmentHeader/CarrierParty/PartyIDs/ID. No ShipUnit: one package 1 with ShipmentHeader/TrackingID, ' +
    'none without it',
  (noun) => {
    const carrier = text(noun, 'ShipmentHeader', 'CarrierParty', 'PartyIDs', 'ID') ?? null;
    const units = list(noun, 'ShipUnit');
    const tracking = text(noun, 'ShipmentHeader', 'TrackingID');
    if (units.length === 0) return tracking ? [{ packageId: '1', trackingNumber: tracking, carrier }] : [];
    return units.map((u, i) => ({
      packageId: text(u, 'ContainerID') ?? text(u, 'SSCC') ?? String(i + 1),
      trackingNumber: text(u, 'TrackingID') ?? null,
      carrier,
    }));
  },
);

export const shipmentLineMapping = defineMapping<XmlNode, Delivery['lines'][number]>(
  {
    ponr: from('SalesOrderReference.LineNumber')
      .via(xmlText)
      .required('SalesOrderReference/LineNumber is missing')
      .via(wholeNumber),
    posx: constant(0).describe('a shipped line is the order line itself'),
    itno: from('ItemID.ID').via(xmlText).required('ItemID/ID is missing'),
    quantity: from('ShippedQuantity').via(xmlText).required('ShippedQuantity is missing'),
  },
  {
    name: 'm3-shipment-line',
    title: 'Shipment line (ShipmentItem → delivery line)',
    description: 'Each ShipmentItem of a SyncShipment BOD: the order line shipped and the quantity, as M3 sends it.',
  },
);

export const shipmentMapping = defineMapping<XmlNode, Delivery>(
  {
    orno: from()
      .via(orderReference('ShipmentHeader', 'ShipmentItem'))
      .required('ShipmentHeader/SalesOrderReference/DocumentID/ID (ORNO) is missing')
      .describe('the key of the record'),
    cuor: from('ShipmentHeader.CustomerPurchaseOrderReference.DocumentID.ID').via(xmlText).default(null),
    dlix: from('ShipmentHeader.DocumentID.ID')
      .via(xmlText)
      .required('Shipment/ShipmentHeader/DocumentID/ID is missing')
      .describe('the document id; its @variationID orders the versions'),
    whlo: from('ShipmentHeader.ShipFromParty.Location.ID').via(xmlText).default(null),
    shippedAt: from('ShipmentHeader.ActualShipDateTime').via(xmlText).via(toEpochMsIfDate).default(null),
    lines: each('ShipmentItem', shipmentLineMapping).default([]),
    packages: from().via(toPackages).default([]),
  },
  {
    name: 'm3-shipment',
    title: 'Shipment (SyncShipment BOD → M3 delivery)',
    description:
      'A SyncShipment BOD from ION becomes the delivery on cdc.m3.shipment.v1, keyed by the order number (ORNO).',
  },
);

export function mapShipment(bod: Bod, now: number): MappedBod<Delivery> {
  const { documentId, variationId } = identity(bod, 'ShipmentHeader', 'DocumentID', 'ID');
  const delivery = mapOrRefuse(shipmentMapping, xmlView(bod.nounNode));
  return {
    topic: TOPIC.cdcM3Shipment,
    key: delivery.orno,
    documentId,
    variationId,
    change: change(bod, 'shipment', documentId, variationId, delivery, now),
  };
}
