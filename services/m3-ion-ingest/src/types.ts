// The Avro records m3-ion-ingest writes (schemas/cdc, schemas/m3, schemas/common, schemas/state).
export type Op = 'c' | 'u' | 'd' | 'r';

export interface Source {
  system: 'M3' | 'MAGENTO';
  entity: string;
  id: string;
  version: string;
  eventId: string;
  occurredAt: number;
  receivedAt: number;
}

export interface Change<T> {
  op: Op;
  before: T | null;
  after: T | null;
  source: Source;
  tsMs: number;
}

export interface Delivery {
  orno: string;
  cuor: string | null;
  dlix: string;
  whlo: string | null;
  shippedAt: number | null;
  lines: Array<{ ponr: number; posx: number; itno: string; quantity: string }>;
  packages: Array<{ packageId: string; trackingNumber: string | null; carrier: string | null }>;
}

export interface Invoice {
  ivno: string;
  yea4: number;
  orno: string;
  cuor: string | null;
  currency: string;
  totalAmount: string;
  invoicedAt: number | null;
  lines: Array<{ ponr: number; itno: string; quantity: string; amount: string }>;
}

export interface SalesOrder {
  orno: string;
  cuor: string | null;
  cuno: string;
  orsl: string;
  orst: string;
}

export interface DocumentVersion {
  documentKey: string;
  version: string;
  eventId: string;
  appliedAt: number;
}
