// m3mage.commands.* (schemas/commands): what the transformer produces. `meta` is added by the handlers.
import type { AddressData, CustomerData } from './m3';

export interface CommandMeta {
  commandId: string;
  idempotencyKey: string;
  correlationId: string;
  causationId: string;
  issuedAt: number;
}

export interface OrderHead {
  cuor: string;
  ortp?: string | null;
  faci?: string | null;
  whlo?: string | null;
  rldt?: string | null;
  cucd?: string | null;
  yref?: string | null;
  modl?: string | null;
  tedl?: string | null;
}

export interface OrderLine {
  itno: string;
  orqt: string;
  sapr?: string | null;
  whlo?: string | null;
  alun?: string | null;
  magentoItemId: number;
}

export interface CustomerOrderBody {
  incrementId: string;
  customer: CustomerData;
  head: OrderHead;
  lines: OrderLine[];
  shipTo?: AddressData | null;
}

export interface PaymentJournalBody {
  incrementId: string;
  amount: string;
  currency: string;
  method: string;
  providerReference?: string | null;
  accountingDate: string;
  debitAccount?: string | null;
  creditAccount?: string | null;
}

export interface ItemQty {
  sku: string;
  qty: string;
}

export interface ShipOrder {
  m3DeliveryNo: string;
  items: ItemQty[];
  tracks: { trackNumber: string; title: string; carrierCode: string }[];
  notify: boolean;
}

export interface InvoiceOrder {
  m3InvoiceNo: string;
  items: ItemQty[];
  capture: boolean;
  notify: boolean;
}

export interface AddOrderComment {
  status?: string | null;
  comment: string;
  m3Status: string;
  notifyCustomer: boolean;
}

/** The action union as avsc (wrapUnions 'auto') encodes it: wrapped in the branch's full name. */
export type MagentoOrderAction =
  | { 'm3mage.commands.ShipOrder': ShipOrder }
  | { 'm3mage.commands.InvoiceOrder': InvoiceOrder }
  | { 'm3mage.commands.AddOrderComment': AddOrderComment };

export type WithMeta<T> = T & { meta: CommandMeta };
