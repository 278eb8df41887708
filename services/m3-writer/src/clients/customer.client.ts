// CRS610MI operations on M3 customers. M3 has no "find by e-mail" transaction: MAIL is an output of
// LstByName, which positions at a customer name and reads forward (FORMAT-NOTES B 21); so the look-up
// lists the customers of that exact name and compares their e-mail.
// New customers get a CUNO derived from their e-mail (CUNO is an optional input of Add, FORMAT-NOTES B 21),
// so two writers racing to create the same customer cannot both succeed: the second Add answers "already
// exists" and adopts the first's customer after checking its e-mail (ADR 0008). With `numbering: 'series'`
// M3's number series decides, and only one writer per e-mail at a time is safe.
import { createHash } from 'node:crypto';
import { isAppError } from '@m3mage/runtime';
import type { CustomerData, CustomerDeliveryAddress } from '@m3mage/schemas/types';
import type { MiClient, MiRecord } from '@m3mage/connectors/m3';

export interface CustomerClient {
  /** CUNO of the customer with this e-mail (case-insensitive): its derived number, else by name; if any. */
  findByEmail(customer: CustomerData): Promise<string | undefined>;
  /**
   * CRS610MI Add from the template. `existed`: the customer was there already under its derived number
   * (created by a concurrent writer, or by an earlier attempt whose answer was lost) and was adopted as is.
   */
  add(customer: CustomerData): Promise<{ cuno: string; existed: boolean }>;
  /**
   * CRS610MI ChgBasicData: name, address lines, postal data, phone, e-mail — or only `fields` of them (the
   * fields the command's side owns; an M3 field not sent keeps its value).
   */
  change(cuno: string, customer: CustomerData, fields?: readonly string[]): Promise<void>;
  /** CRS610MI ChgBasicData STAT only. */
  setStatus(cuno: string, stat: string): Promise<void>;
  /** CRS610MI GetAddress; undefined when the customer has no address of that type and number. */
  getAddress(cuno: string, adrt: string, adid: string): Promise<MiRecord | undefined>;
  /** CRS610MI AddAddress, or ChgAddress when it exists; no call when M3 holds these values already. */
  putAddress(cuno: string, address: CustomerDeliveryAddress): Promise<'added' | 'changed' | 'unchanged'>;
}

export interface CustomerClientOptions {
  mi: MiClient;
  /** Records read by LstByName (customers sharing one name). */
  lookupMaxrecs: number;
  /** `derived`: CUNO = prefix + digest of the e-mail (race-free); `series`: M3's number series. */
  numbering?: 'derived' | 'series';
  /** Start of a derived CUNO (A10 in all). */
  numberPrefix?: string;
  /**
   * Two or more M3 customers found for one e-mail: the first M3 lists (`kept`) is used, never merged;
   * the callback reports the numbers (metric + log) so a person can merge them in M3.
   */
  onDuplicateEmail?: (cunos: { kept: string; others: string[] }) => void;
}

export const normalEmail = (email: string): string => email.trim().toLowerCase();

const CUNO_LENGTH = 10;
export const DEFAULT_CUNO_PREFIX = 'MG';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The CUNO a new customer with this e-mail gets: prefix + base32 of SHA-256(lower-case e-mail), 10 chars. */
export function derivedCuno(email: string, prefix: string): string {
  const digest = createHash('sha256').update(normalEmail(email)).digest();
  let out = prefix;
  let bits = 0;
  let acc = 0;
  for (const byte of digest) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < CUNO_LENGTH) {
      bits -= 5;
      out += BASE32[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
    if (out.length >= CUNO_LENGTH) break;
  }
  return out;
}

const m3Field = (err: { details?: Record<string, unknown> }): string | undefined => {
  const f = err.details?.['m3Field'];
  return typeof f === 'string' ? f.trim() : undefined;
};

/** M3 has no customer with the CUNO sent. */
const unknownCustomer = (err: unknown): boolean =>
  isAppError(err) && m3Field(err) === 'CUNO' && err.details?.['m3Category'] === 'not-found';

/** CRS610MI/Add refused a CUNO because a customer with it exists (whatever the NOK policy made of it). */
const alreadyExists = (err: unknown): boolean =>
  isAppError(err) && m3Field(err) === 'CUNO' && /already exists/i.test(err.message);

