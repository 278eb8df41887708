import type { FastifyRequest } from 'fastify';
import type { AdminTokens } from '../auth/admin-tokens';
import type { MagentoCredentials } from '../auth/credentials';
import type { AuthGuard } from '../auth/guard';
import type { DomainContext } from '../domain/context';
import type { OrderWriteGuard } from '../domain/order-writes';
import type { BulkProcessor } from '../domain/bulk';
import type { StoreScope } from '../domain/stores';

/** What the REST route plugins receive (registered once per URL prefix). */
export interface RestDeps {
  ctx: DomainContext;
  auth: AuthGuard;
  writes: OrderWriteGuard;
  tokens: AdminTokens;
  credentials: MagentoCredentials;
  bulk: BulkProcessor;
}

export type IdParams = { id: string };

/** Store code the simulator's own bulk consumer uses; exempt from faults. */
export const BULK_CONSUMER_STORE = 'async-bulk-consumer';
/** Header carrying the store code of the bulk request an operation came from (bulk consumer only). */
export const BULK_STORE_HEADER = 'x-magento-sim-bulk-store';

/**
 * The store a request runs in: its `/rest/{store}/V1` code, none for `/rest/V1`. Operations of an async bulk
 * run in the store of the bulk request, as Magento's consumer does (the store id travels with the operation).
 */
export function requestScope(ctx: DomainContext, req: FastifyRequest): StoreScope {
  const store = (req.params as { store?: string }).store;
  if (store !== BULK_CONSUMER_STORE) return ctx.stores.resolve(store);
  const original = req.headers[BULK_STORE_HEADER];
  return ctx.stores.resolve(typeof original === 'string' && original !== '' ? original : undefined);
}

/** Magento casts path ids to int; a non-numeric id finds nothing. */
export const toId = (raw: string): number => (/^\d+$/.test(raw) ? Number(raw) : -1);

export const ACL = {
  orders: 'Magento_Sales::actions_view',
  comment: 'Magento_Sales::comment',
  ship: 'Magento_Sales::ship',
  invoice: 'Magento_Sales::sales_invoice',
  shipments: 'Magento_Sales::shipment',
  customers: 'Magento_Customer::manage',
  customerDelete: 'Magento_Customer::delete',
  products: 'Magento_Catalog::products',
  categories: 'Magento_Catalog::categories',
  stores: 'Magento_Backend::stores',
  stocks: 'Magento_InventoryApi::stock',
  stockSourceLinks: 'Magento_InventoryApi::stock_source_link',
  stock: 'Magento_CatalogInventory::cataloginventory',
  sources: 'Magento_InventoryApi::source',
  sourceItems: 'Magento_InventoryApi::source_item',
  bulk: 'Magento_Logging::system_magento_logging_bulk_operations',
} as const;
