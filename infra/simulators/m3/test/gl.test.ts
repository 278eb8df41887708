import { afterEach, describe, expect, it } from 'vitest';
import { formatI1 } from '../src/index';
import { rec, setup, type V1Body } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => ctx?.sim.close());

const line = (grnr: string, account: string, amount: number) =>
  encodeURIComponent(
    formatI1({
      GRNR: grnr,
      DIVI: 'AAA',
      AIT: [account],
      CUCD: 'EUR',
      CUAM: amount,
      ACDT: '20260515',
      VTXT: 'Magento payment 000000042',
    }),
  );

describe('GLS840MI journal import → GLS200MI voucher', () => {
  it('posts a balanced batch as a voucher and refuses a second batch with the same KEY1', async () => {
    ctx = await setup();
    const head = await ctx.v1('GLS840MI/AddBatchHead?KEY1=PAY-000000042&INTN=MAGENTO&DESC=Payment%20000000042');
    expect(head.json<V1Body>()).toMatchObject({ Program: 'GLS840MI', Transaction: 'AddBatchHead', MIRecord: [] });
    expect(
      (await ctx.v1(`GLS840MI/AddBatchLine?KEY1=PAY-000000042&LINE=1&PARM=${line('1', '1930', 99.5)}`)).json<V1Body>()
        .MIRecord,
    ).toEqual([]);
    await ctx.v1(`GLS840MI/AddBatchLine?KEY1=PAY-000000042&LINE=2&PARM=${line('1', '1510', -99.5)}`);
    expect((await ctx.v1('GLS840MI/CtrlBatch?KEY1=PAY-000000042')).json<V1Body>().MIRecord).toEqual([]);
    expect((await ctx.v1('GLS840MI/UpdBatch?KEY1=PAY-000000042')).json<V1Body>().MIRecord).toEqual([]);

    const batch = ctx.sim.state.glBatches.get('PAY-000000042');
    expect(batch?.status).toBe('updated');
    const vono = batch?.vouchers[0] ?? '';
    const vhead = rec((await ctx.v1(`GLS200MI/GetVoucherHead?DIVI=AAA&YEA4=2026&VONO=${vono}`)).json<V1Body>());
    expect(vhead).toMatchObject({ VONO: vono, DSUM: '99.5', CUCD: 'EUR' });
    const vlines = (await ctx.v1(`GLS200MI/LstVoucherLines?DIVI=AAA&YEA4=2026&VONO=${vono}`)).json<V1Body>();
    expect(vlines.MIRecord.map((r) => rec(vlines, r.RowIndex)).map((r) => [r.AIT1, r.ACAM, r.DBCR])).toEqual([
      ['1930', '99.5', 'D'],
      ['1510', '-99.5', 'C'],
    ]);
    expect((await ctx.v1('GLS840MI/AddBatchHead?KEY1=PAY-000000042&INTN=MAGENTO&DESC=again')).json()).toMatchObject({
      '@type': 'ServerReturnedNOK',
      '@field': 'KEY1',
    });
  });

  it('refuses an unbalanced batch and a malformed line', async () => {
    ctx = await setup();
    await ctx.v1('GLS840MI/AddBatchHead?KEY1=K2&INTN=MAGENTO&DESC=x');
    await ctx.v1(`GLS840MI/AddBatchLine?KEY1=K2&LINE=1&PARM=${line('1', '1930', 10)}`);
    const upd = (await ctx.v1('GLS840MI/UpdBatch?KEY1=K2')).json<Record<string, string>>();
    expect(upd).toMatchObject({ '@type': 'ServerReturnedNOK', '@field': 'PARM' });
    expect(upd.Message?.trim()).toBe('Voucher 1 is not balanced, difference 10.00');
    await ctx.v1('GLS840MI/AddBatchLine?KEY1=K2&LINE=2&PARM=garbage');
    expect((await ctx.v1('GLS840MI/CtrlBatch?KEY1=K2')).json()).toMatchObject({ '@field': 'PARM' });
    expect(ctx.sim.state.vouchers.size).toBe(0);
    expect((await ctx.v1('GLS840MI/AddBatchLine?KEY1=NOPE&LINE=1&PARM=x')).json()).toMatchObject({ '@field': 'KEY1' });
  });
});
