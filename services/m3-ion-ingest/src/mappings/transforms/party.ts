// Named transforms reading a CustomerPartyMaster noun (the XML view, Location and Address as lists): its
// postal address, phone, e-mail and customer type. Channel codes are compared without case, '-' or spaces.
import { attr, list, text, type XmlNode } from '../../bod/xml';
import { transform } from '@m3mage/runtime/mapping';

const channel = (code: string | undefined): string => (code ?? '').toLowerCase().replace(/[\s-]/g, '');

export const postalAddress = transform<XmlNode[], XmlNode>(
  'postalAddress',
  "the first Address of the Locations that is not of @type 'Discrete' (the street/building form)",
  (locations) =>
    locations.flatMap((l) => list(l, 'Address')).find((a) => attr(a, 'type')?.toLowerCase() !== 'discrete'),
);

export const addressLine = (n: number) =>
  transform<XmlNode, string>(
    `addressLine(${n})`,
    `AddressLine ${n}: the one with @sequence ${n} where lines have a @sequence, else the ${n}. line`,
    (address) => {
      const lines = list(address, 'AddressLine');
      const bySequence = lines.find((l) => attr(l, 'sequence') === String(n));
      return text(bySequence ?? (lines.some((l) => attr(l, 'sequence') !== undefined) ? undefined : lines[n - 1]));
    },
  );

export const addressPart = (element: string) =>
  transform<XmlNode, string>(`addressPart(${element})`, `the address's ${element}`, (address) =>
    text(address, element),
  );

/** Communication of the noun, else of its Locations (OAGIS allows both). */
function communications(party: XmlNode): XmlNode[] {
  const own = list(party, 'Communication');
  return own.length > 0 ? own : list(party, 'Location').flatMap((l) => list(l, 'Communication'));
}

export const phone = transform<XmlNode, string>(
  'phone',
  "DialNumber of the first Communication with ChannelCode 'Phone' (or 'Telephone') whose UseCode is not 'Fax'; " +
    'Communication of the noun, else of its Locations',
  (party) =>
    text(
      communications(party).find(
        (c) =>
          ['phone', 'telephone'].includes(channel(text(c, 'ChannelCode'))) && channel(text(c, 'UseCode')) !== 'fax',
      ),
      'DialNumber',
    ),
);

export const email = transform<XmlNode, string>(
  'email',
  "URI of the first Communication with ChannelCode 'EMail'; Communication of the noun, else of its Locations",
  (party) =>
    text(
      communications(party).find((c) => channel(text(c, 'ChannelCode')) === 'email'),
      'URI',
    ),
);

export const customerType = transform<XmlNode[], string>(
  'customerType',
  "the Codes/Code with @listID 'Customer Type' (any case; the first one given)",
  (classifications) => {
    for (const c of classifications)
      for (const code of list(c['Codes'], 'Code'))
        if (attr(code, 'listID')?.toLowerCase() === 'customer type') return text(code);
    return undefined;
  },
);
