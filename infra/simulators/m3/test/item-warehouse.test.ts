import { afterEach, describe, expect, it } from 'vitest';
import { MiMetadata } from '../src/mi/metadata';
import { rec, setup, type V1Body } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => ctx?.sim.close());

type Ctx = Awaited<ReturnType<typeof setup>>;
const rows = (body: V1Body) => body.MIRecord.map((r) => rec(body, r.RowIndex));
const balance = (c: Ctx, whlo: string, itno: string, payload: { STQT?: number; ALQT?: number }) =>
  c.sim.app.inject({ method: 'PUT', url: `/_control/balances/${whlo}/${itno}`, payload });
const outputs = (program: string, transaction: string) =>
  MiMetadata.load()
    .get(program, transaction)
    ?.outputs.map((f) => f.name) ?? [];

describe('MMS200MI GetItmWhsBal', () => {
  it('answers every metadata output: AVAL/AV01 allocatable on hand, AV02 on hand minus allocated', async () => {
    ctx = await setup();
    const put = await balance(ctx, '100', 'ITM000001', { STQT: 10, ALQT: 4 });
    expect(Object.keys(put.json<Record<string, string>>())).toEqual(outputs('MMS200MI', 'GetItmWhsBal'));
    const body = (await ctx.v1('MMS200MI/GetItmWhsBal?WHLO=100&ITNO=ITM000001')).json<V1Body>();
    expect(body.Metadata?.Field).toHaveLength(39);
    expect(rec(body)).toMatchObject({
      CONO: '100',
      WHLO: '100',
      ITNO: 'ITM000001',
      STQT: '10',
      ALQT: '4',
      AVAL: '6',
      AV01: '6',
      AV02: '6',
      QUQT: '0',
      REQT: '0',
      PLQT: '0',
      NUS7: '1',
      FACI: 'A01',
      IDDT: '',
    });
    await balance(ctx, '100', 'ITM000001', { ALQT: 13 });
    expect(rec((await ctx.v1('MMS200MI/GetItmWhsBal?WHLO=100&ITNO=ITM000001')).json<V1Body>())).toMatchObject({
      AVAL: '0',
      AV01: '0',
      AV02: '-3',
    });
  });

  it('answers XRE0103 for an item without a balance in a warehouse and XIM0002 for an unknown warehouse', async () => {
    ctx = await setup();
    await ctx.sim.app.inject({ method: 'PUT', url: '/_control/warehouses/300', payload: { WHNM: 'Oslo' } });
    expect((await ctx.v1('MMS200MI/GetItmWhsBal?WHLO=300&ITNO=ITM000001')).json()).toMatchObject({
      '@code': 'XRE0103',
      '@field': 'ITNO',
    });
    expect((await ctx.v1('MMS200MI/GetItmWhsBal?WHLO=999&ITNO=ITM000001')).json()).toMatchObject({
      '@code': 'XIM0002',
      '@field': 'WHLO',
    });
  });
});

