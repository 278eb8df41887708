// SyncCustomerPartyMaster → cdc.m3.customer.v1 (m3mage.m3.M3Customer), keyed by CUNO. No real M3 CustomerPartyMaster
// BOD sample was available (MASTER-DATA-NOTES §3): the paths are the OAGIS CustomerPartyMaster noun as a public
// InforOAGIS/2 ProcessCustomerPartyMaster (versionID 2.12.x) lays it out, assumed (README), below DataArea/CustomerPartyMaster:
//   CUNO  PartyIDs/ID (@variationID: the freshness guard)
//   CUNM  Name
//   CUA1..CUA4  Location/Address/AddressLine, by @sequence (else in order); the Address with @type 'Discrete' is skipped
//   PONO / TOWN / CSCD  Location/Address/PostalCode, CityName, CountryCode
//   PHNO  Communication[ChannelCode='Phone' and UseCode not 'Fax']/DialNumber (the first)
//   MAIL  Communication[ChannelCode='EMail']/URI   (channel codes compared without case, '-' or spaces)
//   STAT  Status/Code
//   CUTP  Classification/Codes/Code[@listID='Customer Type']
//   changedAt / changeStamp  LastModificationDateTime (ISO-8601 with a zone → epoch ms), required
//   op    ActionCriteria/ActionExpression/@actionCode (Add → c, Delete → d with `before` and then a tombstone, else u)
// Communication is read from the noun, else from its Location (OAGIS allows both). CurrencyCode is not read.
import type { Bod } from '../bod/bod';
import { attr, list, text, type XmlNode } from '../bod/xml';
import type { M3Customer } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { customerContentOf, stamped, UnmappableCustomer } from '../customers/customer-record';
import { fromIso } from '../items/change-stamp';
import { change, identity, UnmappableBod, type MappedBod } from './common.mapping';

const NOUN = 'CustomerPartyMaster';
const channel = (code: string | undefined): string => (code ?? '').toLowerCase().replace(/[\s-]/g, '');

/** The postal address: the first Address of a Location that is not the 'Discrete' (street/building) form. */
function address(party: XmlNode): XmlNode | undefined {
  const all = list(party, 'Location').flatMap((l) => list(l, 'Address'));
  return all.find((a) => attr(a, 'type')?.toLowerCase() !== 'discrete');
}

/** AddressLine n (1-based), by @sequence where given, else by position. */
function addressLine(party: XmlNode, n: number): string | undefined {
  const lines = list(address(party), 'AddressLine');
  const bySequence = lines.find((l) => attr(l, 'sequence') === String(n));
  return text(bySequence ?? (lines.some((l) => attr(l, 'sequence') !== undefined) ? undefined : lines[n - 1]));
}

function communications(party: XmlNode): XmlNode[] {
  const own = list(party, 'Communication');
  return own.length > 0 ? own : list(party, 'Location').flatMap((l) => list(l, 'Communication'));
}

const phone = (party: XmlNode): string | undefined =>
  text(
    communications(party).find(
      (c) => ['phone', 'telephone'].includes(channel(text(c, 'ChannelCode'))) && channel(text(c, 'UseCode')) !== 'fax',
    ),
    'DialNumber',
  );

const email = (party: XmlNode): string | undefined =>
  text(
    communications(party).find((c) => channel(text(c, 'ChannelCode')) === 'email'),
    'URI',
  );

/** Classification/Codes/Code whose @listID is `listId` (compared without case). */
function classification(party: XmlNode, listId: string): string | undefined {
  for (const c of list(party, 'Classification'))
    for (const code of list(c['Codes'], 'Code')) if (attr(code, 'listID')?.toLowerCase() === listId) return text(code);
  return undefined;
}

/** Where a refused MI field is read, for the message. */
const WHERE: Readonly<Record<string, string>> = Object.freeze({
  STAT: 'Status/Code',
  CUTP: "Classification/Codes/Code[@listID='Customer Type']",
});

/** MI field → where it is read in the noun. */
const FIELDS: Readonly<Record<string, (party: XmlNode) => string | undefined>> = Object.freeze({
  CUNM: (p) => text(p, 'Name'),
  CUA1: (p) => addressLine(p, 1),
  CUA2: (p) => addressLine(p, 2),
  CUA3: (p) => addressLine(p, 3),
  CUA4: (p) => addressLine(p, 4),
  PONO: (p) => text(address(p), 'PostalCode'),
  TOWN: (p) => text(address(p), 'CityName'),
  CSCD: (p) => text(address(p), 'CountryCode'),
  PHNO: phone,
  MAIL: email,
  STAT: (p) => text(p, 'Status', 'Code'),
  CUTP: (p) => classification(p, 'customer type'),
});

export function mapCustomerPartyMaster(bod: Bod, now: number): MappedBod<M3Customer> {
  const party = bod.nounNode;
  const { documentId, variationId } = identity(bod, 'PartyIDs', 'ID');
  const stamp = fromIso(text(party, 'LastModificationDateTime'));
  if (!stamp) throw new UnmappableBod(`${NOUN}/LastModificationDateTime is missing or not ISO-8601 with a zone`);
  const fields: Record<string, string | undefined> = { CUNO: documentId };
  for (const [field, read] of Object.entries(FIELDS)) fields[field] = read(party);
  let customer: M3Customer;
  try {
    customer = stamped(customerContentOf(fields), stamp);
  } catch (e) {
    if (e instanceof UnmappableCustomer)
      throw new UnmappableBod(
        e.message.replace(/\((\w{4})\)/, (m, f: string) => (WHERE[f] ? `(${f}: ${NOUN}/${WHERE[f]})` : m)),
      );
    throw e;
  }
  return {
    topic: TOPIC.cdcM3Customer,
    key: documentId,
    documentId,
    variationId,
    change: change(bod, 'customer', documentId, variationId, customer, now),
    tombstoneOnDelete: true,
  };
}
