// MSI sources, stock-source links and source items (magento/inventory Web API, MASTER-DATA-NOTES §4 MSI,
// FORMAT-NOTES 35). Inventory has no store-view values; the transport always puts a store code in the path,
// so these calls use `all`, as the product calls do, and the configured store code never matters here.
// `PUT /V1/inventory/sources/{code}` validates and saves the source object it is sent (name, country_id and
// postcode required; carrier links and extension attributes are saved from it too), so an update sends the
// source as just read with only the owned fields changed: `enabled` and the rest stay Magento's. `POST /V1/inventory/source-items` is all or nothing: one refused item fails the whole request
// (400, "Validation Failed: …" or, for a source that does not exist, "Could not save Source Item").
import { searchFilter, type MagentoTransport } from '@m3mage/connectors/magento';
import { isAppError } from '@m3mage/runtime';
import type { MagentoList } from './types';

/** The source fields magento-writer writes (M3's name and address, `enabled` on create). */
export interface SourceFields {
  name?: string;
  country_id?: string;
  postcode?: string;
  city?: string;
  street?: string;
  enabled?: boolean;
}

/** A source as Magento answers it: the fields we own and everything else, sent back unchanged on update. */
export type MagentoSource = SourceFields & { source_code: string } & Record<string, unknown>;

export interface StockSourceLink {
  stock_id: number;
  source_code: string;
  priority: number;
}

/** One row of inventory_source_item (absolute quantity; status 1 in stock, 0 out of stock). */
export interface SourceItemBody {
  sku: string;
  source_code: string;
  quantity: number;
  status: number;
}

export interface InventoryClient {
  /** The source, or undefined when Magento has none with this code. */
  getSource(code: string): Promise<MagentoSource | undefined>;
  createSource(source: SourceFields & { source_code: string }): Promise<void>;
  /** PUT of `current` (as read) with `changes` merged in. */
  updateSource(current: MagentoSource, changes: SourceFields): Promise<void>;
  /** Every link of a stock (all pages). */
  linksOfStock(stockId: number): Promise<StockSourceLink[]>;
  /** Adds links (a link that exists gets the priority sent). */
  addLinks(links: StockSourceLink[]): Promise<void>;
  /** One request for many items (all or nothing). */
  saveSourceItems(items: SourceItemBody[]): Promise<void>;
  /** One item alone (the fallback after a refused batch: its own metric operation). */
  saveSourceItem(item: SourceItemBody): Promise<void>;
}

const GLOBAL = { storeCode: 'all' };
/** Magento's max page size when web API input limits are on (MASTER-DATA-NOTES §4 Limits). */
const PAGE_SIZE = 300;

export function createInventoryClient({ call }: MagentoTransport): InventoryClient {
  const sourcePath = (code: string) => `/inventory/sources/${encodeURIComponent(code)}`;
  const postItems = (operation: string, sourceItems: SourceItemBody[]) =>
    call<unknown>(operation, 'POST', '/inventory/source-items', { ...GLOBAL, body: { sourceItems } }).then(
      () => undefined,
    );
  return {
    async getSource(code) {
      try {
        return await call<MagentoSource>('sources.get', 'GET', sourcePath(code), GLOBAL);
      } catch (e) {
        if (isAppError(e) && e.code === 'MAGENTO_NOT_FOUND') return undefined;
        throw e;
      }
    },
    async createSource(source) {
      await call<unknown>('sources.create', 'POST', '/inventory/sources', { ...GLOBAL, body: { source } });
    },
    async updateSource(current, changes) {
      const source = { ...current, ...changes };
      await call<unknown>('sources.update', 'PUT', sourcePath(current.source_code), { ...GLOBAL, body: { source } });
    },
    async linksOfStock(stockId) {
      const links: StockSourceLink[] = [];
      for (let page = 1; ; page += 1) {
        const list = await call<MagentoList<StockSourceLink>>(
          'stock-source-links.search',
          'GET',
          '/inventory/stock-source-links',
          {
            ...GLOBAL,
            query: {
              ...searchFilter(0, 'stock_id', stockId),
              'searchCriteria[pageSize]': PAGE_SIZE,
              'searchCriteria[currentPage]': page,
            },
          },
        );
        links.push(...list.items);
        if (list.items.length < PAGE_SIZE || links.length >= list.total_count) return links;
      }
    },
    async addLinks(links) {
      await call<unknown>('stock-source-links.save', 'POST', '/inventory/stock-source-links', {
        ...GLOBAL,
        body: { links },
      });
    },
    saveSourceItems: (items) => postItems('source-items.save', items),
    saveSourceItem: (item) => postItems('source-items.save-one', [item]),
  };
}
