import { headRecord } from '../state/orders';
import type { M3State } from '../state/store';
import type { Balance, Noun } from '../state/types';
import { balanceRecord } from '../transactions/balance-record';

export const LOGICAL_ID = 'lid://infor.m3be.m3be ';

/** An XML tree for XMLBuilder: attributes prefixed `@_`, text in `#text`. */
export type XmlNode = Record<string, unknown>;

export interface NounSnapshot {
  /** Document id (ORNO, DLIX, IVNO, ITNO, CUNO; WHLO@ITNO for InventoryCount, ITNO@WHLO for LS_ItemStock). */
  id: string;
  /** Element name of the noun, e.g. SalesOrder. */
  element: Noun;
  /** Text of the identifier element (default: the document id). */
  idText?: string;
  /** `location` of the identifier element and Sync/LocationID (default: the company's facility). */
  location?: string;
  /** The noun's children; the identifier element carries the variationID placeholder. */
  build: (idElement: XmlNode) => XmlNode;
}

const isoDate = (yyyymmdd: string): string =>
  yyyymmdd.length === 8 ? `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}` : yyyymmdd;
const amount = (value: number | string, currency: string): XmlNode => ({
  '#text': String(value),
  '@_currencyID': currency,
});
const qty = (value: number, unit = 'PCS'): XmlNode => ({ '#text': String(value), '@_unitCode': unit });
const ref = (id: string): XmlNode => ({ DocumentID: { ID: id } });

/** Classification lists of the ItemMaster BOD, in this order; only codes the item has are sent. */
const CLASSIFICATIONS: Array<[field: string, listID: string]> = [
  ['ITGR', 'Item Group'],
  ['ITCL', 'Product Group'],
  ['HIE1', 'Hierarchy 1'],
  ['HIE2', 'Hierarchy 2'],
  ['HIE3', 'Hierarchy 3'],
  ['HIE4', 'Hierarchy 4'],
  ['HIE5', 'Hierarchy 5'],
];

/**
 * ItemMasterHeader in the OAGIS layout (no public M3 sample exists; MASTER-DATA-NOTES §1). LastModificationDateTime
 * is LMTS as ISO-8601 UTC with milliseconds. UserArea carries LMTS itself and the MITMAS sales price SAPR/CUCS:
 * standard M3 puts no price in ItemMaster, so this is the simulator's LeanSwift-style custom extension.
 */
function itemMasterHeader(item: Record<string, string>, idEl: XmlNode): XmlNode {
  const lmts = item.LMTS ?? '0';
  return {
    ItemID: { ID: idEl },
    Description: [item.ITDS ?? '', { '#text': item.FUDS ?? '', '@_type': 'Long' }],
    Status: { Code: item.STAT },
    BaseUOMCode: item.UNMS,
    ItemType: item.ITTY,
    Classification: CLASSIFICATIONS.filter(([f]) => (item[f] ?? '') !== '').map(([f, listID]) => ({
      Codes: { Code: { '#text': item[f], '@_listID': listID } },
    })),
    ItemWeight: { NetWeightMeasure: item.NEWE ?? '0', GrossWeightMeasure: item.GRWE ?? '0' },
    LastModificationDateTime: new Date(Number(lmts)).toISOString(),
    UserArea: {
      Property: [
        ['LMTS', lmts],
        ['SAPR', item.SAPR ?? '0'],
        ['CUCS', item.CUCS ?? ''],
      ].map(([name, value]) => ({ NameValue: { '#text': value, '@_name': name } })),
    },
  };
}

/**
 * LS_ItemStock, LeanSwift's custom stock BOD: no public sample exists, so this is the layout m3-ion-ingest assumes
 * (its mappings/balance.mapping.ts), from the OAGIS InventoryBalance noun: ItemID/ID = ITNO, Facility/ID = WHLO,
 * Quantity = STQT, AllocatedQuantity = ALQT, AllocatableQuantity = AVAL, AllocatableNetQuantity = AV01 (each
 * with @unitCode = the item's UNMS), TransactionDateTime = TRDT/TRTM of the last stock transaction (when there is
 * one), LastModificationDateTime = LMTS (any change, allocation too) as ISO-8601 UTC with milliseconds.
 */
