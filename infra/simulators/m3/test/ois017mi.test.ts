import { afterEach, describe, expect, it } from 'vitest';
import { rec, setup, type V1Body } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => ctx?.sim.close());

type Ctx = Awaited<ReturnType<typeof setup>>;
const rows = (body: V1Body) => body.MIRecord.map((r) => rec(body, r.RowIndex));
const call = async (c: Ctx, path: string) => (await c.v1(path)).json<V1Body & Record<string, unknown>>();

// The test clock is 2026-05-15: the current WEB list runs from 1 April, the expired one from 1 January 2025.
const CURRENT = '20260401';
const EXPIRED = '20250101';

describe('OIS017MI sales price lists', () => {
  it('lists the WEB/EUR heads with an expired and a current validity period', async () => {
    ctx = await setup();
    const heads = await call(ctx, 'OIS017MI/LstPriceList');
    expect(rows(heads).map((r) => [r.PRRF, r.CUCD, r.CUNO, r.FVDT, r.LVDT])).toEqual([
      ['WEB', 'EUR', '', EXPIRED, '20260331'],
      ['WEB', 'EUR', '', CURRENT, '20271231'],
    ]);
    expect(heads.Metadata?.Field.map((f) => f['@name'])).toEqual([
      'CONO',
      'PRRF',
      'CUCD',
      'CUNO',
      'FVDT',
      'LVDT',
      'TX15',
      'SCMO',
      'CABA',
      'BAPL',
      'SCAC',
      'CMNO',
    ]);
  });

  it('positions LstPriceList at the key given and reads on; NFTR makes key fields filters', async () => {
    ctx = await setup();
    const put = (prrf: string, cucd: string, fvdt: string) =>
      ctx?.sim.app.inject({
        method: 'PUT',
        url: `/_control/price-lists/${prrf}/${cucd}/${fvdt}`,
        payload: { LVDT: '20261231', prices: { ITM000001: 5 } },
      });
    await put('AAA', 'EUR', '20260101');
    await put('WEB', 'SEK', '20260101');
    await put('ZZZ', 'EUR', '20260101');
    const keys = async (q: string) =>
      rows(await call(ctx as Ctx, `OIS017MI/LstPriceList?${q}`)).map((r) => `${r.PRRF}/${r.CUCD}/${r.FVDT}`);
    // without filters the list reads on past WEB/EUR, into other currencies and price lists
    expect(await keys(`PRRF=WEB&CUCD=EUR&FVDT=${CURRENT}`)).toEqual([
      `WEB/EUR/${CURRENT}`,
      'WEB/SEK/20260101',
      'ZZZ/EUR/20260101',
    ]);
    expect(await keys('PRRF=WEB&NFTR=1')).toEqual([`WEB/EUR/${EXPIRED}`, `WEB/EUR/${CURRENT}`, 'WEB/SEK/20260101']);
    expect(await keys('PRRF=WEB&CUCD=EUR&NFTR=2')).toEqual([`WEB/EUR/${EXPIRED}`, `WEB/EUR/${CURRENT}`]);
    expect(await call(ctx, 'OIS017MI/LstPriceList?NFTR=9')).toMatchObject({ '@field': 'NFTR' });
  });

  it('gets a base price (PRRF, CUCD, FVDT, ITNO) and answers "does not exist" for an item off the list', async () => {
    ctx = await setup();
    const list = ctx.sim.state.priceLists.get(`WEB|EUR||${CURRENT}`);
    const price = await call(ctx, `OIS017MI/GetBasePrice?PRRF=WEB&CUCD=EUR&FVDT=${CURRENT}&ITNO=ITM000001`);
    expect(rec(price)).toMatchObject({
      PRRF: 'WEB',
      CUCD: 'EUR',
      CUNO: '',
      FVDT: CURRENT,
      LVDT: '20271231',
      ITNO: 'ITM000001',
      SAPR: list?.prices.get('ITM000001'),
      SACD: '1',
      SPUN: 'PCS',
    });
    expect(price.Metadata?.Field).toContainEqual({
      '@name': 'SAPR',
      '@type': 'N',
      '@length': 19,
      '@description': 'Salesprice',
    });
    // ITM000007 is only on the expired list
    const off = await call(ctx, `OIS017MI/GetBasePrice?PRRF=WEB&CUCD=EUR&FVDT=${CURRENT}&ITNO=ITM000007`);
    expect(off).toMatchObject({ '@code': 'XRE0103', '@field': 'ITNO' });
    const old = await call(ctx, `OIS017MI/GetBasePrice?PRRF=WEB&CUCD=EUR&FVDT=${EXPIRED}&ITNO=ITM000007`);
    expect(Number(rec(old).SAPR)).toBeGreaterThan(0);
    expect(await call(ctx, 'OIS017MI/GetBasePrice?PRRF=WEB&CUCD=EUR&FVDT=20260402&ITNO=ITM000001')).toMatchObject({
      '@code': 'XRE0103',
      '@field': 'PRRF',
    });
    expect(await call(ctx, 'OIS017MI/GetBasePrice?PRRF=WEB&CUCD=EUR&ITNO=ITM000001')).toMatchObject({
      '@type': 'MandatoryInputFieldNotFound',
      '@field': 'FVDT',
    });
    expect(await call(ctx, 'OIS017MI/GetBasePrice?PRRF=WEB&CUCD=EUR&FVDT=2026-04&ITNO=ITM000001')).toMatchObject({
      '@code': 'XIM0002',
      '@field': 'FVDT',
    });
  });

  it('lists a whole price list in item order and honours maxrecs', async () => {
    ctx = await setup();
    const all = rows(await call(ctx, `OIS017MI/LstBasePrice;maxrecs=0?PRRF=WEB&CUCD=EUR&FVDT=${CURRENT}`));
    expect(all.map((r) => r.ITNO)).toEqual(
      [...ctx.sim.state.items.keys()].filter((i) => !['ITM000007', 'ITM000017'].includes(i)).sort(),
    );
    expect(all.every((r) => Number(r.SAPR) > 0 && r.FVDT === CURRENT)).toBe(true);
    expect(
      (await call(ctx, `OIS017MI/LstBasePrice;maxrecs=3?PRRF=WEB&CUCD=EUR&FVDT=${EXPIRED}`)).MIRecord,
    ).toHaveLength(3);
  });

  it('changes price lists through the control API (new list, price set and removed) without changing the item', async () => {
    ctx = await setup();
    const stamp = ctx.sim.state.items.get('ITM000001')?.LMTS;
    const put = (url: string, payload: unknown) =>
      ctx?.sim.app.inject({ method: 'PUT', url, payload: payload as object });
    const changed = await put(`/_control/price-lists/WEB/EUR/${CURRENT}`, {
      prices: { ITM000001: '19.9', ITM000007: 7, ITM000002: null },
    });
    expect(changed?.json()).toMatchObject({ PRRF: 'WEB', FVDT: CURRENT, LVDT: '20271231' });
    const list = rows(await call(ctx, `OIS017MI/LstBasePrice;maxrecs=0?PRRF=WEB&CUCD=EUR&FVDT=${CURRENT}`));
    expect(list.find((r) => r.ITNO === 'ITM000001')?.SAPR).toBe('19.9');
    expect(list.find((r) => r.ITNO === 'ITM000007')?.SAPR).toBe('7');
    expect(list.some((r) => r.ITNO === 'ITM000002')).toBe(false);
    expect(ctx.sim.state.items.get('ITM000001')?.LMTS).toBe(stamp);

    const created = await put('/_control/price-lists/SALE/EUR/20260601', {
      LVDT: '20260630',
      prices: { ITM000003: 1 },
    });
    expect(created?.json()).toMatchObject({ PRRF: 'SALE', LVDT: '20260630', prices: 1 });
    expect((await put('/_control/price-lists/NEW/EUR/20260601', { prices: {} }))?.json()).toMatchObject({
      field: 'LVDT',
    });
    expect((await put('/_control/price-lists/WEB/EUR/20260631', { LVDT: '20260701' }))?.json()).toMatchObject({
      field: 'FVDT',
    });
    expect((await put('/_control/price-lists/WEBSHOPLIST/EUR/20260601', { LVDT: '20260701' }))?.statusCode).toBe(400);
    expect((await put(`/_control/price-lists/WEB/EUR/${CURRENT}`, { prices: { NOPE: 1 } }))?.json()).toMatchObject({
      field: 'NOPE',
    });
    expect(
      (await put(`/_control/price-lists/WEB/EUR/${CURRENT}`, { prices: { ITM000001: '1.005' } }))?.json(),
    ).toMatchObject({ field: 'ITM000001' });
  });
});
