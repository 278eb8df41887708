// An M3 customer (OCUSMA, CRS610) as the change record carries it (m3mage.m3.M3Customer), from MI field names:
// a CRS610MI LstByNumber record, or a Sync.CustomerPartyMaster BOD read into the same names
// (mappings/customer-party-master.mapping.ts), so both sources describe a customer the same way. Values are
// trimmed, blanks become null, the address lines CUA1..CUA4 are kept up to the last non-blank one. Messages
// name the customer by CUNO only: no name, e-mail or phone ever reaches a log line or an error text.
import type { M3Customer } from '@m3mage/schemas/types';
import type { ChangeStamp } from '../items/change-stamp';
import { blankToNull } from '../items/item-record';

/** Why a customer record cannot become a change (no CUNO, no status, a CUTP that is not a digit). */
export class UnmappableCustomer extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnmappableCustomer';
  }
}

export type CustomerFields = Readonly<Record<string, string | undefined>>;

/** A customer without its change stamp: what decides "changed". */
export type CustomerContent = Omit<M3Customer, 'changedAt' | 'changeStamp'>;

const ADDRESS_LINES = ['CUA1', 'CUA2', 'CUA3', 'CUA4'] as const;

/** CUA1..CUA4, up to the last non-blank line (a blank line between two kept as ''). */
export function addressLinesOf(f: CustomerFields): string[] {
  const lines = ADDRESS_LINES.map((k) => f[k]?.trim() ?? '');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** MI field names → the customer without its stamp. */
export function customerContentOf(f: CustomerFields): CustomerContent {
  const cuno = blankToNull(f.CUNO);
  if (cuno === null) throw new UnmappableCustomer('customer record without CUNO');
  const status = blankToNull(f.STAT);
  if (status === null) throw new UnmappableCustomer(`customer ${cuno}: no status (STAT)`);
  const customerType = blankToNull(f.CUTP);
  if (customerType !== null && !/^\d$/.test(customerType))
    throw new UnmappableCustomer(`customer ${cuno}: customer type (CUTP) is not one digit`);
  return {
    cuno,
    name: blankToNull(f.CUNM) ?? '',
    email: blankToNull(f.MAIL),
    phone: blankToNull(f.PHNO),
    status,
    customerType,
    addressLines: addressLinesOf(f),
    postcode: blankToNull(f.PONO),
    town: blankToNull(f.TOWN),
    country: blankToNull(f.CSCD),
  };
}

export const stamped = (content: CustomerContent, stamp: ChangeStamp): M3Customer => ({
  ...content,
  changedAt: stamp.at,
  changeStamp: stamp.stamp,
});