function itemStock(state: M3State, b: Balance, idEl: XmlNode): XmlNode {
  const mi = balanceRecord(state, b);
  const unit = state.items.get(b.ITNO)?.UNMS || 'PCS';
  const q = (value: string): XmlNode => ({ '#text': value, '@_unitCode': unit });
  const trtm = String(b.TRTM ?? 0).padStart(6, '0');
  const transacted = b.TRDT
    ? `${isoDate(b.TRDT)}T${trtm.slice(0, 2)}:${trtm.slice(2, 4)}:${trtm.slice(4, 6)}Z`
    : undefined;
  const modified = b.LMTS ?? Date.parse(`${isoDate(b.LMDT ?? state.today())}T00:00:00Z`);
  return {
    ItemID: { ID: idEl },
    Facility: { ID: b.WHLO },
    Quantity: q(mi.STQT ?? '0'),
    AllocatedQuantity: q(mi.ALQT ?? '0'),
    AllocatableQuantity: q(mi.AVAL ?? '0'),
    AllocatableNetQuantity: q(mi.AV01 ?? '0'),
    ...(transacted ? { TransactionDateTime: transacted } : {}),
    LastModificationDateTime: new Date(modified).toISOString(),
  };
}

/**
 * CustomerPartyMaster in the layout m3-ion-ingest assumes (its mappings/customer-party-master.mapping.ts; no public M3
 * sample exists, MASTER-DATA-NOTES §3), after a public InforOAGIS/2 ProcessCustomerPartyMaster: PartyIDs/ID = CUNO,
 * Name = CUNM, Location/Address[@type='Text'] with AddressLine[@sequence 1..4] = CUA1..CUA4 (blank ones sent empty),
 * CityName = TOWN, CountryCode = CSCD, PostalCode = PONO; Communication Phone/Office (DialNumber = PHNO), Phone/Fax
 * (TFNO) and EMail (URI = MAIL), each only when set; Classification/Codes/Code[@listID='Customer Type'] = CUTP;
 * LastModificationDateTime = LMTS as ISO-8601 UTC with milliseconds; Status/Code = STAT; CurrencyCode = CUCD.
 */
function customerPartyMaster(r: Record<string, string>, idEl: XmlNode): XmlNode {
  const set = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';
  return {
    PartyIDs: { ID: idEl },
    Name: r.CUNM ?? '',
    Location: {
      Address: {
        '@_type': 'Text',
        AddressLine: [r.CUA1, r.CUA2, r.CUA3, r.CUA4].map((line, i) => ({
          '#text': line ?? '',
          '@_sequence': String(i + 1),
        })),
        CityName: r.TOWN ?? '',
        CountryCode: r.CSCD ?? '',
        PostalCode: r.PONO ?? '',
      },
    },
    Communication: [
      ...(set(r.PHNO) ? [{ '@_sequence': '1', ChannelCode: 'Phone', UseCode: 'Office', DialNumber: r.PHNO }] : []),
      ...(set(r.TFNO) ? [{ ChannelCode: 'Phone', UseCode: 'Fax', DialNumber: r.TFNO }] : []),
      ...(set(r.MAIL) ? [{ ChannelCode: 'EMail', URI: r.MAIL }] : []),
    ],
    ...(set(r.CUTP) ? { Classification: { Codes: { Code: { '#text': r.CUTP, '@_listID': 'Customer Type' } } } } : {}),
    LastModificationDateTime: new Date(Number(r.LMTS ?? 0)).toISOString(),
    Status: { Code: r.STAT ?? '' },
    CurrencyCode: r.CUCD ?? '',
  };
}

