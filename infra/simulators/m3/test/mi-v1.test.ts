import { afterEach, describe, expect, it } from 'vitest';
import { raw, rec, setup, type V1Body } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => ctx?.sim.close());

describe('MI REST v1 contract (FORMAT-NOTES 12-17)', () => {
  it('returns Program, Transaction, Metadata and MIRecord with values right-padded to the field length', async () => {
    ctx = await setup();
    const res = await ctx.v1('CRS610MI/GetBasicData?CUNO=C000001&_rid=12345');
    expect(res.statusCode).toBe(200);
    const body = res.json<V1Body>();
    expect(Object.keys(body)).toEqual(['Program', 'Transaction', 'Metadata', 'MIRecord']);
    expect(body.Program).toBe('CRS610MI');
    expect(body.Transaction).toBe('GetBasicData');
    expect(body.Metadata?.Field).toContainEqual({
      '@name': 'CUNM',
      '@type': 'A',
      '@length': 36,
      '@description': 'Customer name',
    });
    expect(body.MIRecord[0]?.RowIndex).toBe(0);
    const values = raw(body);
    expect(values.CUNO).toBe('C000001   ');
    expect(values.CUNM).toHaveLength(36);
    expect(values.MAIL).toHaveLength(50);
    expect(values.CONO).toBe('100');
    for (const f of body.Metadata?.Field ?? []) expect([...(values[f['@name']] ?? '')].length).toBe(f['@length']);
  });

  it('applies maxrecs (default 100, 0 = all) and returncols', async () => {
    ctx = await setup({ seed: { items: 150 } });
    const dflt = (await ctx.v1('MMS200MI/LstItmByItm?ITNO=ITM000001')).json<V1Body>();
    expect(dflt.MIRecord).toHaveLength(100);
    const all = (await ctx.v1('MMS200MI/LstItmByItm;maxrecs=0?ITNO=ITM000001')).json<V1Body>();
    expect(all.MIRecord).toHaveLength(150);
    const some = (await ctx.v1('MMS200MI/LstItmByItm;maxrecs=3;returncols=ITNO,ITDS?ITNO=ITM000010')).json<V1Body>();
    expect(some.MIRecord.map((r) => rec(some, r.RowIndex).ITNO)).toEqual(['ITM000010', 'ITM000011', 'ITM000012']);
    expect(some.MIRecord[0]?.NameValue.map((nv) => nv.Name)).toEqual(['ITNO', 'ITDS']);
    expect(some.Metadata?.Field.map((f) => f['@name'])).toEqual(['ITNO', 'ITDS']);
  });

  it('supports ;metadata=false and ;excludempty=true', async () => {
    ctx = await setup();
    const body = (await ctx.v1('CRS610MI/GetBasicData;metadata=false;excludempty=true?CUNO=C000001')).json<V1Body>();
    expect(body.Metadata).toBeUndefined();
    const names = body.MIRecord[0]?.NameValue.map((nv) => nv.Name) ?? [];
    expect(names).toContain('CUNM');
    expect(names).not.toContain('CUA2');
  });

  it('answers business errors as HTTP 200 ServerReturnedNOK with a 132-char message, code and field', async () => {
    ctx = await setup();
    const res = await ctx.v1('CRS610MI/GetBasicData?CUNO=NOPE');
    expect(res.statusCode).toBe(200);
    const body = res.json<Record<string, unknown>>();
    expect(Object.keys(body)).toEqual(['Message', '@type', '@code', '@cfg', '@field']);
    expect(body).toMatchObject({ '@type': 'ServerReturnedNOK', '@code': 'XIM0002', '@cfg': null, '@field': 'CUNO' });
    expect(body.Message).toHaveLength(132);
    expect((body.Message as string).trimEnd()).toBe('Customer number is invalid');
  });

  it('rejects an unauthorised company with XAU0008 on CONO', async () => {
    ctx = await setup();
    const body = (await ctx.v1('MMS005MI/GetWarehouse;cono=200?WHLO=100')).json<Record<string, unknown>>();
    expect(body).toMatchObject({ '@code': 'XAU0008', '@field': 'CONO', '@type': 'ServerReturnedNOK' });
    expect((body.Message as string).trim()).toBe('Not authorized for company 200');
  });

  it('reports TransactionNotFound, MandatoryInputFieldNotFound and InputFieldTooLong', async () => {
    ctx = await setup();
    const missingTx = (await ctx.v1('OIS100MI/AddHead?CUNO=C000001')).json<Record<string, unknown>>();
    expect(missingTx['@type']).toBe('TransactionNotFound');
    expect(missingTx.Message).toHaveLength(132);
    const missingField = (await ctx.v1('OIS100MI/AddBatchHead')).json<Record<string, unknown>>();
    expect(missingField).toMatchObject({ '@type': 'MandatoryInputFieldNotFound', '@field': 'CUNO' });
    const tooLong = (await ctx.v1(`CRS610MI/Add?CUTM=TEMPLATE&CUNM=${'x'.repeat(37)}&CUA1=Street`)).json<
      Record<string, unknown>
    >();
    expect(tooLong).toMatchObject({ '@type': 'InputFieldTooLong', '@field': 'CUNM' });
    // 36 non-ASCII characters fit: lengths count characters
    const ok = (
      await ctx.v1(`CRS610MI/Add?CUTM=TEMPLATE&CUNM=${encodeURIComponent('Ø'.repeat(36))}&CUA1=Street`)
    ).json<V1Body>();
    expect(rec(ok).CUNO).toMatch(/^C9\d{5}$/);
  });

  it('finds a customer by e-mail through LstByName (MAIL is an output) and adds addresses', async () => {
    ctx = await setup();
    const added = rec(
      (
        await ctx.v1(`CRS610MI/Add?CUTM=TEMPLATE&CUNM=Zoe%20Zed&CUA1=Main%201&MAIL=zoe%40example.com&CSCD=SE&TOWN=Lund`)
      ).json<V1Body>(),
    );
    const list = (await ctx.v1('CRS610MI/LstByName;maxrecs=0;returncols=CUNO,MAIL')).json<V1Body>();
    const found = list.MIRecord.map((r) => rec(list, r.RowIndex)).filter((r) => r.MAIL === 'zoe@example.com');
    expect(found).toEqual([{ CUNO: added.CUNO, MAIL: 'zoe@example.com' }]);

    const addr = await ctx.v1(
      `CRS610MI/AddAddress?CUNO=${added.CUNO}&ADRT=1&ADID=WEB1&CUA1=Dock%202&PONO=22100&CSCD=SE&TOWN=Lund`,
    );
    expect(rec(addr.json<V1Body>())).toMatchObject({ CUNO: added.CUNO, ADRT: '1', ADID: 'WEB1' });
    const dup = await ctx.v1(
      `CRS610MI/AddAddress?CUNO=${added.CUNO}&ADRT=1&ADID=WEB1&CUA1=Dock%202&PONO=22100&CSCD=SE&TOWN=Lund`,
    );
    expect(dup.json()).toMatchObject({ '@type': 'ServerReturnedNOK', '@field': 'ADID' });
    const addrs = (await ctx.v1(`CRS610MI/LstAddresses?CUNO=${added.CUNO}`)).json<V1Body>();
    expect(rec(addrs)).toMatchObject({ ADID: 'WEB1', CUA1: 'Dock 2', CUNM: 'Zoe Zed' });

    const chg = await ctx.v1(`CRS610MI/ChgBasicData?CUNO=${added.CUNO}&PHNO=123`);
    expect(rec(chg.json<V1Body>()).CUNO).toBe(added.CUNO);
    expect(rec((await ctx.v1(`CRS610MI/GetBasicData?CUNO=${added.CUNO}`)).json<V1Body>())).toMatchObject({
      PHNO: '123',
      CUNM: 'Zoe Zed',
    });
  });

  it('reads item, warehouse and balances and validates existence', async () => {
    ctx = await setup();
    expect(rec((await ctx.v1('MMS200MI/GetItmBasic?ITNO=ITM000002')).json<V1Body>()).ITNO).toBe('ITM000002');
    expect(rec((await ctx.v1('MMS005MI/GetWarehouse?WHLO=100')).json<V1Body>()).WHLO).toBe('100');
    const wh = (await ctx.v1('MMS005MI/LstWarehouses')).json<V1Body>();
    expect(wh.MIRecord).toHaveLength(2);
    const bal = rec((await ctx.v1('MMS200MI/GetItmWhsBal?WHLO=100&ITNO=ITM000002')).json<V1Body>());
    expect(Number(bal.STQT)).toBe(Number(bal.AVAL) + Number(bal.ALQT));
    const badWh = (await ctx.v1('MMS200MI/GetItmWhsBal?WHLO=999&ITNO=ITM000002')).json<unknown>();
    expect(badWh).toMatchObject({ '@code': 'XIM0002', '@field': 'WHLO' });
    const lots = (await ctx.v1('MMS060MI/List;maxrecs=5?WHLO=100')).json<V1Body>();
    expect(lots.MIRecord).toHaveLength(5);
    expect(rec(lots)).toMatchObject({ WHLO: '100', ITNO: 'ITM000001' });
    const one = (await ctx.v1('MMS060MI/LstBalID?WHLO=200&ITNO=ITM000003')).json<V1Body>();
    expect(one.MIRecord.map((r) => rec(one, r.RowIndex).ITNO)).toEqual(['ITM000003']);
  });
});
