import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBod } from '../src/bod/bod';
import { unwrapJson, unwrapXml } from '../src/bod/envelope';
import { XmlError } from '../src/bod/xml';
import { bodMappings, UnmappableBod } from '../src/mappings/index';
import type { Delivery, Invoice, SalesOrder } from '@m3mage/schemas/types';
import { simulatorBods, type CapturedBod } from './support/sim-bods';

const NOW = Date.UTC(2025, 0, 15);
const map = (xml: string) => {
  const bod = parseBod(xml);
  const mapping = bodMappings[`${bod.verb}${bod.noun}`];
  if (!mapping) throw new Error(`no mapping for ${bod.verb}${bod.noun}`);
  return { bod, mapped: mapping(bod, NOW) };
};

describe('BODs from the M3 simulator BOD builder', () => {
  let bods: CapturedBod[];
  let orno: string;
  beforeAll(async () => {
    const run = await simulatorBods('xml');
    bods = run.bods;
    orno = run.orno;
    await run.sim.close();
  });

  const of = (root: string) => bods.filter((b) => b.body.includes(`<${root} `)).map((b) => map(b.body));

  it('parses SyncSalesOrder into SalesOrder with increasing variationIDs', () => {
    const orders = of('SyncSalesOrder');
    expect(orders.length).toBeGreaterThanOrEqual(3);
    const variations = orders.map((o) => o.mapped.variationId);
    expect(variations).toEqual([...variations].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)));
    const first = orders[0]!;
    expect(first.bod.logicalId).toBe('lid://infor.m3be.m3be');
    expect(first.mapped).toMatchObject({ topic: 'cdc.m3.sales-order.v1', key: orno, documentId: orno });
    expect(first.mapped.change.op).toBe('c');
    expect(first.mapped.change.after as SalesOrder).toMatchObject({
      orno,
      cuor: '000000777',
      cuno: 'C000001',
      orst: '22',
      orsl: '22',
    });
    const last = orders.at(-1)!.mapped.change.after as SalesOrder;
    expect(last.orst).toBe('77');
  });

  it('parses SyncShipment into a Delivery with lines, packages and tracking numbers', () => {
    const [ship] = of('SyncShipment');
    expect(ship?.mapped.topic).toBe('cdc.m3.shipment.v1');
    expect(ship?.mapped.key).toBe(orno);
    const d = ship?.mapped.change.after as Delivery;
    expect(d).toMatchObject({ orno, cuor: '000000777', whlo: '100' });
    expect(d.lines).toEqual([
      { ponr: 10, posx: 0, itno: 'ITM000001', quantity: '2' },
      { ponr: 20, posx: 0, itno: 'ITM000002', quantity: '1' },
    ]);
    expect(d.packages.map((p) => [p.trackingNumber, p.carrier])).toEqual([
      ['1ZTRACK0001', 'UPS'],
      ['1ZTRACK0002', 'UPS'],
    ]);
    expect(d.shippedAt).toBeTypeOf('number');
    expect(ship?.mapped.change.source).toMatchObject({
      system: 'M3',
      entity: 'shipment',
      id: d.dlix,
      eventId: ship?.bod.bodId,
    });
  });

  it('parses SyncInvoice into an Invoice with amounts as decimal strings', () => {
    const [inv] = of('SyncInvoice');
    const i = inv?.mapped.change.after as Invoice;
    expect(inv?.mapped.key).toBe(orno);
    expect(i.currency).toBe('EUR');
    expect(i.yea4).toBeGreaterThan(2000);
    expect(i.lines).toHaveLength(2);
    expect(i.lines[0]).toMatchObject({ ponr: 10, itno: 'ITM000001', quantity: '2' });
    expect(i.totalAmount).toMatch(/^\d+(\.\d+)?$/);
  });
});

