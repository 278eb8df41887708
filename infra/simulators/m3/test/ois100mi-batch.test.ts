import { afterEach, describe, expect, it } from 'vitest';
import type { BatchOrderSummary } from '../src/index';
import { raw, rec, setup, type V1Body } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => ctx?.sim.close());

type Ctx = Awaited<ReturnType<typeof setup>>;
const rows = (body: V1Body) => body.MIRecord.map((r) => rec(body, r.RowIndex));
const call = async (c: Ctx, path: string) => (await c.v1(path)).json<V1Body & Record<string, unknown>>();

/** A batch order with the given lines (CUPO 1, 2, …), left in status 10. */
async function enter(c: Ctx, cuor: string, items: string[], cuno = 'C000001'): Promise<string> {
  const orno = rec(await call(c, `OIS100MI/AddBatchHead?CUNO=${cuno}&CUOR=${cuor}`)).ORNO ?? '';
  for (const [i, itno] of items.entries()) {
    await c.v1(`OIS100MI/AddBatchLine?ORNO=${orno}&ITNO=${itno}&ORQT=${i + 1}&WHLO=100&CUPO=${i + 1}`);
  }
  return orno;
}

describe('OIS100MI batch orders: reads, GetOrderNo, DelBatchHead, errors', () => {
  it('lists the lines with CUPO in PONR order and shows the head, its status and ORNR before and after release', async () => {
    ctx = await setup();
    const temp = await enter(ctx, '000000501', ['ITM000001', 'ITM000002']);
    const lines = await call(ctx, `OIS100MI/LstBatchLine?ORNO=${temp}`);
    expect(rows(lines)).toEqual([
      expect.objectContaining({ ITNO: 'ITM000001', CUPO: '1', ORQT: '1', WHLO: '100', PONR: '10', POSX: '0' }),
      expect.objectContaining({ ITNO: 'ITM000002', CUPO: '2', ORQT: '2', WHLO: '100', PONR: '20', POSX: '0' }),
    ]);
    expect(raw(lines).CUPO).toBe('1      ');
    expect(rec(lines).ITDS).toBe(ctx.sim.state.items.get('ITM000001')?.ITDS);
    expect(Number(rec(lines).SAPR)).toBeGreaterThan(0);

    expect(rec(await call(ctx, `OIS100MI/GetBatchHead?ORNO=${temp}`))).toMatchObject({
      ORNO: temp,
      STAT: '10',
      CUOR: '000000501',
      ORSL: '10',
      ORST: '10',
    });
    expect(rec(await call(ctx, `OIS100MI/GetOrderNo?ORNO=${temp}`))).toEqual({ ORNR: '' });
    const before = rows(await call(ctx, 'OIS100MI/LstBatchHead?CUNO=C000001'));
    expect(before).toEqual([expect.objectContaining({ ORNO: temp, CUOR: '000000501', STAT: '10', ORNR: '' })]);

    const real = rec(await call(ctx, `OIS100MI/Confirm?ORNO=${temp}`)).ORNO ?? '';
    expect(real).toMatch(/^1\d{9}$/);
    expect(rec(await call(ctx, `OIS100MI/GetOrderNo?ORNO=${temp}`))).toEqual({ ORNR: real });
    expect(rec(await call(ctx, `OIS100MI/GetBatchHead?ORNO=${temp}`))).toMatchObject({
      ORNO: temp,
      STAT: '90',
      ORSL: '22',
      ORST: '22',
    });
    const after = rows(await call(ctx, 'OIS100MI/LstBatchHead?CUNO=C000001'));
    expect(after).toEqual([expect.objectContaining({ ORNO: temp, CUOR: '000000501', STAT: '90', ORNR: real })]);
    // the released order carries the customer's line numbers through the batch lines
    expect(rows(await call(ctx, `OIS100MI/LstBatchLine?ORNO=${temp}`)).map((l) => l.CUPO)).toEqual(['1', '2']);
  });

  it('lists a customer batch orders of every status by temporary ORNO, honouring maxrecs and ORSL/ORST', async () => {
    ctx = await setup();
    const entered = await enter(ctx, '000000601', ['ITM000001']);
    const failed = await enter(ctx, '000000602', ['NO-SUCH-ITEM']);
    await ctx.v1(`OIS100MI/Confirm?ORNO=${failed}`);
    const released = await enter(ctx, '000000603', ['ITM000003']);
    const real = rec(await call(ctx, `OIS100MI/Confirm?ORNO=${released}`)).ORNO;
    await enter(ctx, '000000604', ['ITM000001'], 'C000002');

    const all = rows(await call(ctx, 'OIS100MI/LstBatchHead;maxrecs=0?CUNO=C000001'));
    expect(all.map((r) => [r.ORNO, r.CUOR, r.STAT, r.ORNR])).toEqual([
      [entered, '000000601', '10', ''],
      [failed, '000000602', '15', ''],
      [released, '000000603', '90', real],
    ]);
    expect(rows(await call(ctx, 'OIS100MI/LstBatchHead;maxrecs=2?CUNO=C000001'))).toHaveLength(2);
    const open = rows(await call(ctx, 'OIS100MI/LstBatchHead?CUNO=C000001&ORSL=10&ORST=15'));
    expect(open.map((r) => r.ORNO)).toEqual([entered, failed]);
    expect(await call(ctx, 'OIS100MI/LstBatchHead?CUNO=NOBODY')).toMatchObject({
      '@code': 'XIM0002',
      '@field': 'CUNO',
    });
  });

  it.each(['GetBatchHead', 'LstBatchLine', 'GetOrderNo', 'DelBatchHead', 'LstErrMsgOrder'])(
    '%s of an unknown temporary number is NOK invalid ORNO; without ORNO a missing input',
    async (transaction) => {
      ctx = await setup();
      const body = await call(ctx, `OIS100MI/${transaction}?ORNO=9999999999`);
      expect(body).toMatchObject({ '@type': 'ServerReturnedNOK', '@code': 'XIM0002', '@field': 'ORNO' });
      expect((body.Message as string).trimEnd()).toBe('Order number is invalid');
      expect(await call(ctx, `OIS100MI/${transaction}`)).toMatchObject({
        '@type': 'MandatoryInputFieldNotFound',
        '@field': 'ORNO',
      });
    },
  );

  it('deletes unreleased batch orders (10 and 15) with their lines and errors, and refuses a released one', async () => {
    ctx = await setup();
    const entered = await enter(ctx, '000000701', ['ITM000001']);
    const failed = await enter(ctx, '000000702', ['NO-SUCH-ITEM']);
    expect(rec(await call(ctx, `OIS100MI/Confirm?ORNO=${failed}`)).STAT).toBe('15');
    const released = await enter(ctx, '000000703', ['ITM000001']);
    const real = rec(await call(ctx, `OIS100MI/Confirm?ORNO=${released}`)).ORNO ?? '';

    for (const orno of [entered, failed]) {
      const del = await call(ctx, `OIS100MI/DelBatchHead?ORNO=${orno}`);
      expect(del).toMatchObject({ Program: 'OIS100MI', Transaction: 'DelBatchHead', MIRecord: [] });
      expect(ctx.sim.state.batchOrders.has(orno)).toBe(false);
      expect(await call(ctx, `OIS100MI/GetBatchHead?ORNO=${orno}`)).toMatchObject({ '@field': 'ORNO' });
      expect(await call(ctx, `OIS100MI/AddBatchLine?ORNO=${orno}&ITNO=ITM000001&ORQT=1`)).toMatchObject({
        '@code': 'XIM0002',
        '@field': 'ORNO',
      });
    }
    const refused = await call(ctx, `OIS100MI/DelBatchHead?ORNO=${released}`);
    expect(refused).toMatchObject({ '@type': 'ServerReturnedNOK', '@code': 'XNA0001', '@field': 'ORNO' });
    expect((refused.Message as string).trimEnd()).toBe(`Batch order ${released} is released to ${real}, not deleted`);
    expect(ctx.sim.state.batchOrders.get(released)?.status).toBe('90');
    expect(ctx.sim.state.orders.has(real)).toBe(true);
  });

  it('lists the errors recorded on a batch order (MSID code, TX60 text, MDTA field)', async () => {
    ctx = await setup();
    const clean = await enter(ctx, '000000801', ['ITM000001']);
    expect((await call(ctx, `OIS100MI/LstErrMsgOrder?ORNO=${clean}`)).MIRecord).toEqual([]);
    const failed = await enter(ctx, '000000802', ['ITM000001', 'NO-SUCH-ITEM']);
    const errors = [{ LEVL: '1', MDTA: 'ITNO', TX60: 'Item number is invalid', MSID: 'XIM0002' }];
    expect(rows(await call(ctx, `OIS100MI/LstErrMsgOrder?ORNO=${failed}`))).toEqual(errors);
    await ctx.v1(`OIS100MI/Confirm?ORNO=${failed}`);
    expect(rows(await call(ctx, `OIS100MI/LstErrMsgOrder?ORNO=${failed}`))).toEqual(errors);
    // the failed line was not added; the good one was
    expect(rows(await call(ctx, `OIS100MI/LstBatchLine?ORNO=${failed}`)).map((l) => l.CUPO)).toEqual(['1']);
  });

  it('replaces the address of the same ADRT and keeps a released batch closed to Confirm', async () => {
    ctx = await setup();
    const temp = await enter(ctx, '000000901', ['ITM000001']);
    await ctx.v1(`OIS100MI/AddBatchAddress?ORNO=${temp}&ADRT=1&CUNM=First`);
    await ctx.v1(`OIS100MI/AddBatchAddress?ORNO=${temp}&ADRT=1&CUNM=Second`);
    await ctx.v1(`OIS100MI/AddBatchAddress?ORNO=${temp}&ADRT=3&CUNM=Invoice`);
    expect(ctx.sim.state.batchOrders.get(temp)?.addresses.map((a) => [a.ADRT, a.CUNM])).toEqual([
      ['1', 'Second'],
      ['3', 'Invoice'],
    ]);
    await ctx.v1(`OIS100MI/Confirm?ORNO=${temp}`);
    expect(await call(ctx, `OIS100MI/Confirm?ORNO=${temp}`)).toMatchObject({ '@code': 'XNA0001', '@field': 'ORNO' });
  });

  it('summarises batch orders by status and lists the open ones (orphans) with their creation time', async () => {
    ctx = await setup();
    const entered = await enter(ctx, '000001001', ['ITM000001', 'ITM000002']);
    ctx.advance(60_000);
    const failed = await enter(ctx, '000001002', ['NO-SUCH-ITEM'], 'C000002');
    await ctx.v1(`OIS100MI/Confirm?ORNO=${failed}`);
    const released = await enter(ctx, '000001003', ['ITM000001']);
    await ctx.v1(`OIS100MI/Confirm?ORNO=${released}`);
    const res = await ctx.sim.app.inject({ method: 'GET', url: '/_control/state/batch-orders/summary' });
    expect(res.statusCode).toBe(200);
    expect(res.json<BatchOrderSummary>()).toEqual({
      entered: 1,
      withErrors: 1,
      released: 1,
      open: [
        {
          tempOrno: entered,
          CUOR: '000001001',
          CUNO: 'C000001',
          status: '10',
          lines: 2,
          createdAt: ctx.now() - 60_000,
        },
        { tempOrno: failed, CUOR: '000001002', CUNO: 'C000002', status: '15', lines: 0, createdAt: ctx.now() },
      ],
    });
  });
});
