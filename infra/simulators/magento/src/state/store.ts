import type {
  Category,
  Customer,
  Invoice,
  Order,
  Product,
  ProductStoreValues,
  Reservation,
  Shipment,
  Source,
  SourceItem,
  Stock,
  StockSourceLink,
} from './types';

/** Why an order is corrupt: two writes overlapped on it (see domain/order-writes.ts). */
export interface OrderCorruption {
  orderId: number;
  incrementId: string;
  at: number;
  operations: [string, string];
}

type Sequence =
  | 'order'
  | 'orderItem'
  | 'orderAddress'
  | 'payment'
  | 'history'
  | 'customer'
  | 'customerAddress'
  | 'product'
  | 'stockItem'
  | 'shipment'
  | 'invoice'
  | 'documentItem'
  | 'track'
  | 'quote'
  | 'category'
  | 'stock'
  | 'reservation';

/** Everything one simulated store holds. One instance per simulator: nothing is module-global. */
export class MagentoState {
  readonly orders = new Map<number, Order>();
  readonly customers = new Map<number, Customer>();
  /** Products by sku, with their global (store 0) values. */
  readonly products = new Map<string, Product>();
  /**
   * Skus by every url_key value they hold (global or in a store view): the candidates of a URL key clash, as
   * `url_rewrite`'s unique index finds them (kept by commitProduct in domain/catalog.ts).
   */
  readonly skusByUrlKey = new Map<string, Set<string>>();
  /** Sku by its lower case (MySQL compares skus case-insensitively; kept by commitProduct). */
  readonly skuByLowerCase = new Map<string, string>();
  private readonly urlKeysOfSku = new Map<string, string[]>();

  /** Records the url_key values a stored product holds now. */
  indexUrlKeys(sku: string, keys: readonly string[]): void {
    for (const key of this.urlKeysOfSku.get(sku) ?? []) {
      const skus = this.skusByUrlKey.get(key);
      skus?.delete(sku);
      if (skus?.size === 0) this.skusByUrlKey.delete(key);
    }
    const unique = [...new Set(keys)];
    this.urlKeysOfSku.set(sku, unique);
    for (const key of unique) {
      const skus = this.skusByUrlKey.get(key) ?? new Set<string>();
      skus.add(sku);
      this.skusByUrlKey.set(key, skus);
    }
  }
  /** Store-view values by product id (what a store-scoped save writes instead of the global value). */
  readonly productStoreValues = new Map<number, ProductStoreValues>();
  readonly categories = new Map<number, Category>();
  readonly stocks = new Map<number, Stock>();
  /** Keyed `stock_id@source_code`. */
  readonly stockSourceLinks = new Map<string, StockSourceLink>();
  readonly reservations: Reservation[] = [];
  readonly sources = new Map<string, Source>();
  /** Keyed `sku@source_code`. */
  readonly sourceItems = new Map<string, SourceItem>();
  readonly shipments = new Map<number, Shipment>();
  readonly invoices = new Map<number, Invoice>();
  readonly corruptions = new Map<number, OrderCorruption>();
  private sequences = new Map<Sequence, number>();

  nextId(seq: Sequence): number {
    const n = (this.sequences.get(seq) ?? 0) + 1;
    this.sequences.set(seq, n);
    return n;
  }

  /** Magento's increment ids: 9 digits, zero padded, store prefix 0 (`000000003`). */
  static incrementId(n: number): string {
    return String(n).padStart(9, '0');
  }

  orderByIncrementId(incrementId: string): Order | undefined {
    for (const o of this.orders.values()) if (o.increment_id === incrementId) return o;
    return undefined;
  }

  customerByEmail(email: string, websiteId = 1): Customer | undefined {
    const e = email.toLowerCase();
    for (const c of this.customers.values()) if (c.email.toLowerCase() === e && c.website_id === websiteId) return c;
    return undefined;
  }

  productById(id: number): Product | undefined {
    for (const p of this.products.values()) if (p.id === id) return p;
    return undefined;
  }

  clear(): void {
    this.orders.clear();
    this.customers.clear();
    this.products.clear();
    this.skusByUrlKey.clear();
    this.skuByLowerCase.clear();
    this.urlKeysOfSku.clear();
    this.productStoreValues.clear();
    this.categories.clear();
    this.stocks.clear();
    this.stockSourceLinks.clear();
    this.reservations.length = 0;
    this.sources.clear();
    this.sourceItems.clear();
    this.shipments.clear();
    this.invoices.clear();
    this.corruptions.clear();
    this.sequences.clear();
  }
}
