import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { rec, setup, T0, type V1Body } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => ctx?.sim.close());

type Ctx = Awaited<ReturnType<typeof setup>>;
const DAY_MS = 86_400_000;
const rows = (body: V1Body) => body.MIRecord.map((r) => rec(body, r.RowIndex));
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10).replaceAll('-', '');
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false });

/** A simulator whose CustomerPartyMaster BODs are captured. */
async function withBods() {
  const bodies: string[] = [];
  const c = await setup({
    subscribers: [{ name: 't', url: 'http://ingest.test/bod', nouns: ['CustomerPartyMaster'] }],
    bodTransport: (_url, init) => {
      bodies.push(init.body);
      return Promise.resolve(200);
    },
  });
  return { c, bodies };
}

const stampOf = (c: Ctx, cuno: string) => c.sim.state.customers.get(cuno)?.rec;

describe('customers (CRS610): change stamps and LstByNumber', () => {
  it('seeds every customer with LMTS (epoch ms, in the 30 days before the seed) and LMDT its day', async () => {
    ctx = await setup();
    const customers = [...ctx.sim.state.customers.values()];
    expect(customers).toHaveLength(11); // TEMPLATE + 10
    for (const { rec: r } of customers) {
      expect(r.LMTS).toMatch(/^\d{13}$/);
      expect(Number(r.LMTS)).toBeLessThanOrEqual(T0);
      expect(Number(r.LMTS)).toBeGreaterThan(T0 - 30 * DAY_MS);
      expect(r.LMDT).toBe(day(Number(r.LMTS)));
    }
    expect(new Set(customers.map((c) => c.rec.LMTS)).size).toBeGreaterThan(1);
  });

  it('moves LMTS strictly forward on Add, ChgBasicData, AddAddress, ChgAddress and PUT /_control/customers', async () => {
    const { c, bodies } = await withBods();
    ctx = c;
    c.advance(60_000);
    const stamps: string[] = [];
    const step = async (what: string, run: () => Promise<{ statusCode: number; body: string }>) => {
      const res = await run();
      expect(res.statusCode, `${what}: ${res.body}`).toBe(200);
      expect(res.body, what).not.toContain('ServerReturnedNOK');
      const r = stampOf(c, 'WEB0001');
      expect(r?.LMDT, what).toBe(day(T0 + 60_000));
      stamps.push(r?.LMTS ?? '');
    };
    // the clock stands still: every change within one millisecond still gets its own, later stamp
    await step('Add', () => c.v1('CRS610MI/Add?CUTM=TEMPLATE&CUNO=WEB0001&CUNM=Web%20one&CUA1=Street%201'));
    await step('ChgBasicData', () => c.v1('CRS610MI/ChgBasicData?CUNO=WEB0001&PHNO=%2B46%20123'));
    await step('AddAddress', () =>
      c.v1('CRS610MI/AddAddress?CUNO=WEB0001&ADRT=1&ADID=A1&CUA1=Dock%201&PONO=11122&CSCD=SE&TOWN=Solna'),
    );
    await step('ChgAddress', () => c.v1('CRS610MI/ChgAddress?CUNO=WEB0001&ADRT=1&ADID=A1&CUA1=Dock%202&CSCD=SE'));
    await step('PUT control', () =>
      c.sim.app.inject({ method: 'PUT', url: '/_control/customers/WEB0001', payload: { CUTP: '2' } }),
    );
    expect(stamps.map(Number)).toEqual([0, 1, 2, 3, 4].map((i) => T0 + 60_000 + i));
    await c.sim.publisher.idle();
    expect(bodies).toHaveLength(5);
    const modified = bodies.map(
      (xml) =>
        (parser.parse(xml) as Record<string, { DataArea: { CustomerPartyMaster: Record<string, string> } }>)
          .SyncCustomerPartyMaster?.DataArea.CustomerPartyMaster.LastModificationDateTime,
    );
    expect(modified).toEqual(stamps.map((s) => new Date(Number(s)).toISOString()));
  });

  it('refuses a control change of a field M3 maintains (400 naming it) and an unknown customer (404)', async () => {
    ctx = await setup();
    for (const field of ['LMTS', 'LMDT', 'CUNO']) {
      const res = await ctx.sim.app.inject({
        method: 'PUT',
        url: '/_control/customers/C000001',
        payload: { [field]: '1' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ field });
    }
    const missing = await ctx.sim.app.inject({ method: 'PUT', url: '/_control/customers/NOPE', payload: {} });
    expect(missing.statusCode).toBe(404);
  });

  it('LstByNumber positions at CUNO in number order, keeps LMTS ≥ the input, honours maxrecs; LMTS is no output', async () => {
    ctx = await setup();
    const all = (await ctx.v1('CRS610MI/LstByNumber;maxrecs=0')).json<V1Body>();
    const cunos = rows(all).map((r) => r.CUNO);
    expect(cunos).toEqual([...ctx.sim.state.customers.keys()].sort());
    expect(cunos[0]).toBe('C000001');
    const fields = all.Metadata?.Field.map((f) => f['@name']) ?? [];
    expect(fields).toHaveLength(79);
    expect(fields).not.toContain('LMTS');
    expect(fields).toEqual(expect.arrayContaining(['CUNO', 'CUNM', 'CUA1', 'CUA4', 'PHNO', 'MAIL', 'CUTP', 'STAT']));
    expect(rows(all)[0]).toMatchObject({ CUNO: 'C000001', STAT: '20', CUTP: '0' });

    const from = (await ctx.v1('CRS610MI/LstByNumber;maxrecs=3?CUNO=C000004')).json<V1Body>();
    expect(rows(from).map((r) => r.CUNO)).toEqual(['C000004', 'C000005', 'C000006']);
    expect((await ctx.v1('CRS610MI/LstByNumber')).json<V1Body>().MIRecord).toHaveLength(11); // default 100

    ctx.advance(1000);
    const c = ctx;
    await c.sim.app.inject({ method: 'PUT', url: '/_control/customers/C000007', payload: { PHNO: '+46 1' } });
    await c.sim.app.inject({ method: 'PUT', url: '/_control/customers/C000003', payload: { PHNO: '+46 2' } });
    const since = async (lmts: number, cuno = '') =>
      rows((await c.v1(`CRS610MI/LstByNumber;maxrecs=0?LMTS=${lmts}&CUNO=${cuno}`)).json<V1Body>()).map((r) => r.CUNO);
    expect(await since(T0 + 1000)).toEqual(['C000003', 'C000007']); // at or after, in number order
    expect(await since(T0 + 1001)).toEqual([]);
    expect(await since(T0 + 1000, 'C000004')).toEqual(['C000007']);
    expect((await c.v1('CRS610MI/LstByNumber?LMTS=soon')).json()).toMatchObject({
      '@code': 'XIM0002',
      '@field': 'LMTS',
    });
  });

  it('publishes CustomerPartyMaster in the assumed OAGIS layout', async () => {
    const { c, bodies } = await withBods();
    ctx = c;
    await c.sim.app.inject({
      method: 'PUT',
      url: '/_control/customers/C000002',
      payload: { CUA1: 'Storgatan 1', CUA2: '', CUA3: 'Box 7', CUTP: '3', TFNO: '+46 8 1', PHNO: '+46 8 2' },
    });
    await c.sim.publisher.idle();
    const doc = parser.parse(bodies[0] ?? '') as Record<string, { DataArea: Record<string, Record<string, unknown>> }>;
    const party = doc.SyncCustomerPartyMaster?.DataArea.CustomerPartyMaster ?? {};
    const r = stampOf(c, 'C000002') ?? {};
    expect(party).toMatchObject({
      PartyIDs: { ID: { '#text': 'C000002', '@_variationID': '1', '@_accountingEntity': '100_AAA' } },
      Name: r.CUNM,
      Location: {
        Address: {
          '@_type': 'Text',
          AddressLine: [
            { '#text': 'Storgatan 1', '@_sequence': '1' },
            { '@_sequence': '2' },
            { '#text': 'Box 7', '@_sequence': '3' },
            { '@_sequence': '4' },
          ],
          CityName: r.TOWN,
          CountryCode: r.CSCD,
          PostalCode: r.PONO,
        },
      },
      Communication: [
        { '@_sequence': '1', ChannelCode: 'Phone', UseCode: 'Office', DialNumber: '+46 8 2' },
        { ChannelCode: 'Phone', UseCode: 'Fax', DialNumber: '+46 8 1' },
        { ChannelCode: 'EMail', URI: r.MAIL },
      ],
      Classification: { Codes: { Code: { '#text': '3', '@_listID': 'Customer Type' } } },
      LastModificationDateTime: new Date(Number(r.LMTS)).toISOString(),
      Status: { Code: '20' },
      CurrencyCode: 'EUR',
    });
  });
});
