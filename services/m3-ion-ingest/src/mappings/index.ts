// Which nouns m3-ion-ingest understands, and their mapping; every field table, for docs/mappings.md.
import type { Mapping } from '@m3mage/runtime/mapping';
import type { Bod } from '../bod/bod';
import { balanceMapping } from './balance.mapping';
import type { MappedBod } from './common.mapping';
import { customerPartyMapping, mapCustomerPartyMaster } from './customer-party-master.mapping';
import { invoiceLineMapping, invoiceMapping, mapInvoice } from './invoice.mapping';
import { itemMasterMapping, mapItemMaster } from './item-master.mapping';
import { mapSalesOrder, salesOrderMapping } from './sales-order.mapping';
import { mapShipment, shipmentLineMapping, shipmentMapping } from './shipment.mapping';

export type BodMapping = (bod: Bod, now: number) => MappedBod<unknown>;

/** `Verb+Noun` → mapping. ION sends Sync for changes; Show answers a Get (same content). */
export const bodMappings: Readonly<Record<string, BodMapping>> = Object.freeze({
  SyncShipment: mapShipment,
  SyncInvoice: mapInvoice,
  SyncSalesOrder: mapSalesOrder,
  SyncItemMaster: mapItemMaster,
  SyncCustomerPartyMaster: mapCustomerPartyMaster,
});

/** The order-to-cash nouns: what an instance without an M3 connection (no price source for items) takes. */
export const orderBodMappings: Readonly<Record<string, BodMapping>> = Object.freeze({
  SyncShipment: mapShipment,
  SyncInvoice: mapInvoice,
  SyncSalesOrder: mapSalesOrder,
});

/** With an M3 connection (the price source of items): the order nouns and items. */
export const itemBodMappings: Readonly<Record<string, BodMapping>> = Object.freeze({
  ...orderBodMappings,
  SyncItemMaster: mapItemMaster,
});

/** Customers: taken only when CUSTOMER_BOD_ENABLED (no M3 connection needed). */
export const customerBodMappings: Readonly<Record<string, BodMapping>> = Object.freeze({
  SyncCustomerPartyMaster: mapCustomerPartyMaster,
});

/** Every kit mapping of the BOD nouns (nested ones after the one that uses them), in the order the document shows them. */
export const m3IonIngestMappings: readonly Mapping<never, unknown>[] = [
  salesOrderMapping,
  shipmentMapping,
  shipmentLineMapping,
  invoiceMapping,
  invoiceLineMapping,
  itemMasterMapping,
  customerPartyMapping,
  balanceMapping,
];

export { UnmappableBod, type MappedBod } from './common.mapping';
