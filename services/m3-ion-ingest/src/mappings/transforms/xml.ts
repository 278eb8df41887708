// Named transforms that read the XML view of a BOD (bod/xml-view.ts) where a plain path cannot.
import { transform } from '@m3mage/runtime/mapping';
import { text, type XmlNode } from '../../bod/xml';

/** The text of an element as `text` reads it: of its first occurrence, `#text` when it has attributes, trimmed. */
export const xmlText = transform<unknown, string>(
  'xmlText',
  'the text of the element (its first occurrence), trimmed; blank counts as empty',
  (element) => text(element),
);

/** The order a document belongs to: its header's SalesOrderReference, else its first line's. */
export const orderReference = (header: string, line: string) =>
  transform<XmlNode, string>(
    `orderReference(${line})`,
    `${header}/SalesOrderReference/DocumentID/ID, else the SalesOrderReference/DocumentID/ID of the first ${line}`,
    (noun) =>
      text(noun, header, 'SalesOrderReference', 'DocumentID', 'ID') ??
      text(noun[line], 'SalesOrderReference', 'DocumentID', 'ID'),
  );
