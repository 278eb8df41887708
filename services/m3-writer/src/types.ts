// The Avro records m3-writer reads and writes (schemas/commands, schemas/m3, schemas/xref), as TypeScript.
// Timestamps are epoch-ms numbers; decimals are strings.

export interface CommandMeta {
  commandId: string;
  idempotencyKey: string;
  correlationId: string;
  causationId: string;
  issuedAt: number;
}

export interface CustomerData {
  email: string;
  cunm: string;
  cua1: string;
  cua2: string | null;
  cua3: string | null;
  cua4: string | null;
  pono: string | null;
  town: string | null;
  cscd: string | null;
  phno: string | null;
  cutm: string;
  magentoCustomerId: number | null;
}

export interface AddressData {
  adrt: number;
  cunm: string;
  cua1: string;
  cua2: string | null;
  cua3: string | null;
  cua4: string | null;
  pono: string | null;
  town: string | null;
  cscd: string | null;
  phno: string | null;
}

export interface OrderHead {
  cuor: string;
  ortp: string | null;
  faci: string | null;
  whlo: string | null;
  rldt: string | null;
  cucd: string | null;
  yref: string | null;
  modl: string | null;
  tedl: string | null;
}

export interface OrderLine {
  itno: string;
  orqt: string;
  sapr: string | null;
  whlo: string | null;
  alun: string | null;
  magentoItemId: number;
}

export interface CreateCustomerOrder {
  meta: CommandMeta;
  incrementId: string;
  customer: CustomerData;
  head: OrderHead;
  lines: OrderLine[];
  shipTo: AddressData | null;
}

export interface UpsertCustomer {
  meta: CommandMeta;
  customer: CustomerData;
}

export interface PostPaymentJournal {
  meta: CommandMeta;
  incrementId: string;
  amount: string;
  currency: string;
  method: string;
  providerReference: string | null;
  accountingDate: string;
  /** AIT1 accounts chosen by the transformer per payment method; absent or null = the configured ones. */
  debitAccount?: string | null;
  creditAccount?: string | null;
}

export interface CustomerXref {
  email: string;
  cuno: string;
  magentoCustomerId: number | null;
  updatedAt: number;
}

export interface OrderXref {
  incrementId: string;
  orno: string;
  cuno: string;
  confirmedAt: number;
  commandId: string;
}
