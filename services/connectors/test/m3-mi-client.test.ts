// The M3 connector's MI client on MI REST v2 (single and bulk) against the M3 simulator, and the v2 reader
// on answers the simulator does not make (terminated calls, "false" as a string, unprocessed transactions).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@m3mage/runtime';
import { isReadTransaction, isTerminated, parseMiResults, type MiPolicy } from '../src/m3';
import { m3Rig, type M3Rig } from './support/m3-rig';

describe('MI client on v2 against the M3 simulator', () => {
  let rig: M3Rig;
  const refined: string[] = [];
  const policy: MiPolicy = {
    refine: (err, operation, fields) => {
      refined.push(`${operation}:${fields['ITNO'] ?? fields['ORNO'] ?? ''}`);
      return err;
    },
  };
  beforeAll(async () => {
    rig = await m3Rig({}, { version: 'v2', policy });
  });
  afterAll(() => rig.close());
  const v2Calls = () => rig.sim.recorder.list({ pathPrefix: `/${rig.ionapi.tenant}/M3/m3api-rest/v2/execute` });

  it('reads flat records from /v2/execute with the matrix options, values trimmed', async () => {
    const [rec] = await rig.mi.execute(
      'CRS610MI',
      'GetBasicData',
      { CUNO: 'C000001' },
      { returncols: ['CUNO', 'CUNM'] },
    );
    expect(Object.keys(rec ?? {})).toEqual(['CUNO', 'CUNM']);
    expect(rec?.['CUNO']).toBe('C000001');
    expect(rec?.['CUNM']).not.toMatch(/\s$/);
    expect(v2Calls().at(-1)?.path).toContain('/v2/execute/CRS610MI/GetBasicData;returncols=CUNO,CUNM;cono=100');
  });

  it('turns a v2 NOK (HTTP 200, results[0]) into M3_NOK with code and field, through the policy', async () => {
    const err = await rig.mi.execute('OIS100MI', 'GetHead', { ORNO: 'NOPE' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'M3_NOK', retriable: false, details: { m3Code: 'XIM0002', m3Field: 'ORNO' } });
    expect(refined.at(-1)).toBe('OIS100MI/GetHead:NOPE');
  });

  it('turns a v2 top-level error (HTTP 400) into its specific code', async () => {
    const err = await rig.mi.execute('CRS610MI', 'NoSuchTransaction', {}).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'M3_TRANSACTION_NOT_FOUND', details: { status: 400 } });
  });

  it('sends a bulk of one program in one request and keeps each transaction its own outcome', async () => {
    const before = v2Calls().length;
    refined.length = 0;
    const results = await rig.mi.bulk('MMS200MI', [
      { transaction: 'GetItmBasic', input: { ITNO: 'ITM000001' }, returncols: ['ITNO', 'STAT'] },
      { transaction: 'GetItmBasic', input: { ITNO: 'NO-SUCH-ITEM' } },
      { transaction: 'GetItmBasic', input: { ITNO: 'ITM000002' } },
    ]);
    expect(v2Calls().length).toBe(before + 1);
    const call = v2Calls().at(-1);
    expect(call?.method).toBe('POST');
    expect(call?.body).toMatchObject({ program: 'MMS200MI', cono: '100', rightTrim: true });
    expect(results.map((r) => r.transaction)).toEqual(['GetItmBasic', 'GetItmBasic', 'GetItmBasic']);
    const [first, missing, third] = results;
    expect(first).toEqual({ transaction: 'GetItmBasic', records: [{ ITNO: 'ITM000001', STAT: '20' }] });
    expect(missing && 'error' in missing ? missing.error : undefined).toMatchObject({
      code: 'M3_NOK',
      details: { m3Field: 'ITNO', m3Category: 'not-found' },
    });
    expect(third && 'records' in third ? third.records[0]?.['ITNO'] : undefined).toBe('ITM000002');
    expect(refined).toEqual(['MMS200MI/GetItmBasic:NO-SUCH-ITEM']);
  });

  it('refuses a bulk whose input is longer than an M3 field before calling M3', async () => {
    const before = v2Calls().length;
    const err = await rig.mi
      .bulk('MMS200MI', [{ transaction: 'GetItmBasic', input: { ITNO: 'X'.repeat(16) } }])
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'M3_FIELD_TOO_LONG', details: { m3Field: 'ITNO', max: 15 } });
    expect(v2Calls().length).toBe(before);
  });
});

describe('parseMiResults (the v2 reader)', () => {
  it('accepts wasTerminated as the string "false" and reads each result', () => {
    const body = {
      results: [{ transaction: 'GetItmBasic', records: [{ ITNO: 'A  ', NEWE: 1.5 }] }],
      wasTerminated: 'false',
      nrOfSuccessfullTransactions: 1,
      nrOfFailedTransactions: 0,
    };
    expect(parseMiResults(body)).toEqual([{ transaction: 'GetItmBasic', records: [{ ITNO: 'A', NEWE: '1.5' }] }]);
  });

  it('reads wasTerminated spelt with spaces or capitals, and booleans in records as their text', () => {
    expect(isTerminated(' TRUE ')).toBe(true);
    expect(isTerminated('false')).toBe(false);
    expect(isTerminated(false)).toBe(false);
    const body = { results: [{ transaction: 'Get', records: [{ FLAG: true, NONE: null }] }] };
    expect(parseMiResults(body)).toEqual([{ transaction: 'Get', records: [{ FLAG: 'true', NONE: '' }] }]);
  });

  it('fails the whole call when M3 terminated it without naming a transaction', () => {
    const body = {
      results: [],
      wasTerminated: 'true',
      terminationReason: 'Bulk job stopped',
      nrOfFailedTransactions: 0,
    };
    expect(() => parseMiResults(body)).toThrow(expect.objectContaining({ code: 'M3_NOK' }));
    expect(() => parseMiResults(body)).toThrow(/Bulk job stopped/);
  });

  it('makes a transaction M3 did not process a retriable error of its own', () => {
    const body = {
      results: [
        {
          transaction: 'AddItmBasic',
          records: [],
          errorType: 'ServerReturnedNOK',
          errorCode: 'WIT0203',
          errorMessage: 'x',
        },
        { transaction: 'AddItmBasic', records: [], notProcessed: true },
      ],
      wasTerminated: true,
      nrOfFailedTransactions: 1,
      nrOfNotProcessedTransactions: 1,
    };
    const [failed, skipped] = parseMiResults(body);
    expect(failed && 'error' in failed ? failed.error.details : undefined).toMatchObject({ m3Code: 'WIT0203' });
    expect(skipped && 'error' in skipped ? skipped.error : undefined).toMatchObject({
      code: 'M3_NOK',
      retriable: true,
      details: { notProcessed: true },
    });
  });

  it('refuses an answer that is not a JSON object', () => {
    expect(() => parseMiResults('<html>')).toThrow(expect.objectContaining({ code: 'HTTP_4XX' }));
  });
});

describe('isReadTransaction (the default repeat rule)', () => {
  it('lets reads be sent twice and nothing else', () => {
    expect(['CRS610MI/GetBasicData', 'OIS100MI/LstBatchHead', 'MMS200MI/SearchItem'].map(isReadTransaction)).toEqual([
      true,
      true,
      true,
    ]);
    expect(['OIS100MI/AddBatchHead', 'CRS610MI/ChgBasicData', 'OIS100MI/Confirm'].map(isReadTransaction)).toEqual([
      false,
      false,
      false,
    ]);
  });
});
