import { afterEach, describe, expect, it } from 'vitest';
import type { MiFaults } from '../src/index';
import { rec, setup, type V1Body } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => ctx?.sim.close());

type Ctx = Awaited<ReturnType<typeof setup>>;

/** Randomness that answers the given values in turn (then 0.99: no fault). */
const sequence =
  (...values: number[]) =>
  () =>
    values.shift() ?? 0.99;

const putFaults = (c: Ctx, payload: unknown) =>
  c.sim.app.inject({ method: 'PUT', url: '/_control/mi-faults', payload: payload as Record<string, unknown> });
const getFaults = async (c: Ctx) =>
  (await c.sim.app.inject({ method: 'GET', url: '/_control/mi-faults' })).json<MiFaults>();
const bulk = (c: Ctx, program: string, transactions: Array<{ transaction: string; record: Record<string, string> }>) =>
  c.sim.app.inject({ method: 'POST', url: `${c.gw}/v2/execute`, headers: c.auth, payload: { program, transactions } });
const summary = async (c: Ctx) =>
  (await c.sim.app.inject({ method: 'GET', url: '/_control/state/batch-orders/summary' })).json<{
    entered: number;
    withErrors: number;
    released: number;
  }>();
const LOCKED = 'Record is locked by another user - try again later';

