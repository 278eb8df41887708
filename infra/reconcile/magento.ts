// Magento's side, through the Magento connector's signed transport (the writers' connection keys): every
// source item (`GET /V1/inventory/source-items`) and every product (`GET /V1/products`) at global scope
// (store code `all`, what magento-writer writes and compares with), in searchCriteria pages; with skus, only
// those (`sku in …`).
import { createLogger, createMetrics } from '@m3mage/runtime';
import { magentoConnection, searchFilter, type MagentoTransport } from '@m3mage/connectors/magento';
import type { MagentoList } from '../../services/magento-writer/src/clients/types';
import type { MagentoProduct } from '../../services/magento-writer/src/clients/products.client';
import type { ReconcileConfig } from './config';
import type { MagentoSourceItem } from './stock-compare';

/** Magento's max page size when web API input limits are on (MASTER-DATA-NOTES §4 Limits). */
const PAGE_SIZE = 300;

export interface MagentoSide {
  sourceItems(skus?: readonly string[]): Promise<MagentoSourceItem[]>;
  products(skus?: readonly string[]): Promise<MagentoProduct[]>;
  close(): Promise<void>;
}

export async function listAll<T>(
  call: MagentoTransport['call'],
  operation: string,
  path: string,
  skus?: readonly string[],
): Promise<T[]> {
  const out: T[] = [];
  const filter = skus ? searchFilter(0, 'sku', skus.join(','), 'in') : {};
  for (let page = 1; ; page += 1) {
    const list = await call<MagentoList<T>>(operation, 'GET', path, {
      storeCode: 'all',
      query: { ...filter, 'searchCriteria[pageSize]': PAGE_SIZE, 'searchCriteria[currentPage]': page },
    });
    out.push(...list.items);
    if (list.items.length < PAGE_SIZE || out.length >= list.total_count) return out;
  }
}

export function openMagento(c: ReconcileConfig): MagentoSide {
  const logger = createLogger({ service: 'reconcile', version: '0', level: 'silent' });
  const { http, transport } = magentoConnection(c, {
    logger,
    metrics: createMetrics({ service: 'reconcile', collectDefaults: false }),
  });
  const skusOf = (keys?: readonly string[]) => (keys ? [...new Set(keys.map((k) => k.split('@')[0] ?? k))] : undefined);
  return {
    sourceItems: (keys) =>
      listAll<MagentoSourceItem>(transport.call, 'source-items.search', '/inventory/source-items', skusOf(keys)),
    products: (skus) => listAll<MagentoProduct>(transport.call, 'products.search', '/products', skus),
    close: () => http.close(),
  };
}
