import { afterEach, describe, expect, it } from 'vitest';
import { raw, rec, setup, T0, type V1Body } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => ctx?.sim.close());

type Ctx = Awaited<ReturnType<typeof setup>>;
const rows = (body: V1Body) => body.MIRecord.map((r) => rec(body, r.RowIndex));
const call = async (c: Ctx, path: string) => (await c.v1(path)).json<V1Body & Record<string, unknown>>();
const DAY = 86_400_000;

describe('MMS200MI LstItmByChgDate, GetItmPrice, LstItmPrice', () => {
  it('lists items changed in FLMD..TLMD in (LMDT, LMTS, ITNO) order, with M3H5 metadata (no LMTS output)', async () => {
    ctx = await setup({ seed: { items: 200 } });
    const items = [...ctx.sim.state.items.values()];
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10).replaceAll('-', '');
    const from = day(T0 - 10 * DAY);
    const to = day(T0 - 3 * DAY);
    const expected = items
      .filter((i) => (i.LMDT ?? '') >= from && (i.LMDT ?? '') <= to)
      .sort((a, b) => Number(a.LMTS) - Number(b.LMTS) || (a.ITNO ?? '').localeCompare(b.ITNO ?? ''))
      .map((i) => i.ITNO);
    expect(expected.length).toBeGreaterThan(20);
    const body = await call(ctx, `MMS200MI/LstItmByChgDate;maxrecs=0?FLMD=${from}&TLMD=${to}`);
    expect(rows(body).map((r) => r.ITNO)).toEqual(expected);
    const fields = body.Metadata?.Field ?? [];
    expect(fields).toHaveLength(100);
    expect(fields.map((f) => f['@name'])).not.toContain('LMTS');
    expect(fields).toContainEqual({ '@name': 'LMDT', '@type': 'D', '@length': 10, '@description': 'Change date' });
    expect(fields).toContainEqual({ '@name': 'ITGR', '@type': 'A', '@length': 8, '@description': 'Item group' });
    const first = rec(body);
    const item = ctx.sim.state.items.get(first.ITNO ?? '');
    expect(first).toMatchObject({ STAT: item?.STAT, ITGR: item?.ITGR, ITCL: item?.ITCL, LMDT: item?.LMDT });
    expect(first.DS02).toBe(ctx.sim.state.itemGroups.get(item?.ITGR ?? '')?.TX15);

    // maxrecs, default 100, no inputs at all = every item
    expect((await call(ctx, `MMS200MI/LstItmByChgDate;maxrecs=5?FLMD=${from}`)).MIRecord).toHaveLength(5);
    expect((await call(ctx, 'MMS200MI/LstItmByChgDate')).MIRecord).toHaveLength(100);
    expect((await call(ctx, 'MMS200MI/LstItmByChgDate;maxrecs=0')).MIRecord).toHaveLength(200);
  });

  it('puts changed items after those changed earlier the same day; one millisecond apart by LMTS, else by ITNO', async () => {
    ctx = await setup();
    await ctx.sim.app.inject({ method: 'PUT', url: '/_control/items/ITM000003', payload: { ITDS: 'B' } });
    await ctx.sim.app.inject({ method: 'PUT', url: '/_control/items/ITM000002', payload: { ITDS: 'A' } });
    ctx.advance(1);
    await ctx.sim.app.inject({ method: 'PUT', url: '/_control/items/ITM000001/price', payload: { SAPR: 3 } });
    const today = await call(ctx, 'MMS200MI/LstItmByChgDate?FLMD=20260515&TLMD=20260515');
    const seededToday = [...ctx.sim.state.items.values()].filter(
      (i) => i.LMDT === '20260515' && Number(i.LMTS) < T0,
    ).length;
    expect(
      rows(today)
        .map((r) => r.ITNO)
        .slice(seededToday),
    ).toEqual(['ITM000002', 'ITM000003', 'ITM000001']);
  });

  it('answers NOK for a malformed change date and checks CSDS as a number', async () => {
    ctx = await setup();
    expect(await call(ctx, 'MMS200MI/LstItmByChgDate?FLMD=20261340')).toMatchObject({
      '@code': 'XIM0002',
      '@field': 'FLMD',
    });
    expect(await call(ctx, 'MMS200MI/LstItmByChgDate?TLMD=tomorrow')).toMatchObject({ '@field': 'TLMD' });
    expect(await call(ctx, 'MMS200MI/LstItmByChgDate?CSDS=x')).toMatchObject({ '@field': 'CSDS' });
  });

  it('reads the MITMAS sales price with GetItmPrice and lists prices from ITNO with LstItmPrice', async () => {
    ctx = await setup();
    await ctx.sim.app.inject({ method: 'PUT', url: '/_control/items/ITM000002/price', payload: { SAPR: '129.95' } });
    const body = await call(ctx, 'MMS200MI/GetItmPrice?ITNO=ITM000002');
    expect(rec(body)).toMatchObject({
      SAPR: '129.95',
      SACD: '1',
      CUCS: 'EUR',
      SPUN: 'PCS',
      SAPB: '129.95',
      PDCC: '2',
      SPDT: '20260515',
      LMDT: '20260515',
    });
    expect(body.Metadata?.Field).toContainEqual({
      '@name': 'SAPR',
      '@type': 'N',
      '@length': 19,
      '@description': 'Sales price',
    });
    expect(raw(body).SAPR).toHaveLength(19);
    expect(await call(ctx, 'MMS200MI/GetItmPrice?ITNO=NOPE')).toMatchObject({ '@code': 'XIM0002', '@field': 'ITNO' });
    expect(await call(ctx, 'MMS200MI/GetItmPrice')).toMatchObject({
      '@type': 'MandatoryInputFieldNotFound',
      '@field': 'ITNO',
    });
    const list = await call(ctx, 'MMS200MI/LstItmPrice;maxrecs=3?ITNO=ITM000012');
    expect(rows(list).map((r) => [r.ITNO, r.SAPR])).toEqual(
      ['ITM000012', 'ITM000013', 'ITM000014'].map((i) => [i, ctx?.sim.state.items.get(i)?.SAPR]),
    );
    expect(rows(list)[1]?.SAPR).toBe('0'); // ITM000013 has no MITMAS price
  });
});