describe('MI faults (PUT /_control/mi-faults)', () => {
  it('are set and read through the control API, validated, taken from the option, and cleared by the reset', async () => {
    ctx = await setup({ miFaults: { lockedRate: 0.1 } });
    expect(await getFaults(ctx)).toEqual({ lockedRate: 0.1 });
    const faults = { lostAnswerRate: 0.2, transactions: ['OIS100MI/Confirm'], confirmErrorItems: ['ITM000002'] };
    const put = await putFaults(ctx, faults);
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual(faults);
    expect(await getFaults(ctx)).toEqual(faults);
    for (const bad of [{ lockedRate: 2 }, { lostAnswerRate: -0.1 }, { transactions: ['Confirm'] }, { other: 1 }]) {
      expect((await putFaults(ctx, bad)).statusCode).toBe(400);
    }
    expect(await getFaults(ctx)).toEqual(faults);
    await ctx.sim.app.inject({ method: 'POST', url: '/_control/reset' });
    expect(await getFaults(ctx)).toEqual({});
  });

  it('answer "record locked" without executing the call, in v1, v2 and per transaction in v2 bulk', async () => {
    ctx = await setup({ random: () => 0, miFaults: { lockedRate: 1, transactions: ['OIS100MI/AddBatchHead'] } });
    const v1 = await ctx.v1('OIS100MI/AddBatchHead?CUNO=C000001&CUOR=000000001');
    expect(v1.statusCode).toBe(200);
    const body = v1.json<Record<string, unknown>>();
    expect(body).toMatchObject({ '@type': 'ServerReturnedNOK', '@code': 'XRE0102', '@field': 'CUNO' });
    expect((body.Message as string).trimEnd()).toBe(LOCKED);
    expect(LOCKED).toMatch(/\blocked\b/);

    const v2 = await ctx.v2('OIS100MI/AddBatchHead?CUNO=C000001');
    expect(v2.statusCode).toBe(200);
    expect(v2.json()).toMatchObject({
      nrOfFailedTransactions: 1,
      results: [{ errorCode: 'XRE0102', errorType: 'ServerReturnedNOK', errorMessage: LOCKED }],
    });
    const res = await bulk(ctx, 'OIS100MI', [
      { transaction: 'AddBatchHead', record: { CUNO: 'C000001' } },
      { transaction: 'LstBatchHead', record: { CUNO: 'C000001' } },
    ]);
    expect(res.json()).toMatchObject({
      nrOfSuccessfullTransactions: 1,
      nrOfFailedTransactions: 1,
      results: [{ errorCode: 'XRE0102' }, { records: [] }],
    });
    expect(ctx.sim.state.batchOrders.size).toBe(0);
    // other transactions are not faulted
    expect(rec((await ctx.v1('CRS610MI/GetBasicData?CUNO=C000001')).json<V1Body>()).CUNO).toBe('C000001');
  });

  it('draw with the injected randomness: a rate of 0.5 locks the calls whose draw is below it', async () => {
    ctx = await setup({ random: sequence(0.7, 0.2, 0.6), miFaults: { lockedRate: 0.5 } });
    const answers = [];
    for (const cuor of ['A', 'B', 'C']) {
      answers.push((await ctx.v1(`OIS100MI/AddBatchHead?CUNO=C000001&CUOR=${cuor}`)).json<Record<string, unknown>>());
    }
    expect(answers.map((a) => a['@code'] ?? 'OK')).toEqual(['OK', 'XRE0102', 'OK']);
    expect([...ctx.sim.state.batchOrders.values()].map((b) => b.head.CUOR)).toEqual(['A', 'C']);
  });

  it('lose the answer of an executed v1 call: HTTP 500 with the gateway body, the effect kept', async () => {
    ctx = await setup({ random: () => 0 });
    await putFaults(ctx, { lostAnswerRate: 1, transactions: ['OIS100MI/AddBatchHead', 'OIS100MI/Confirm'] });
    const head = await ctx.v1('OIS100MI/AddBatchHead?CUNO=C000001&CUOR=000000011');
    expect(head.statusCode).toBe(500);
    expect(head.json()).toEqual({ error: 'Internal Server Error', status: 500 });
    expect(await summary(ctx)).toMatchObject({ entered: 1, released: 0 });
    const [batch] = [...ctx.sim.state.batchOrders.values()];
    const temp = batch?.tempOrno ?? '';
    // the caller finds its batch order by CUOR and carries on
    const listed = (await ctx.v1('OIS100MI/LstBatchHead?CUNO=C000001')).json<V1Body>();
    expect(rec(listed)).toMatchObject({ ORNO: temp, CUOR: '000000011' });
    await ctx.v1(`OIS100MI/AddBatchLine?ORNO=${temp}&ITNO=ITM000001&ORQT=1&WHLO=100&CUPO=1`);
    const confirm = await ctx.v1(`OIS100MI/Confirm?ORNO=${temp}`);
    expect(confirm.statusCode).toBe(500);
    const real = rec((await ctx.v1(`OIS100MI/GetOrderNo?ORNO=${temp}`)).json<V1Body>()).ORNR ?? '';
    expect(real).toMatch(/^1\d{9}$/);
    expect(ctx.sim.state.orders.get(real)?.head.CUOR).toBe('000000011');
  });

  it('lose the answer of a v2 single call and of a v2 bulk request whose transactions all ran', async () => {
    ctx = await setup({ random: () => 0 });
    const temp = rec((await ctx.v1('OIS100MI/AddBatchHead?CUNO=C000001&CUOR=000000012')).json<V1Body>()).ORNO ?? '';
    await putFaults(ctx, { lostAnswerRate: 1, transactions: ['OIS100MI/AddBatchLine'] });
    const single = await ctx.v2(`OIS100MI/AddBatchLine?ORNO=${temp}&ITNO=ITM000001&ORQT=1&WHLO=100&CUPO=1`);
    expect(single.statusCode).toBe(500);
    const res = await bulk(ctx, 'OIS100MI', [
      { transaction: 'AddBatchLine', record: { ORNO: temp, ITNO: 'ITM000002', ORQT: '1', WHLO: '100', CUPO: '2' } },
      { transaction: 'AddBatchLine', record: { ORNO: temp, ITNO: 'ITM000003', ORQT: '1', WHLO: '100', CUPO: '3' } },
    ]);
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: 'Internal Server Error', status: 500 });
    const lines = (await ctx.v1(`OIS100MI/LstBatchLine?ORNO=${temp}`)).json<V1Body>();
    expect(lines.MIRecord.map((r) => rec(lines, r.RowIndex).CUPO)).toEqual(['1', '2', '3']);
  });

  it('confirmErrorItems: Confirm records the error and answers STAT 15 with the temporary number; the batch stays', async () => {
    ctx = await setup();
    await putFaults(ctx, { confirmErrorItems: ['ITM000002'] });
    const temp = rec((await ctx.v1('OIS100MI/AddBatchHead?CUNO=C000001&CUOR=000000013')).json<V1Body>()).ORNO ?? '';
    await ctx.v1(`OIS100MI/AddBatchLine?ORNO=${temp}&ITNO=ITM000001&ORQT=1&WHLO=100&CUPO=1`);
    await ctx.v1(`OIS100MI/AddBatchLine?ORNO=${temp}&ITNO=ITM000002&ORQT=1&WHLO=100&CUPO=2`);
    for (let i = 0; i < 2; i++) {
      expect(rec((await ctx.v1(`OIS100MI/Confirm?ORNO=${temp}`)).json<V1Body>())).toEqual({ ORNO: temp, STAT: '15' });
    }
    expect(ctx.sim.state.orders.size).toBe(0);
    expect(rec((await ctx.v1(`OIS100MI/GetBatchHead?ORNO=${temp}`)).json<V1Body>()).STAT).toBe('15');
    expect(rec((await ctx.v1(`OIS100MI/GetOrderNo?ORNO=${temp}`)).json<V1Body>())).toEqual({ ORNR: '' });
    const errors = (await ctx.v1(`OIS100MI/LstErrMsgOrder?ORNO=${temp}`)).json<V1Body>();
    expect(errors.MIRecord.map((r) => rec(errors, r.RowIndex))).toEqual([
      { LEVL: '1', MDTA: 'ITNO', TX60: 'Item ITM000002 is blocked for sale', MSID: 'XIT0001' },
    ]);
    expect(await summary(ctx)).toMatchObject({ entered: 0, withErrors: 1, released: 0 });
  });
});
