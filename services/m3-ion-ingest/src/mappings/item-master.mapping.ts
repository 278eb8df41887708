// SyncItemMaster → cdc.m3.item.v1 (m3mage.m3.Item), keyed by ITNO. No real M3 ItemMaster BOD sample was
// available: the paths are the OAGIS ItemMasterHeader layout, assumed (MASTER-DATA-NOTES §1; README). The table
// reads the BOD into MMS200MI field names; the item rules are those of the MI poll (items/item-record.ts itemOf).
// Standard M3 BODs carry no price (MASTER-DATA-NOTES §1): the ingest adds it from the price source.
import type { Bod } from '../bod/bod';
import { attr, list, text, type XmlNode } from '../bod/xml';
import { xmlView } from '../bod/xml-view';
import { defineMapping, from, transform, type Field } from '@m3mage/runtime/mapping';
import type { Item } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { fromLmts, type ChangeStamp } from '../items/change-stamp';
import { itemOf, UnmappableItem } from '../items/item-record';
import { change, identity, UnmappableBod, type MappedBod } from './common.mapping';
import { mapOrRefuse } from './refusal';
import { isoChangeStamp } from './transforms/values';
import { xmlText } from './transforms/xml';

type MiField = 'ITDS' | 'FUDS' | 'STAT' | 'UNMS' | 'ITTY' | 'NEWE' | 'GRWE' | 'ITGR' | 'ITCL' | 'LMTS';
type Hierarchy = 'HIE1' | 'HIE2' | 'HIE3' | 'HIE4' | 'HIE5';

/** The BOD in MI field names, and its LastModificationDateTime. */
export type ItemMasterFields = { ITNO: string } & { [F in MiField | Hierarchy]?: string } & {
  modifiedAt?: ChangeStamp;
};

const plainDescription = transform<XmlNode[], string>(
  'plainDescription',
  'the Description without @type, else the first Description',
  (all) => text(all.find((d) => attr(d, 'type') === undefined) ?? all[0]),
);

const longDescription = transform<XmlNode[], string>(
  'longDescription',
  "the Description with @type 'Long' (any case)",
  (all) => text(all.find((d) => attr(d, 'type')?.toLowerCase() === 'long')),
);

/** Codes/Code of the Classifications whose @listID is `listId` (any case); the last one given wins. */
const classification = (listId: string) =>
  transform<XmlNode[], string>(
    `classification(${listId})`,
    `the Codes/Code with @listID '${listId}' (any case; the last one given)`,
    (all) => {
      let code: string | undefined;
      for (const c of all)
        for (const el of list(c['Codes'], 'Code'))
          if ((attr(el, 'listID') ?? '').toLowerCase() === listId.toLowerCase()) code = text(el);
      return code;
    },
  );

const userArea = (name: string) =>
  transform<XmlNode[], string>(`userArea(${name})`, `the Property/NameValue with @name '${name}'`, (properties) => {
    for (const p of properties) for (const nv of list(p, 'NameValue')) if (attr(nv, 'name') === name) return text(nv);
    return undefined;
  });

const head = (path: string): Field<false> => from(`ItemMasterHeader.${path}`);
const hierarchy = (n: number): Field<true> =>
  head('Classification')
    .via(classification(`Hierarchy ${n}`))
    .omit()
    .describe(`hierarchy level ${n}`);

export const itemMasterMapping = defineMapping<XmlNode, ItemMasterFields>(
  {
    ITNO: head('ItemID.ID').via(xmlText).required('ItemMaster/ItemMasterHeader/ItemID/ID is missing'),
    ITDS: head('Description').via(plainDescription).omit().describe('the name; without it, ITNO'),
    FUDS: head('Description').via(longDescription).omit(),
    STAT: head('Status.Code').via(xmlText).omit().describe('without it the BOD is refused (after the item rules)'),
    UNMS: head('BaseUOMCode').via(xmlText).omit(),
    ITTY: head('ItemType').via(xmlText).omit(),
    NEWE: head('ItemWeight.NetWeightMeasure').via(xmlText).omit().describe('a decimal number'),
    GRWE: head('ItemWeight.GrossWeightMeasure').via(xmlText).omit().describe('a decimal number'),
    ITGR: head('Classification').via(classification('Item Group')).omit(),
    ITCL: head('Classification').via(classification('Product Group')).omit(),
    HIE1: hierarchy(1),
    HIE2: hierarchy(2),
    HIE3: hierarchy(3),
    HIE4: hierarchy(4),
    HIE5: hierarchy(5),
    LMTS: head('UserArea.Property').via(userArea('LMTS')).omit().describe('the change stamp, when given'),
    modifiedAt: head('LastModificationDateTime')
      .via(xmlText)
      .via(isoChangeStamp)
      .omit()
      .describe('the change stamp without LMTS'),
  },
  {
    name: 'm3-item-master',
    title: 'Item (SyncItemMaster BOD → MMS200MI item fields)',
    description:
      'A SyncItemMaster BOD is read into the MMS200MI field names of an item; from there the item is built by the ' +
      'same rules as a polled one (name ITDS else ITNO, decimals exact, hierarchy up to the first blank level).',
  },
);

/** The item of the BOD; Classification/Codes/Code is read as a list (several codes in one Classification). */
function itemOfBod(bod: Bod): Item {
  const { modifiedAt, ...fields } = mapOrRefuse(itemMasterMapping, xmlView(bod.nounNode, ['Code']));
  try {
    return itemOf(fields, fromLmts(fields.LMTS) ?? modifiedAt);
  } catch (e) {
    if (e instanceof UnmappableItem)
      throw new UnmappableBod(`${e.message} (ItemMasterHeader: UserArea LMTS or LastModificationDateTime)`);
    throw e;
  }
}

export function mapItemMaster(bod: Bod, now: number): MappedBod<Item> {
  const { documentId, variationId } = identity(bod, 'ItemMasterHeader', 'ItemID', 'ID');
  const item = itemOfBod(bod);
  if (item.status === '') throw new UnmappableBod('ItemMasterHeader/Status/Code (STAT) is missing');
  return {
    topic: TOPIC.cdcM3Item,
    key: documentId,
    documentId,
    variationId,
    change: change(bod, 'item', documentId, variationId, item, now),
  };
}