function basicData(c: CustomerData): Record<string, string | null> {
  return {
    CUNM: c.cunm,
    CUA1: c.cua1,
    CUA2: c.cua2,
    CUA3: c.cua3,
    CUA4: c.cua4,
    PONO: c.pono,
    TOWN: c.town,
    CSCD: c.cscd,
    PHNO: c.phno,
    MAIL: c.email.trim(),
  };
}

export function createCustomerClient(opts: CustomerClientOptions): CustomerClient {
  const { mi } = opts;
  const derived = (opts.numbering ?? 'derived') === 'derived';
  const prefix = opts.numberPrefix ?? DEFAULT_CUNO_PREFIX;
  async function getAddress(cuno: string, adrt: string, adid: string): Promise<MiRecord | undefined> {
    try {
      const [rec] = await mi.execute('CRS610MI', 'GetAddress', { CUNO: cuno, ADRT: adrt, ADID: adid });
      return rec;
    } catch (err) {
      if (isAppError(err) && err.details?.['m3Category'] === 'not-found') return undefined;
      throw err;
    }
  }
  return {
    async findByEmail(c) {
      const email = normalEmail(c.email);
      if (derived) {
        // a customer this integration created: found by number, whatever it is called in M3 now
        const cuno = derivedCuno(email, prefix);
        try {
          const [rec] = await mi.execute('CRS610MI', 'GetBasicData', { CUNO: cuno });
          if (normalEmail(rec?.['MAIL'] ?? '') === email) return cuno;
        } catch (err) {
          if (!unknownCustomer(err)) throw err;
        }
      }
      const name = c.cunm.trim();
      const records = await mi.execute(
        'CRS610MI',
        'LstByName',
        { CUNM: name },
        { maxrecs: opts.lookupMaxrecs, returncols: ['CUNO', 'CUNM', 'MAIL', 'STAT'] },
      );
      const hits = records
        .filter((r) => r['CUNM'] === name && normalEmail(r['MAIL'] ?? '') === email && r['CUNO'])
        .map((r) => r['CUNO']!);
      if (hits.length > 1) opts.onDuplicateEmail?.({ kept: hits[0]!, others: hits.slice(1) });
      return hits[0];
    },
    async add(c) {
      const input = { CUTM: c.cutm.trim() || undefined, ...basicData(c) };
      if (derived) {
        const wanted = derivedCuno(c.email, prefix);
        try {
          await mi.execute('CRS610MI', 'Add', { ...input, CUNO: wanted });
          return { cuno: wanted, existed: false };
        } catch (err) {
          if (!alreadyExists(err)) throw err;
          const [existing] = await mi.execute('CRS610MI', 'GetBasicData', { CUNO: wanted });
          // the same customer, created by a concurrent writer (or by an earlier attempt whose answer was lost)
          if (normalEmail(existing?.['MAIL'] ?? '') === normalEmail(c.email)) return { cuno: wanted, existed: true };
          // a digest collision with another customer: M3's number series decides
        }
      }
      const [rec] = await mi.execute('CRS610MI', 'Add', input);
      const cuno = rec?.['CUNO'];
      if (!cuno) throw new Error('CRS610MI/Add answered OK without a CUNO');
      return { cuno, existed: false };
    },
    async change(cuno, c, fields) {
      const data = basicData(c);
      const input = fields
        ? Object.fromEntries(fields.filter((f) => f in data).map((f) => [f, data[f] ?? null]))
        : data;
      await mi.execute('CRS610MI', 'ChgBasicData', { CUNO: cuno, ...input });
    },
    async setStatus(cuno, stat) {
      await mi.execute('CRS610MI', 'ChgBasicData', { CUNO: cuno, STAT: stat });
    },
    getAddress,
    async putAddress(cuno, a) {
      const values: Record<string, string | null> = {
        CUNM: a.cunm,
        CUA1: a.cua1,
        CUA2: a.cua2,
        CUA3: a.cua3,
        CUA4: a.cua4,
        PONO: a.pono,
        TOWN: a.town,
        CSCD: a.cscd,
        PHNO: a.phno,
      };
      const key = { CUNO: cuno, ADRT: a.adrt, ADID: a.adid };
      const current = await getAddress(cuno, a.adrt, a.adid);
      if (!current) {
        await mi.execute('CRS610MI', 'AddAddress', { ...key, ...values });
        return 'added';
      }
      const same = Object.entries(values).every(([k, v]) => (current[k] ?? '').trim() === (v ?? '').trim());
      if (same) return 'unchanged';
      await mi.execute('CRS610MI', 'ChgAddress', { ...key, ...values });
      return 'changed';
    },
  };
}
