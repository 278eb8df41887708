import type { MiRecord } from '../mi/request';

export interface Customer {
  rec: MiRecord;
  addresses: MiRecord[];
}

export interface Balance {
  WHLO: string;
  ITNO: string;
  /** On hand. */
  STQT: number;
  /** Allocated to order lines. */
  ALQT: number;
  WHSL: string;
  BANO: string;
  /** Change date yyyyMMdd (any change: stock, allocation); absent on balances stored without one. */
  LMDT?: string;
  /** Date yyyyMMdd and time HHmmss of the last stock transaction (MITTRA) on this balance. */
  TRDT?: string;
  TRTM?: number;
  /** Epoch ms of the last change (stock or allocation), with LMDT; absent on seeded balances. */
  LMTS?: number;
}

/**
 * One stock transaction (MITTRA, MWS070MI): TTYP 90 = physical inventory/adjustment, 31 = customer order issue.
 * TRQT is the signed change of STQT, NSTQ the on-hand balance after it. RGDT/RGTM (UTC) is when it was registered,
 * TMSX the suffix that tells transactions of one item and warehouse within one second apart.
 */
export interface StockTransaction {
  WHLO: string;
  ITNO: string;
  WHSL: string;
  BANO: string;
  TTYP: '90' | '31';
  TRQT: number;
  NSTQ: number;
  /** Order number, line and delivery number of an issue; blank/0 for a count. */
  RIDN: string;
  RIDL: number;
  RIDI: string;
  RGDT: string;
  RGTM: number;
  TMSX: number;
  /** Registration instant (epoch ms); never before the previous transaction's. */
  at: number;
}

export interface LineError {
  code: string;
  field: string;
  message: string;
}

/** OIS100MI batch order (OIS275): status 10 entered, 15 confirmed with errors (stays here), 90 released. */
export interface BatchOrder {
  tempOrno: string;
  head: MiRecord;
  /** As added: the inputs (CUPO = the customer's line number) with WHLO, ORQT, SAPR and PONR settled. */
  lines: MiRecord[];
  addresses: MiRecord[];
  errors: LineError[];
  status: '10' | '15' | '90';
  /** The real order number once released (status 90). */
  orno?: string;
  /** Epoch ms (simulator clock) of AddBatchHead. */
  createdAt: number;
}

export interface OrderLine {
  PONR: number;
  POSX: number;
  ITNO: string;
  ITDS: string;
  WHLO: string;
  ORQT: number;
  SAPR: number;
  ORST: string;
  DLQT: number;
  IVQT: number;
  CUOR: string;
}

export interface Order {
  ORNO: string;
  head: MiRecord;
  lines: OrderLine[];
  addresses: MiRecord[];
  deliveries: string[];
  invoices: string[];
  /** Status after each change, oldest first (what the BOD variationIDs must reproduce). */
  history: string[];
}

export interface Package {
  PANR: string;
  SSCC: string;
  trackingNumber: string;
}

export interface Delivery {
  DLIX: string;
  ORNO: string;
  WHLO: string;
  CUNO: string;
  CUOR: string;
  lines: Array<{ PONR: number; ITNO: string; qty: number }>;
  packages: Package[];
  carrier: string;
  /** 50 released, 60 picked, 90 shipped (PGRS). */
  PGRS: string;
  shippedDate: string;
  IVNO: string;
}

export interface Invoice {
  IVNO: string;
  YEA4: string;
  ORNO: string;
  DLIX: string;
  CUNO: string;
  CUNM: string;
  CUCD: string;
  IDAT: string;
  DUDT: string;
  amount: number;
  VONO: string;
  lines: Array<{ PONR: number; ITNO: string; qty: number; amount: number }>;
}

export interface GlBatch {
  KEY1: string;
  INTN: string;
  DESC: string;
  DIVI: string;
  lines: Map<number, string>;
  status: 'open' | 'checked' | 'updated';
  vouchers: string[];
}

export interface Voucher {
  VONO: string;
  DIVI: string;
  YEA4: string;
  VSER: string;
  ACDT: string;
  KEY1: string;
  text: string;
  lines: Array<{ ACCT: MiRecord; amount: number; CUCD: string; VTXT: string; JSNO: number }>;
}

/**
 * A sales price list (OIS017: head OPRICH, base prices OPRBAS), keyed PRRF, CUCD, CUNO (blank = general), FVDT.
 * LVDT is the last valid day. Prices are M3 number text per ITNO; items without a price are not on the list.
 */
export interface PriceList {
  PRRF: string;
  CUCD: string;
  CUNO: string;
  FVDT: string;
  LVDT: string;
  TX15: string;
  prices: Map<string, string>;
}

/** The BODs a balance change can publish (`inventoryNouns` of the simulator). */
export const INVENTORY_NOUNS = ['InventoryCount', 'LS_ItemStock'] as const;
export type InventoryNoun = (typeof INVENTORY_NOUNS)[number];

export type Noun = 'SalesOrder' | 'Shipment' | 'Invoice' | 'ItemMaster' | 'CustomerPartyMaster' | InventoryNoun;

export interface Change {
  noun: Noun;
  id: string;
  action: 'Add' | 'Change' | 'Delete';
}