describe('ION envelopes', () => {
  it('unwraps the JSON envelope with plain and BASE64 documents, identical BODs', async () => {
    const plain = await simulatorBods('ion-json');
    const b64 = await simulatorBods('ion-json-base64');
    await plain.sim.close();
    await b64.sim.close();
    const a = unwrapJson(plain.bods[0]!.body);
    const b = unwrapJson(b64.bods[0]!.body);
    expect(a.envelope?.documentName).toBe('Sync.SalesOrder');
    expect(b.envelope?.fromLogicalId).toBe('lid://infor.m3be.m3be');
    expect(parseBod(b.xml).noun).toBe('SalesOrder');
    expect(parseBod(a.xml).nounNode).toEqual(parseBod(b.xml).nounNode);
  });

  it('unwraps the XML <messageRequest> form', () => {
    const bod = readFileSync(new URL('fixtures/sync-shipment-prefixed.xml', import.meta.url), 'utf8');
    const envelope = `<messageRequest><documentName>Sync.Shipment</documentName><messageId>m-1</messageId><fromLogicalId>lid://infor.m3be.m3be</fromLogicalId><toLogicalId>lid://default</toLogicalId><document><value>${Buffer.from(bod).toString('base64')}</value><encoding>BASE64</encoding><characterSet>UTF-8</characterSet></document></messageRequest>`;
    const out = unwrapXml(envelope);
    expect(out.envelope).toMatchObject({ documentName: 'Sync.Shipment', messageId: 'm-1' });
    expect(parseBod(out.xml).noun).toBe('Shipment');
  });

  it('rejects envelopes precisely', () => {
    expect(() => unwrapJson('{"documentName":"Sync.X"}')).toThrow(/document: /);
    expect(() => unwrapJson('{"documentName":"Sync.X","document":{"value":"%%%","encoding":"BASE64"}}')).toThrow(
      /not valid BASE64/,
    );
    expect(() => unwrapJson('{"documentName":"Sync.X","document":{"value":"x","encoding":"GZIP"}}')).toThrow(
      /encoding/,
    );
    expect(() => unwrapJson('{nope')).toThrow(/not JSON/);
  });
});

describe('real-OAGIS details', () => {
  const fixture = readFileSync(new URL('fixtures/sync-shipment-prefixed.xml', import.meta.url), 'utf8');

  it('reads prefixed namespaces, trims the Sender LogicalID, takes variationID from an LN BODID', () => {
    const { bod, mapped } = map(fixture);
    expect(bod.logicalId).toBe('lid://infor.m3be.m3be');
    expect(bod.bodId).toBe('infor-nid:infor:100_AAA:A01:2000123:?Shipment&verb=Sync&variationID=7');
    expect(mapped.variationId).toBe('7');
    expect(mapped.change.op).toBe('u');
    const d = mapped.change.after as Delivery;
    expect(d).toMatchObject({ orno: '0012345678', cuor: '000000042', dlix: '2000123' });
    expect(d.lines).toEqual([{ ponr: 10, posx: 0, itno: 'ITM-Ä1', quantity: '1.5' }]);
    expect(d.packages).toEqual([{ packageId: '1', trackingNumber: 'JD0146000012345', carrier: 'DHL' }]);
  });

  it('says where the XML is broken, refuses DOCTYPE, and names missing elements', () => {
    expect(() => parseBod('<SyncShipment><ApplicationArea></SyncShipment>')).toThrow(XmlError);
    expect(() => parseBod('<SyncShipment><a></SyncShipment>')).toThrow(/line 1/);
    expect(() => parseBod('<!DOCTYPE x [<!ENTITY a "b">]><SyncShipment/>')).toThrow(/DOCTYPE/);
    expect(() => parseBod('<Hello/>')).toThrow(/not an OAGIS Verb\+Noun/);
    const noOrno = fixture.replace(/<oa:SalesOrderReference>.*?<\/oa:SalesOrderReference>/gs, '');
    expect(() => map(noOrno)).toThrow(UnmappableBod);
    expect(() => map(noOrno)).toThrow(/ORNO/);
  });
});
