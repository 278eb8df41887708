// Magento's asynchronous bulk API (MASTER-DATA-NOTES §4 "Bulk/async"): `POST|PUT /rest/<store>/async/bulk/V1/...`
// with an array of request bodies answers at once `{bulk_uuid, request_items:[{id, data_hash, status:'accepted'}],
// errors}` — "accepted" always, a refused operation fails later — and Magento's consumer (async.operations.all)
// runs the operations afterwards. `GET /V1/bulk/{uuid}/detailed-status` tells each operation's status.
// Product writes go at store code `all` (global values, as the synchronous products client); a route parameter
// becomes `by<Param>` and is taken from the body (`PUT /products/bySku` reads `product.sku`).
import type { MagentoTransport } from '@m3mage/connectors/magento';
import type { ProductBody } from './products.client';

/** Magento\AsynchronousOperations OperationInterface status codes. */
export const BULK_STATUS = Object.freeze({
  COMPLETE: 1,
  RETRIABLY_FAILED: 2,
  NOT_RETRIABLY_FAILED: 3,
  OPEN: 4,
  REJECTED: 5,
} as const);

export interface BulkAccepted {
  bulk_uuid: string;
  request_items: { id: number; data_hash?: string; status: string }[];
  errors: boolean;
}

export interface BulkOperationStatus {
  /** The operation's position in the submitted array. */
  id: number;
  status: number;
  result_message?: string | null;
  error_code?: number | null;
}

export interface BulkDetailedStatus {
  bulk_id: string;
  operations_list: BulkOperationStatus[];
}

export interface BulkClient {
  /** `POST /async/bulk/V1/products` `[{product}, …]`: one create per body. */
  createProducts(products: readonly ProductBody[]): Promise<BulkAccepted>;
  /** `PUT /async/bulk/V1/products/bySku` `[{product}, …]`: one update per body, the sku from `product.sku`. */
  updateProducts(products: readonly ProductBody[]): Promise<BulkAccepted>;
  /** `GET /V1/bulk/{uuid}/detailed-status`. */
  detailedStatus(uuid: string): Promise<BulkDetailedStatus>;
}

const GLOBAL = { storeCode: 'all', api: 'async-bulk' } as const;

export function createBulkClient({ call }: MagentoTransport): BulkClient {
  const envelopes = (products: readonly ProductBody[]) => products.map((product) => ({ product }));
  return {
    createProducts: (products) =>
      call<BulkAccepted>('products.bulk-create', 'POST', '/products', { ...GLOBAL, body: envelopes(products) }),
    updateProducts: (products) =>
      call<BulkAccepted>('products.bulk-update', 'PUT', '/products/bySku', { ...GLOBAL, body: envelopes(products) }),
    detailedStatus: (uuid) =>
      call<BulkDetailedStatus>('bulk.detailed-status', 'GET', `/bulk/${encodeURIComponent(uuid)}/detailed-status`),
  };
}