/** Builds the noun for a change from the state as it is now (one snapshot per variation). */
export function snapshot(state: M3State, noun: Noun, id: string): NounSnapshot | undefined {
  switch (noun) {
    case 'SalesOrder': {
      const o = state.orders.get(id);
      if (!o) return undefined;
      const h = headRecord(o);
      const cucd = h.CUCD ?? state.company.CUCD;
      return {
        id,
        element: noun,
        build: (idEl) => ({
          SalesOrderHeader: {
            DocumentID: { ID: idEl },
            DocumentDateTime: isoDate(h.ORDT ?? ''),
            Status: { Code: h.ORST, Description: `Lowest ${h.ORSL ?? ''} highest ${h.ORST ?? ''}` },
            CustomerParty: { PartyIDs: { ID: h.CUNO } },
            CustomerPurchaseOrderReference: ref(h.CUOR ?? ''),
            TotalAmount: amount(h.NTAM ?? '0', cucd),
          },
          SalesOrderLine: o.lines.map((l) => ({
            LineNumber: l.PONR,
            Item: { ItemID: { ID: l.ITNO }, Description: l.ITDS },
            Quantity: qty(l.ORQT),
            UnitPrice: { Amount: amount(l.SAPR, cucd) },
            Status: { Code: l.ORST },
            ShipFromParty: { Location: { ID: l.WHLO } },
          })),
        }),
      };
    }
    case 'Shipment': {
      const d = state.deliveries.get(id);
      if (!d) return undefined;
      return {
        id,
        element: noun,
        build: (idEl) => ({
          ShipmentHeader: {
            DocumentID: { ID: idEl },
            Status: { Code: d.PGRS === '90' ? 'Shipped' : 'Open' },
            ActualShipDateTime: isoDate(d.shippedDate),
            CarrierParty: { PartyIDs: { ID: d.carrier } },
            TrackingID: d.packages[0]?.trackingNumber ?? '',
            ShipFromParty: { Location: { ID: d.WHLO } },
            ShipToParty: { PartyIDs: { ID: d.CUNO } },
            SalesOrderReference: ref(d.ORNO),
            CustomerPurchaseOrderReference: ref(d.CUOR),
          },
          ShipUnit: d.packages.map((p) => ({ ContainerID: p.PANR, SSCC: p.SSCC, TrackingID: p.trackingNumber })),
          ShipmentItem: d.lines.map((l) => ({
            ItemID: { ID: l.ITNO },
            ShippedQuantity: qty(l.qty),
            SalesOrderReference: { DocumentID: { ID: d.ORNO }, LineNumber: l.PONR },
          })),
        }),
      };
    }
    case 'Invoice': {
      const inv = state.invoices.get(id);
      if (!inv) return undefined;
      return {
        id,
        element: noun,
        build: (idEl) => ({
          InvoiceHeader: {
            DocumentID: { ID: idEl },
            DocumentDateTime: isoDate(inv.IDAT),
            Status: { Code: 'Open' },
            TotalAmount: amount(inv.amount, inv.CUCD),
            CustomerParty: { PartyIDs: { ID: inv.CUNO }, Name: inv.CUNM },
            SalesOrderReference: ref(inv.ORNO),
            ShipmentReference: ref(inv.DLIX),
            PaymentTerm: { DueDateTime: isoDate(inv.DUDT) },
          },
          InvoiceLine: inv.lines.map((l) => ({
            LineNumber: l.PONR,
            Item: { ItemID: { ID: l.ITNO } },
            Quantity: qty(l.qty),
            ExtendedAmount: amount(l.amount, inv.CUCD),
            SalesOrderReference: { DocumentID: { ID: inv.ORNO }, LineNumber: l.PONR },
          })),
        }),
      };
    }
    case 'ItemMaster': {
      const item = state.items.get(id);
      if (!item) return undefined;
      return { id, element: noun, build: (idEl) => ({ ItemMasterHeader: itemMasterHeader(item, idEl) }) };
    }
    case 'CustomerPartyMaster': {
      const c = state.customers.get(id);
      if (!c) return undefined;
      return { id, element: noun, build: (idEl) => customerPartyMaster(c.rec, idEl) };
    }
    case 'InventoryCount': {
      const b = state.balances.get(id);
      if (!b) return undefined;
      return {
        id: `${b.WHLO}@${b.ITNO}`,
        element: noun,
        location: b.WHLO,
        build: (idEl) => ({
          InventoryCountHeader: { DocumentID: { ID: idEl }, DocumentDateTime: new Date(state.now()).toISOString() },
          InventoryCountLine: {
            Item: { ItemID: { ID: b.ITNO } },
            Site: { ID: b.WHLO },
            CountQuantity: qty(b.STQT),
            AllocatedQuantity: qty(b.ALQT),
            AvailableQuantity: qty(Math.max(0, b.STQT - b.ALQT)),
          },
        }),
      };
    }
    case 'LS_ItemStock': {
      const b = state.balances.get(id);
      if (!b) return undefined;
      return {
        id: `${b.ITNO}@${b.WHLO}`,
        element: noun,
        idText: b.ITNO,
        location: b.WHLO,
        build: (idEl) => itemStock(state, b, idEl),
      };
    }
  }
}
