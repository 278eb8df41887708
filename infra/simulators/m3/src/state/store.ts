import type { MiRecord } from '../mi/request';
import { yyyymmdd } from './dates';
import { withItemDefaults } from './items';
import { SortedKeys } from './sorted-keys';
import { StockHistory } from './stock-history';
import type {
  Balance,
  BatchOrder,
  Change,
  Customer,
  Delivery,
  GlBatch,
  InventoryNoun,
  Invoice,
  Order,
  PriceList,
  Voucher,
} from './types';

export interface CompanySettings {
  CONO: string;
  DIVI: string;
  CUCD: string;
  FACI: string;
}

/** Everything one simulated M3 holds. One instance per simulator; nothing is module-level. */
export class M3State {
  readonly customers = new Map<string, Customer>();
  readonly customerKeys = new SortedKeys();
  /** CUNM → CUNO list, for LstByName positioning (`${CUNM}\u0000${CUNO}` keys). */
  readonly customerNameKeys = new SortedKeys();
  readonly items = new Map<string, MiRecord>();
  readonly itemKeys = new SortedKeys();
  /** Bumped on every putItem, so readers can cache orders over all items (LstItmByChgDate). */
  itemVersion = 0;
  /** CRS025 item groups (ITGR, TX40, TX15) and CRS035 product groups (ITCL, TX40, TX15). */
  readonly itemGroups = new Map<string, MiRecord>();
  readonly productGroups = new Map<string, MiRecord>();
  /** OIS017 sales price lists by priceListKey(). */
  readonly priceLists = new Map<string, PriceList>();
  readonly warehouses = new Map<string, MiRecord>();
  readonly balances = new Map<string, Balance>();
  /** MITTRA: every stock change through stock.ts, newest 200 000 kept (MWS070MI). */
  readonly stockHistory = new StockHistory();
  readonly batchOrders = new Map<string, BatchOrder>();
  readonly orders = new Map<string, Order>();
  readonly deliveries = new Map<string, Delivery>();
  readonly invoices = new Map<string, Invoice>();
  readonly glBatches = new Map<string, GlBatch>();
  readonly vouchers = new Map<string, Voucher>();
  /** The BODs every balance change publishes (default InventoryCount; LS_ItemStock when configured). */
  inventoryNouns: readonly InventoryNoun[] = ['InventoryCount'];
  private counters = new Map<string, number>();
  private readonly listeners: Array<(c: Change) => void> = [];

  constructor(
    readonly company: CompanySettings,
    readonly now: () => number,
  ) {}

  /** Next number in a series (customer, batch order, order, delivery, invoice, voucher, package). */
  next(series: string, start: number): number {
    const n = (this.counters.get(series) ?? start - 1) + 1;
    this.counters.set(series, n);
    return n;
  }

  onChange(listener: (c: Change) => void): void {
    this.listeners.push(listener);
  }

  changed(change: Change): void {
    for (const l of this.listeners) l(change);
  }

  balanceKey(whlo: string, itno: string): string {
    return `${whlo}|${itno}`;
  }

  /** A balance changed (stock or allocation): one change per inventory noun configured. */
  balanceChanged(whlo: string, itno: string): void {
    for (const noun of this.inventoryNouns) this.changed({ noun, id: this.balanceKey(whlo, itno), action: 'Change' });
  }

  /** Stores a customer as given; one without change stamps gets LMTS = now (customers.ts changes and stamps). */
  putCustomer(c: Customer): void {
    const cuno = c.rec.CUNO ?? '';
    const old = this.customers.get(cuno);
    const lmts = c.rec.LMTS ?? String(this.now());
    this.customers.set(cuno, { ...c, rec: { ...c.rec, LMTS: lmts, LMDT: c.rec.LMDT ?? yyyymmdd(Number(lmts)) } });
    this.customerKeys.add(cuno);
    if (!old || old.rec.CUNM !== c.rec.CUNM) this.customerNameKeys.add(`${c.rec.CUNM ?? ''}\u0000${cuno}`);
  }

  /** Stores an item as given; missing price and change-stamp fields get defaults (see items.ts). */
  putItem(rec: MiRecord): void {
    const itno = rec.ITNO ?? '';
    this.items.set(itno, withItemDefaults(this, rec));
    this.itemKeys.add(itno);
    this.itemVersion++;
  }

  priceListKey(prrf: string, cucd: string, cuno: string, fvdt: string): string {
    return `${prrf}|${cucd}|${cuno}|${fvdt}`;
  }

  /** yyyyMMdd of the injected clock (UTC). */
  today(): string {
    return yyyymmdd(this.now());
  }

  clear(): void {
    for (const m of [
      this.customers,
      this.items,
      this.warehouses,
      this.balances,
      this.batchOrders,
      this.orders,
      this.deliveries,
      this.invoices,
      this.glBatches,
      this.vouchers,
      this.itemGroups,
      this.productGroups,
      this.priceLists,
    ]) {
      m.clear();
    }
    this.customerKeys.clear();
    this.customerNameKeys.clear();
    this.itemKeys.clear();
    this.itemVersion++;
    this.stockHistory.clear();
    this.counters = new Map();
  }
}