describe('MMS200MI LstItmWhsByWhgr', () => {
  it('lists the balances of every warehouse in the group, by WHLO then ITNO, with stamps and time zone', async () => {
    ctx = await setup();
    await balance(ctx, '200', 'ITM000002', { STQT: 12, ALQT: 2 });
    const body = (await ctx.v1('MMS200MI/LstItmWhsByWhgr;maxrecs=0?WHGR=ALL&INZO=1')).json<V1Body>();
    const all = rows(body);
    expect(all).toHaveLength(40);
    expect(all.map((r) => `${r.WHLO}/${r.ITNO}`).slice(18, 22)).toEqual([
      '100/ITM000019',
      '100/ITM000020',
      '200/ITM000001',
      '200/ITM000002',
    ]);
    expect(all[21]).toMatchObject({
      WHLO: '200',
      ITNO: 'ITM000002',
      STAT: '20',
      STQT: '12',
      ALQT: '2',
      AVAL: '10',
      AV01: '10',
      AV02: '10',
      LMDT: '20260515',
      TRDT: '20260515',
      TRTM: '100000',
      TIZO: 'UTC',
      TGMT: '0',
    });
    expect(all[0]).toMatchObject({ LMDT: '20260515', TRDT: '', TRTM: '0' }); // seeded, never moved
  });

  it('leaves out STQT 0 unless INZO=1, filters the item status SLFR..SLTO and applies maxrecs', async () => {
    const c = (ctx = await setup());
    await balance(c, '100', 'ITM000001', { STQT: 0 });
    const list = async (q: string) => rows((await c.v1(`MMS200MI/LstItmWhsByWhgr${q}`)).json<V1Body>());
    expect((await list(';maxrecs=0?WHGR=ALL')).map((r) => `${r.WHLO}/${r.ITNO}`)).not.toContain('100/ITM000001');
    expect((await list(';maxrecs=0?WHGR=ALL')).every((r) => r.STQT !== '0')).toBe(true);
    expect((await list(';maxrecs=0?WHGR=ALL&INZO=1')).map((r) => `${r.WHLO}/${r.ITNO}`)).toContain('100/ITM000001');
    const discontinuing = await list(';maxrecs=0?WHGR=ALL&INZO=1&SLFR=50&SLTO=80');
    expect([...new Set(discontinuing.map((r) => r.ITNO))]).toEqual(['ITM000014', 'ITM000017']);
    expect(await list(';maxrecs=3?WHGR=ALL&INZO=1')).toHaveLength(3);
    expect(await list('?WHGR=ALL&INZO=1')).toHaveLength(40); // under the default 100
  });

  it('answers NOK for an unknown group, a bad INZO and a missing WHGR', async () => {
    ctx = await setup();
    expect((await ctx.v1('MMS200MI/LstItmWhsByWhgr?WHGR=XX')).json()).toMatchObject({
      '@type': 'ServerReturnedNOK',
      '@code': 'XIM0002',
      '@field': 'WHGR',
    });
    expect((await ctx.v1('MMS200MI/LstItmWhsByWhgr?WHGR=ALL&INZO=2')).json()).toMatchObject({ '@field': 'INZO' });
    expect((await ctx.v1('MMS200MI/LstItmWhsByWhgr')).json()).toMatchObject({
      '@type': 'MandatoryInputFieldNotFound',
      '@field': 'WHGR',
    });
  });
});

describe('MMS060MI LstSumQty', () => {
  it('lists STQT/ALQT per item and location of a warehouse, filtered by WHSL and ITNO', async () => {
    ctx = await setup();
    await balance(ctx, '200', 'ITM000003', { STQT: 8, ALQT: 1 });
    const body = (await ctx.v1('MMS060MI/LstSumQty;maxrecs=0?WHLO=200')).json<V1Body>();
    expect(body.Metadata?.Field.map((f) => f['@name'])).toEqual(outputs('MMS060MI', 'LstSumQty'));
    expect(rows(body)).toHaveLength(20);
    expect(rows(body)[2]).toMatchObject({
      WHLO: '200',
      WHNM: 'Paris warehouse',
      ITNO: 'ITM000003',
      WHSL: 'A-01-01',
      STQT: '8',
      ALQT: '1',
      TNOB: '1',
      TNOL: '0',
      TNOC: '0',
      UNMS: 'PCS',
    });
    const one = rows((await ctx.v1('MMS060MI/LstSumQty?WHLO=200&ITNO=ITM000003')).json<V1Body>());
    expect(one.map((r) => r.ITNO)).toEqual(['ITM000003']);
    expect(rows((await ctx.v1('MMS060MI/LstSumQty?WHLO=200&WHSL=B-01')).json<V1Body>())).toEqual([]);
    expect((await ctx.v1('MMS060MI/LstSumQty;maxrecs=5?WHLO=100')).json<V1Body>().MIRecord).toHaveLength(5);
    expect((await ctx.v1('MMS060MI/LstSumQty?WHLO=999')).json()).toMatchObject({
      '@code': 'XIM0002',
      '@field': 'WHLO',
    });
  });
});
