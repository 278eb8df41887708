import { afterEach, describe, expect, it } from 'vitest';
import { setup } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => ctx?.sim.close());

interface V2 {
  results: Array<Record<string, unknown> & { transaction: string; records: Array<Record<string, string>> }>;
  wasTerminated: boolean;
  nrOfSuccessfullTransactions: number;
  nrOfFailedTransactions: number;
  nrOfNotProcessedTransactions: number;
}

describe('MI REST v2 contract (FORMAT-NOTES 18-19)', () => {
  it('returns flat, trimmed records and the misspelt counters', async () => {
    ctx = await setup();
    const res = await ctx.v2('MMS200MI/LstItmByItm?ITNO=ITM000001&maxrecs=2&returncols=ITNO,ITDS,UNMS');
    expect(res.statusCode).toBe(200);
    const body = res.json<V2>();
    expect(body).toMatchObject({
      wasTerminated: false,
      nrOfSuccessfullTransactions: 1,
      nrOfFailedTransactions: 0,
      nrOfNotProcessedTransactions: 0,
    });
    expect(body.results[0]?.transaction).toBe('LstItmByItm');
    expect(body.results[0]?.records).toHaveLength(2);
    expect(body.results[0]?.records[0]).toEqual({ ITNO: 'ITM000001', ITDS: expect.any(String) as string, UNMS: 'PCS' });
    expect(body.results[0]?.records[0]?.ITDS).toBe(body.results[0]?.records[0]?.ITDS?.trimEnd());
  });

  it('puts business errors in results[0] with HTTP 200', async () => {
    ctx = await setup();
    const res = await ctx.v2('MMS200MI/GetItmBasic?ITNO=UNKNOWN');
    expect(res.statusCode).toBe(200);
    const body = res.json<V2>();
    expect(body.nrOfFailedTransactions).toBe(1);
    expect(body.nrOfSuccessfullTransactions).toBe(0);
    expect(body.results[0]).toMatchObject({
      errorMessage: 'Item number is invalid',
      errorCode: 'XIM0002',
      errorField: 'ITNO',
      errorType: 'ServerReturnedNOK',
      records: [],
    });
  });

  it('answers request errors with HTTP 400 and the error on top', async () => {
    ctx = await setup();
    const res = await ctx.v2('OIS100MI/AddLine?ORNO=1');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      wasTerminated: true,
      terminationErrorType: 'TransactionNotFound',
      errorType: 'TransactionNotFound',
    });
    const missing = await ctx.v2('OIS100MI/GetHead');
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ errorField: 'ORNO', errorType: 'MandatoryInputFieldNotFound' });
  });

  it('runs a bulk request: one result per transaction, failures counted, others still processed', async () => {
    ctx = await setup();
    const res = await ctx.sim.app.inject({
      method: 'POST',
      url: `${ctx.gw}/v2/execute`,
      headers: ctx.auth,
      payload: {
        program: 'MMS200MI',
        cono: 100,
        excludeEmptyValues: true,
        rightTrim: true,
        maxReturnedRecords: 0,
        transactions: [
          { transaction: 'GetItmBasic', record: { ITNO: 'ITM000001' }, selectedColumns: ['ITNO', 'STAT'] },
          { transaction: 'GetItmBasic', record: { ITNO: 'NOPE' } },
          {
            transaction: 'GetItmWhsBal',
            record: { ITNO: 'ITM000001', WHLO: '200' },
            selectedColumns: ['WHLO', 'STQT'],
          },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<V2>();
    expect(body.nrOfSuccessfullTransactions).toBe(2);
    expect(body.nrOfFailedTransactions).toBe(1);
    expect(body.results.map((r) => r.transaction)).toEqual(['GetItmBasic', 'GetItmBasic', 'GetItmWhsBal']);
    expect(body.results[0]?.records).toEqual([{ ITNO: 'ITM000001', STAT: '20' }]);
    expect(body.results[1]).toMatchObject({ errorCode: 'XIM0002', errorField: 'ITNO' });
    expect(body.results[2]?.records[0]?.WHLO).toBe('200');
    const bad = await ctx.sim.app.inject({
      method: 'POST',
      url: `${ctx.gw}/v2/execute`,
      headers: ctx.auth,
      payload: { transactions: [] },
    });
    expect(bad.statusCode).toBe(400);
  });
});
