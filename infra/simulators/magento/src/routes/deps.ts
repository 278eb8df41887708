import type { AdminTokens } from '../auth/admin-tokens';
import type { MagentoCredentials } from '../auth/credentials';
import type { AuthGuard } from '../auth/guard';
import type { DomainContext } from '../domain/context';
import type { OrderWriteGuard } from '../domain/order-writes';
import type { BulkProcessor } from '../domain/bulk';

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

/** Magento casts path ids to int; a non-numeric id finds nothing. */
export const toId = (raw: string): number => (/^\d+$/.test(raw) ? Number(raw) : -1);

export const ACL = {
  orders: 'Magento_Sales::actions_view',
  comment: 'Magento_Sales::comment',
  ship: 'Magento_Sales::ship',
  invoice: 'Magento_Sales::sales_invoice',
  shipments: 'Magento_Sales::shipment',
  customers: 'Magento_Customer::manage',
  products: 'Magento_Catalog::products',
  stock: 'Magento_CatalogInventory::cataloginventory',
  sources: 'Magento_InventoryApi::source',
  sourceItems: 'Magento_InventoryApi::source_item',
  bulk: 'Magento_Logging::system_magento_logging_bulk_operations',
} as const;
