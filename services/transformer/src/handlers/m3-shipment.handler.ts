// cdc.m3.shipment.v1 → ShipOrder (one Magento shipment per M3 delivery, DLIX).
import { shipOrderMapping } from '../mappings/ship-order.mapping';
import type { Delivery, ShipOrder } from '@m3mage/schemas/types';
import { m3DocumentHandler, type M3DocumentDeps } from './m3-document.handler';

export const m3ShipmentHandler = (deps: M3DocumentDeps) =>
  m3DocumentHandler<Delivery, ShipOrder>(
    {
      what: (d) => `M3 delivery ${d.dlix} of order ${d.orno}`,
      action: 'ShipOrder',
      mapping: shipOrderMapping,
      idempotencyKey: (incrementId, d) => `ship:${incrementId}:${d.dlix}`,
    },
    deps,
  );
