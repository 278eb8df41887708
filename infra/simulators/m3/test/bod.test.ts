import Fastify from 'fastify';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../src/state/random';
import { placeOrder, setup, T0 } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => ctx?.sim.close());

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false });

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A transport that records deliveries and answers with the given statuses in turn (then 200). */
function recordingTransport(statuses: number[] = []) {
  const sent: Sent[] = [];
  const transport = (url: string, init: { headers: Record<string, string>; body: string }) => {
    sent.push({ url, ...init });
    return Promise.resolve(statuses.shift() ?? 200);
  };
  return { sent, transport };
}

type Doc = Record<string, Record<string, unknown>>;
const salesOrderId = (xml: string) => {
  const doc = parser.parse(xml) as Doc;
  const data = doc.SyncSalesOrder?.DataArea as Record<string, Record<string, Record<string, Record<string, unknown>>>>;
  const id = data.SalesOrder?.SalesOrderHeader?.DocumentID?.ID as Record<string, string>;
  const status = (data.SalesOrder?.SalesOrderHeader?.Status as Record<string, string>).Code;
  return { variationId: Number(id['@_variationID']), orno: id['#text'], status };
};

describe('BOD publishing', () => {
  it('sends SyncSalesOrder BODs shaped like M3 BE (namespace, ApplicationArea, ActionCriteria, variationID)', async () => {
    const { sent, transport } = recordingTransport();
    ctx = await setup({
      subscribers: [{ url: 'http://ingest.test/bod', nouns: ['SalesOrder'], auth: { bearer: 'ingest-token' } }],
      bodTransport: transport,
    });
    const orno = await placeOrder(ctx.v1, { cuor: '000000900', lines: [{ itno: 'ITM000001', qty: 1 }] });
    await ctx.sim.publisher.idle();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers.authorization).toBe('Bearer ingest-token');
    expect(sent[0]?.headers['content-type']).toContain('application/xml');
    const doc = parser.parse(sent[0]?.body ?? '') as Doc;
    const root = doc.SyncSalesOrder as Record<string, Record<string, unknown>>;
    expect(root['@_xmlns']).toBe('http://schema.infor.com/InforOAGIS/2');
    const app = root.ApplicationArea as Record<string, Record<string, string>>;
    expect(app.Sender).toMatchObject({ ComponentID: 'M3BE', ConfirmationCode: 'OnError' });
    expect(sent[0]?.body).toContain('<LogicalID>lid://infor.m3be.m3be </LogicalID>');
    expect(app.BODID).toMatch(/^[0-9a-f-]{36}$/);
    expect(app.CreationDateTime).toBe('2026-05-15T10:00:00.000Z');
    const sync = (root.DataArea as Record<string, Record<string, Record<string, Record<string, string>>>>).Sync;
    expect(sync?.ActionCriteria?.ActionExpression?.['@_actionCode']).toBe('Add');
    expect(salesOrderId(sent[0]?.body ?? '')).toEqual({ variationId: 1, orno, status: '22' });
  });

  it('under the out-of-order option delivers a shuffled stream whose sorted variationIDs give the true history', async () => {
    const { sent, transport } = recordingTransport();
    ctx = await setup({
      subscribers: [{ url: 'http://ingest.test/bod', nouns: ['SalesOrder'] }],
      bodTransport: transport,
      bodDelivery: { outOfOrder: { window: 5 } },
      bodRandom: seededRandom(7),
    });
    const orno = await placeOrder(ctx.v1, { cuor: '000000901', lines: [{ itno: 'ITM000002', qty: 2 }] });
    await ctx.sim.app.inject({ method: 'POST', url: `/_control/orders/${orno}/invoice` });
    await ctx.sim.app.inject({ method: 'POST', url: '/_control/bods/flush' });
    await ctx.sim.publisher.idle();

    const received = sent.map((s) => salesOrderId(s.body)).filter((r) => r.orno === orno);
    expect(received).toHaveLength(5);
    const arrival = received.map((r) => r.variationId);
    expect(arrival).not.toEqual([...arrival].sort((a, b) => a - b));
    const sorted = [...received].sort((a, b) => a.variationId - b.variationId);
    expect(sorted.map((r) => r.variationId)).toEqual([1, 2, 3, 4, 5]);
    expect(sorted.map((r) => r.status)).toEqual(['22', '33', '44', '66', '77']);
    expect(ctx.sim.state.orders.get(orno)?.history.map((h) => h.split('/')[1])).toEqual(sorted.map((r) => r.status));
  });

  it('delivers twice on demand, retries non-2xx with backoff and logs every delivery', async () => {
    const { sent, transport } = recordingTransport([500, 503]);
    ctx = await setup({
      subscribers: [{ name: 'ingest', url: 'http://ingest.test/bod', nouns: ['ItemMaster'] }],
      bodTransport: transport,
      bodDelivery: { duplicateRate: 1, retry: { baseMs: 1, maxMs: 5, maxAttempts: 5 } },
    });
    await ctx.sim.app.inject({ method: 'PUT', url: '/_control/items/ITM000001', payload: { ITDS: 'Renamed' } });
    await ctx.sim.publisher.idle();
    expect(sent).toHaveLength(4);
    const log = ctx.sim.publisher.log({ noun: 'ItemMaster' });
    expect(log.map((e) => [e.duplicate, e.status, e.attempts])).toEqual([
      [false, 'delivered', 3],
      [true, 'delivered', 1],
    ]);
    expect(log[0]?.bodId).toBe(log[1]?.bodId);
    const viaControl = (await ctx.sim.app.inject({ method: 'GET', url: '/_control/bods?noun=ItemMaster' })).json<
      unknown[]
    >();
    expect(viaControl).toHaveLength(2);
    const xml = await ctx.sim.app.inject({ method: 'GET', url: `/_control/bods/${log[0]?.bodId ?? ''}/xml` });
    expect(xml.body).toContain('<SyncItemMaster');
    expect(xml.body).toContain('variationID="1"');
  });

  it('wraps BODs in the ION Messaging envelope (base64 on demand) with Basic auth, escaping non-ASCII safely', async () => {
    const { sent, transport } = recordingTransport();
    ctx = await setup({
      subscribers: [
        { url: 'http://ingest.test/ion', format: 'ion-json-base64', auth: { basic: { user: 'u', password: 'p' } } },
      ],
      bodTransport: transport,
    });
    await ctx.v1(
      `CRS610MI/Add?CUTM=TEMPLATE&CUNO=NEWCUST&CUNM=${encodeURIComponent('Åsa & <Öberg>')}&CUA1=Main&MAIL=asa%40example.com`,
    );
    await ctx.sim.publisher.idle();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    const env = JSON.parse(sent[0]?.body ?? '{}') as {
      documentName: string;
      fromLogicalId: string;
      document: { value: string; encoding: string; characterSet: string };
    };
    expect(env.documentName).toBe('Sync.CustomerPartyMaster');
    expect(env.document.encoding).toBe('BASE64');
    const xml = Buffer.from(env.document.value, 'base64').toString('utf8');
    expect(xml).toContain('Åsa &amp; &lt;Öberg&gt;');
    const doc = parser.parse(xml) as Doc;
    const party = (doc.SyncCustomerPartyMaster?.DataArea as Record<string, Record<string, unknown>>)
      .CustomerPartyMaster;
    expect((party?.PartyIDs as Record<string, Record<string, string>>).ID?.['#text']).toBe('NEWCUST');
  });

  it('publishes Shipment, Invoice and InventoryCount BODs to a real HTTP subscriber', async () => {
    const received: Array<{ auth: string | undefined; body: string }> = [];
    const ingest = Fastify();
    ingest.addContentTypeParser('application/xml', { parseAs: 'string' }, (_r, body, done) => done(null, body));
    ingest.post('/bod', (req, reply) => {
      received.push({ auth: req.headers.authorization, body: req.body as string });
      return reply.code(202).send();
    });
    const url = await ingest.listen({ port: 0, host: '127.0.0.1' });
    try {
      ctx = await setup({
        subscribers: [{ url: `${url}/bod`, nouns: ['Shipment', 'Invoice', 'InventoryCount'], auth: { bearer: 't' } }],
      });
      const orno = await placeOrder(ctx.v1, { cuor: '000000902', lines: [{ itno: 'ITM000005', qty: 1 }] });
      await ctx.sim.app.inject({
        method: 'POST',
        url: `/_control/orders/${orno}/ship`,
        payload: { trackingNumbers: ['TRK-1'] },
      });
      await ctx.sim.app.inject({ method: 'POST', url: `/_control/orders/${orno}/invoice` });
      await ctx.sim.publisher.idle();
      const roots = received.map((r) => /<(Sync\w+)/.exec(r.body)?.[1]);
      expect(roots).toEqual(['SyncInventoryCount', 'SyncInventoryCount', 'SyncShipment', 'SyncInvoice']);
      expect(received.every((r) => r.auth === 'Bearer t')).toBe(true);
      expect(received[2]?.body).toContain('<TrackingID>TRK-1</TrackingID>');
    } finally {
      await ingest.close();
    }
  });
  it('pins the ItemMaster layout: header fields, classifications, LMTS as LastModificationDateTime, UserArea', async () => {
    const { sent, transport } = recordingTransport();
    ctx = await setup({
      subscribers: [{ url: 'http://ingest.test/bod', nouns: ['ItemMaster'] }],
      bodTransport: transport,
    });
    ctx.advance(123);
    await ctx.sim.app.inject({
      method: 'PUT',
      url: '/_control/items/ITM000002',
      payload: {
        ITDS: 'Oak & <Chair>',
        FUDS: 'Long text',
        ITGR: 'A100',
        ITCL: 'WOOD',
        HIE1: 'HOME',
        HIE2: '',
        HIE3: 'CHAIR',
        HIE4: '',
        HIE5: 'X',
      },
    });
    await ctx.sim.publisher.idle();
    const item = ctx.sim.state.items.get('ITM000002') ?? {};
    const strict = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      parseTagValue: false,
      isArray: (name) => ['Description', 'Classification', 'Property'].includes(name),
    });
    const doc = strict.parse(sent[0]?.body ?? '') as Doc;
    const data = doc.SyncItemMaster?.DataArea as Record<string, Record<string, Record<string, unknown>>>;
    const header = data.ItemMaster?.ItemMasterHeader as Record<string, unknown>;
    expect(Object.keys(header)).toEqual([
      'ItemID',
      'Description',
      'Status',
      'BaseUOMCode',
      'ItemType',
      'Classification',
      'ItemWeight',
      'LastModificationDateTime',
      'UserArea',
    ]);
    // the publisher's id attributes (accountingEntity, location, lid, variationID) as on every noun
    expect(header.ItemID).toMatchObject({
      ID: { '#text': 'ITM000002', '@_accountingEntity': '100_AAA', '@_location': 'A01', '@_variationID': '1' },
    });
    expect(header.Description).toEqual(['Oak & <Chair>', { '#text': 'Long text', '@_type': 'Long' }]);
    expect(header.Status).toEqual({ Code: '20' });
    expect(header.BaseUOMCode).toBe('PCS');
    expect(header.ItemType).toBe('FIN');
    expect(header.Classification).toEqual(
      [
        ['A100', 'Item Group'],
        ['WOOD', 'Product Group'],
        ['HOME', 'Hierarchy 1'],
        ['CHAIR', 'Hierarchy 3'],
        ['X', 'Hierarchy 5'],
      ].map(([code, listID]) => ({ Codes: { Code: { '#text': code, '@_listID': listID } } })),
    );
    expect(header.ItemWeight).toEqual({ NetWeightMeasure: item.NEWE, GrossWeightMeasure: item.GRWE });
    expect(item.LMTS).toBe(String(T0 + 123));
    expect(header.LastModificationDateTime).toBe('2026-05-15T10:00:00.123Z');
    expect(header.UserArea).toEqual({
      Property: [
        { NameValue: { '#text': String(T0 + 123), '@_name': 'LMTS' } },
        { NameValue: { '#text': item.SAPR, '@_name': 'SAPR' } },
        { NameValue: { '#text': 'EUR', '@_name': 'CUCS' } },
      ],
    });
  });
});
