// CRS610MI operations on M3 customers. M3 has no "find by e-mail" transaction: MAIL is an output of
// LstByName, which positions at a customer name and reads forward (FORMAT-NOTES B 21); so the look-up
// lists the customers of that exact name and compares their e-mail.
import type { CustomerData } from '@m3mage/schemas/types';
import type { MiClient } from './mi.client';

export interface CustomerClient {
  /** CUNO of the customer with this name and e-mail (case-insensitive), if M3 has one. */
  findByEmail(customer: CustomerData): Promise<string | undefined>;
  /** CRS610MI Add from the template; returns the new CUNO. */
  add(customer: CustomerData): Promise<string>;
  /** CRS610MI ChgBasicData: name, address lines, postal data, phone, e-mail. */
  change(cuno: string, customer: CustomerData): Promise<void>;
}

export interface CustomerClientOptions {
  mi: MiClient;
  /** CUTM used when the command carries none. */
  defaultTemplate: string;
  /** Records read by LstByName (customers sharing one name). */
  lookupMaxrecs: number;
}

export const normalEmail = (email: string): string => email.trim().toLowerCase();

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
  return {
    async findByEmail(c) {
      const name = c.cunm.trim();
      const email = normalEmail(c.email);
      const records = await mi.execute(
        'CRS610MI',
        'LstByName',
        { CUNM: name },
        { maxrecs: opts.lookupMaxrecs, returncols: ['CUNO', 'CUNM', 'MAIL', 'STAT'] },
      );
      const hit = records.find((r) => r['CUNM'] === name && normalEmail(r['MAIL'] ?? '') === email);
      return hit?.['CUNO'] || undefined;
    },
    async add(c) {
      const [rec] = await mi.execute('CRS610MI', 'Add', {
        CUTM: c.cutm.trim() || opts.defaultTemplate,
        ...basicData(c),
      });
      const cuno = rec?.['CUNO'];
      if (!cuno) throw new Error('CRS610MI/Add answered OK without a CUNO');
      return cuno;
    },
    async change(cuno, c) {
      await mi.execute('CRS610MI', 'ChgBasicData', { CUNO: cuno, ...basicData(c) });
    },
  };
}
