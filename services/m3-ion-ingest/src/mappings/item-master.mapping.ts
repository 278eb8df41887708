// SyncItemMaster → cdc.m3.item.v1 (m3mage.m3.Item), keyed by ITNO. No real M3 ItemMaster BOD sample was
// available: the paths are the OAGIS ItemMasterHeader layout, assumed (MASTER-DATA-NOTES §1; README):
//   ITNO  ItemMasterHeader/ItemID/ID (@variationID)
//   ITDS  ItemMasterHeader/Description (the one without @type);  FUDS  Description[@type='Long']
//   STAT  ItemMasterHeader/Status/Code;  UNMS BaseUOMCode;  ITTY ItemType
//   ITGR / ITCL / HIE1..5   Classification/Codes/Code[@listID='Item Group' | 'Product Group' | 'Hierarchy n']
//   NEWE / GRWE  ItemWeight/NetWeightMeasure, ItemWeight/GrossWeightMeasure
//   change stamp  UserArea/Property/NameValue[@name='LMTS'], else ItemMasterHeader/LastModificationDateTime
// Standard M3 BODs carry no price (MASTER-DATA-NOTES §1): the ingest adds it from the price source.
import type { Bod } from '../bod/bod';
import { attr, list, text, type XmlNode } from '../bod/xml';
import type { Item } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { fromIso, fromLmts } from '../items/change-stamp';
import { itemOf, UnmappableItem } from '../items/item-record';
import { change, identity, UnmappableBod, type MappedBod } from './common.mapping';

const CLASSIFICATION_FIELDS: Readonly<Record<string, string>> = Object.freeze({
  'item group': 'ITGR',
  'product group': 'ITCL',
  'hierarchy 1': 'HIE1',
  'hierarchy 2': 'HIE2',
  'hierarchy 3': 'HIE3',
  'hierarchy 4': 'HIE4',
  'hierarchy 5': 'HIE5',
});

/** `Codes/Code` of every Classification, by the MI field its @listID names. */
function classifications(head: unknown): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const c of list(head, 'Classification')) {
    const codes = (c['Codes'] ?? {}) as XmlNode;
    const all = Array.isArray(codes['Code']) ? (codes['Code'] as unknown[]) : [codes['Code']];
    for (const code of all) {
      const field = CLASSIFICATION_FIELDS[(attr(code, 'listID') ?? '').toLowerCase()];
      if (field) out[field] = text(code);
    }
  }
  return out;
}

/** UserArea/Property/NameValue by @name. */
function userArea(head: unknown, name: string): string | undefined {
  for (const p of list((head as XmlNode | undefined)?.['UserArea'], 'Property'))
    for (const nv of list(p, 'NameValue')) if (attr(nv, 'name') === name) return text(nv);
  return undefined;
}

export function mapItemMaster(bod: Bod, now: number): MappedBod<Item> {
  const head = bod.nounNode['ItemMasterHeader'];
  const { documentId, variationId } = identity(bod, 'ItemMasterHeader', 'ItemID', 'ID');
  const descriptions = list(head, 'Description');
  const plain = descriptions.find((d) => attr(d, 'type') === undefined) ?? descriptions[0];
  const long = descriptions.find((d) => attr(d, 'type')?.toLowerCase() === 'long');
  const stamp = fromLmts(userArea(head, 'LMTS')) ?? fromIso(text(head, 'LastModificationDateTime'));
  let item: Item;
  try {
    item = itemOf(
      {
        ITNO: documentId,
        ITDS: plain === undefined ? undefined : text(plain),
        FUDS: long === undefined ? undefined : text(long),
        STAT: text(head, 'Status', 'Code'),
        UNMS: text(head, 'BaseUOMCode'),
        ITTY: text(head, 'ItemType'),
        NEWE: text(head, 'ItemWeight', 'NetWeightMeasure'),
        GRWE: text(head, 'ItemWeight', 'GrossWeightMeasure'),
        ...classifications(head),
      },
      stamp,
    );
  } catch (e) {
    if (e instanceof UnmappableItem)
      throw new UnmappableBod(`${e.message} (ItemMasterHeader: UserArea LMTS or LastModificationDateTime)`);
    throw e;
  }
  if (item.status === '') throw new UnmappableBod('ItemMasterHeader/Status/Code (STAT) is missing');
  return {
    topic: TOPIC.cdcM3Item,
    key: documentId,
    documentId,
    variationId,
    change: change(bod, 'item', documentId, variationId, item, now),
  };
}