describe('CRS025MI item groups and CRS035MI product groups', () => {
  it('gets and lists groups, and answers "does not exist" for an unknown code', async () => {
    ctx = await setup();
    expect(rec(await call(ctx, 'CRS025MI/GetItemGroup?ITGR=A100'))).toMatchObject({
      ITGR: 'A100',
      TX15: 'Seating',
      TX40: 'Chairs, stools and sofas',
    });
    expect(rows(await call(ctx, 'CRS025MI/LstItemGroup')).map((r) => r.ITGR)).toEqual([
      'A100',
      'A200',
      'A300',
      'A400',
      'A500',
    ]);
    expect(rows(await call(ctx, 'CRS025MI/LstItemGroup?ITGR=A300')).map((r) => r.ITGR)).toEqual([
      'A300',
      'A400',
      'A500',
    ]);
    const missing = await call(ctx, 'CRS025MI/GetItemGroup?ITGR=ZZZ');
    expect(missing).toMatchObject({ '@type': 'ServerReturnedNOK', '@code': 'XRE0103', '@field': 'ITGR' });
    expect((missing.Message as string).trimEnd()).toBe('Item group ZZZ does not exist');
    expect(await call(ctx, 'CRS025MI/GetItemGroup?ITGR=123456789')).toMatchObject({
      '@type': 'InputFieldTooLong',
      '@field': 'ITGR',
    });

    expect(rec(await call(ctx, 'CRS035MI/GetProductGroup?ITCL=WOOD'))).toMatchObject({ ITCL: 'WOOD', TX15: 'Wood' });
    const groups = await call(ctx, 'CRS035MI/LstProductGroup');
    expect(rows(groups).map((r) => r.ITCL)).toEqual(['METAL', 'MIXED', 'WOOD']);
    expect(groups.Metadata?.Field.map((f) => f['@name'])).toEqual(['ITCL', 'TX40', 'TX15', 'SECU', 'CONF']);
    expect(await call(ctx, 'CRS035MI/GetProductGroup?ITCL=NONE')).toMatchObject({
      '@code': 'XRE0103',
      '@field': 'ITCL',
    });
  });
});
