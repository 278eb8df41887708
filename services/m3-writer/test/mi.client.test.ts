import { AppError } from '@m3mage/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMiRecords } from '@m3mage/connectors/m3';
import { grantsSeen, m3Rig, type M3Rig } from './support/m3';

describe('parseMiRecords', () => {
  it('turns MIRecord[].NameValue[] into records with trimmed values', () => {
    const body = {
      Program: 'CRS610MI',
      Transaction: 'GetBasicData',
      MIRecord: [
        {
          RowIndex: 0,
          NameValue: [
            { Name: 'CUNO', Value: 'C000001   ' },
            { Name: 'CUNM', Value: 'Anna Müller                         ' },
            { Name: 'PHNO', Value: '' },
          ],
        },
      ],
    };
    expect(parseMiRecords(body)).toEqual([{ CUNO: 'C000001', CUNM: 'Anna Müller', PHNO: '' }]);
  });

  it('reads an answer without records as an empty list', () => {
    expect(parseMiRecords({ Program: 'OIS100MI', Transaction: 'AddBatchAddress', MIRecord: [] })).toEqual([]);
    expect(parseMiRecords({ Program: 'OIS100MI', Transaction: 'AddBatchAddress' })).toEqual([]);
  });
});

describe('MI client against the M3 simulator', () => {
  let rig: M3Rig;
  beforeAll(async () => {
    rig = await m3Rig();
  });
  afterAll(() => rig.close());

  it('executes a transaction through the ION API gateway and trims the padded output', async () => {
    const [rec] = await rig.mi.execute('CRS610MI', 'GetBasicData', { CUNO: 'C000001' });
    expect(rec?.['CUNO']).toBe('C000001');
    expect(rec?.['CUNM']).not.toMatch(/\s$/);
    const call = rig.sim.recorder.list({ pathPrefix: `/${rig.ionapi.tenant}/M3/m3api-rest/execute/CRS610MI` }).at(-1);
    expect(call?.path).toContain('GetBasicData;cono=100');
    expect(call?.headers['authorization']).toBe('Bearer [REDACTED]');
  });

  it('sends maxrecs and returncols as matrix parameters', async () => {
    const recs = await rig.mi.execute('CRS610MI', 'LstByName', {}, { maxrecs: 3, returncols: ['CUNO', 'MAIL'] });
    expect(recs).toHaveLength(3);
    expect(Object.keys(recs[0] ?? {})).toEqual(['CUNO', 'MAIL']);
  });

  it('turns an HTTP-200 ServerReturnedNOK into an AppError with code and field', async () => {
    const err = await rig.mi.execute('OIS100MI', 'GetHead', { ORNO: 'NOPE' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'M3_NOK', retriable: false, details: { m3Code: 'XIM0002', m3Field: 'ORNO' } });
  });

  it('classifies an unknown item on AddBatchLine as not-yet (retry) with an actionable reason', async () => {
    const [head] = await rig.mi.execute('OIS100MI', 'AddBatchHead', { CUNO: 'C000001', CUOR: 'T-ITNO' });
    const err = await rig.mi
      .execute('OIS100MI', 'AddBatchLine', { ORNO: head?.['ORNO'], ITNO: 'NO-SUCH-SKU', ORQT: '1', WHLO: '100' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'MAPPING_NOT_YET', retriable: true });
    expect((err as Error).message).toContain('Item NO-SUCH-SKU');
    expect((err as Error).message).toContain('SKU → ITNO');
  });

  it('refuses a value longer than the M3 field before calling M3', async () => {
    const before = rig.sim.recorder.list().length;
    const err = await rig.mi
      .execute('CRS610MI', 'Add', { CUTM: 'TEMPLATE', CUNM: 'x'.repeat(37), CUA1: 'street' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'M3_FIELD_TOO_LONG', retriable: false, details: { m3Field: 'CUNM', max: 36 } });
    expect(rig.sim.recorder.list().length).toBe(before);
  });

  it('counts characters, not bytes: 36 non-ASCII characters fit CUNM', async () => {
    const [rec] = await rig.mi.execute('CRS610MI', 'Add', { CUTM: 'TEMPLATE', CUNM: 'Ø'.repeat(36), CUA1: 'Gata 1' });
    expect(rec?.['CUNO']).toMatch(/^C9/);
  });

  it('re-authenticates once on 401 and repeats the call', async () => {
    await rig.mi.execute('CRS610MI', 'GetBasicData', { CUNO: 'C000001' });
    const grants = grantsSeen(rig.sim).length;
    rig.sim.tokens.clear(); // the gateway forgets every token: next call gets 401
    const [rec] = await rig.mi.execute('CRS610MI', 'GetBasicData', { CUNO: 'C000002' });
    expect(rec?.['CUNO']).toBe('C000002');
    expect(grantsSeen(rig.sim).slice(grants)).toEqual(['password']);
  });
});
