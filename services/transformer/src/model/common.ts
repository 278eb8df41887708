// TypeScript shapes of the Avro records in schemas/common (as avsc decodes them: unions unwrapped).
export type Op = 'c' | 'u' | 'd' | 'r';

export interface Source {
  system: 'MAGENTO' | 'M3';
  entity: string;
  id: string;
  version: string;
  eventId: string;
  occurredAt: number;
  receivedAt: number;
}

/** A change-data envelope (schemas/cdc/*.avsc). */
export interface Change<T> {
  op: Op;
  before: T | null;
  after: T | null;
  source: Source;
  tsMs: number;
}

export interface Address {
  firstname: string | null;
  lastname: string | null;
  company: string | null;
  street: string[];
  city: string | null;
  region: string | null;
  postcode: string | null;
  countryId: string | null;
  telephone: string | null;
  email: string | null;
}
