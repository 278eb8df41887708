// SyncCustomerPartyMaster → cdc.m3.customer.v1 (m3mage.m3.M3Customer), keyed by CUNO. No real M3 CustomerPartyMaster
// BOD sample was available (MASTER-DATA-NOTES §3): the paths are the OAGIS CustomerPartyMaster noun as a public
// InforOAGIS/2 ProcessCustomerPartyMaster (versionID 2.12.x) lays it out, assumed (README). The table reads the
// noun into CRS610MI field names; the customer rules are those of the MI poll (customers/customer-record.ts).
// op: ActionCriteria/ActionExpression/@actionCode (Add → c, Delete → d with `before` and then a tombstone, else u).
// CurrencyCode is not read.
import type { Bod } from '../bod/bod';
import type { XmlNode } from '../bod/xml';
import { xmlView } from '../bod/xml-view';
import { defineMapping, from, type Field, type Transform } from '@m3mage/runtime/mapping';
import type { M3Customer } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { customerContentOf, stamped, UnmappableCustomer } from '../customers/customer-record';
import type { ChangeStamp } from '../items/change-stamp';
import { change, identity, UnmappableBod, type MappedBod } from './common.mapping';
import { mapOrRefuse } from './refusal';
import { addressLine, addressPart, customerType, email, phone, postalAddress } from './transforms/party';
import { isoChangeStamp } from './transforms/values';
import { xmlText } from './transforms/xml';

const NOUN = 'CustomerPartyMaster';

type MiField =
  'CUNM' | 'CUA1' | 'CUA2' | 'CUA3' | 'CUA4' | 'PONO' | 'TOWN' | 'CSCD' | 'PHNO' | 'MAIL' | 'STAT' | 'CUTP';

/** The noun in MI field names, and its change stamp. */
export type CustomerPartyFields = { CUNO: string } & { [F in MiField]?: string } & { changed: ChangeStamp };

/** A part of the postal address. */
const address = (read: Transform<XmlNode, string>): Field<true> => from('Location').via(postalAddress).via(read).omit();

export const customerPartyMapping = defineMapping<XmlNode, CustomerPartyFields>(
  {
    CUNO: from('PartyIDs.ID')
      .via(xmlText)
      .required(`${NOUN}/PartyIDs/ID is missing`)
      .describe('the key; its @variationID orders the versions'),
    CUNM: from('Name').via(xmlText).omit(),
    CUA1: address(addressLine(1)),
    CUA2: address(addressLine(2)),
    CUA3: address(addressLine(3)),
    CUA4: address(addressLine(4)),
    PONO: address(addressPart('PostalCode')),
    TOWN: address(addressPart('CityName')),
    CSCD: address(addressPart('CountryCode')),
    PHNO: from().via(phone).omit(),
    MAIL: from().via(email).omit(),
    STAT: from('Status.Code').via(xmlText).omit().describe('without it the BOD is refused'),
    CUTP: from('Classification').via(customerType).omit().describe('one digit, or the BOD is refused'),
    changed: from('LastModificationDateTime')
      .via(xmlText)
      .via(isoChangeStamp)
      .required(`${NOUN}/LastModificationDateTime is missing or not ISO-8601 with a zone`)
      .describe('changedAt and changeStamp'),
  },
  {
    name: 'm3-customer-party-master',
    title: 'Customer (SyncCustomerPartyMaster BOD → CRS610MI customer fields)',
    description:
      'A SyncCustomerPartyMaster BOD is read into the CRS610MI field names of a customer; from there the customer ' +
      'is built by the same rules as a polled one (blanks are null, address lines up to the last non-blank one).',
  },
);

/** Where a refused MI field is read, for the message. */
const WHERE: Readonly<Record<string, string>> = Object.freeze({
  STAT: 'Status/Code',
  CUTP: "Classification/Codes/Code[@listID='Customer Type']",
});

/** The customer of the BOD; Location, its Address and Classification/Codes/Code are read as lists. */
function customerOfBod(bod: Bod): M3Customer {
  const { changed, ...fields } = mapOrRefuse(
    customerPartyMapping,
    xmlView(bod.nounNode, ['Location', 'Address', 'Code']),
  );
  try {
    return stamped(customerContentOf(fields), changed);
  } catch (e) {
    if (e instanceof UnmappableCustomer)
      throw new UnmappableBod(
        e.message.replace(/\((\w{4})\)/, (m, f: string) => (WHERE[f] ? `(${f}: ${NOUN}/${WHERE[f]})` : m)),
      );
    throw e;
  }
}

export function mapCustomerPartyMaster(bod: Bod, now: number): MappedBod<M3Customer> {
  const { documentId, variationId } = identity(bod, 'PartyIDs', 'ID');
  const customer = customerOfBod(bod);
  return {
    topic: TOPIC.cdcM3Customer,
    key: documentId,
    documentId,
    variationId,
    change: change(bod, 'customer', documentId, variationId, customer, now),
    tombstoneOnDelete: true,
  };
}
