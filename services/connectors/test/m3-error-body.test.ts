// parseM3Error reads the business error an M3 MI REST body carries (v1 and v2), and classifyM3Nok says
// what a ServerReturnedNOK means for the pipeline.
import { describe, expect, it } from 'vitest';
import { classifyM3Nok, parseM3Error } from '../src/m3';

describe('parseM3Error: not an error', () => {
  it.each([
    ['null', null],
    ['a string', 'ServerReturnedNOK'],
    ['a v1 success', { Program: 'CRS610MI', Transaction: 'GetBasicData', MIRecord: [] }],
    ['a v1 body with another @type', { '@type': 'Notification', Message: 'Server restarting tonight' }],
    [
      'a v2 bulk where every transaction succeeded',
      { results: [{ transaction: 'AddBatchHead', records: [{ ORNO: '1' }] }], nrOfSuccessfullTransactions: 1 },
    ],
  ])('%s', (_, body) => {
    expect(parseM3Error(body)).toBeUndefined();
  });

  it('skips malformed entries in results[]', () => {
    const body = { results: [null, 'x', { transaction: 'AddBatchLine', errorCode: 'WIT0203' }] };
    expect(parseM3Error(body)).toMatchObject({ code: 'WIT0203', transaction: 'AddBatchLine' });
  });
});

describe('parseM3Error: v1', () => {
  it('reads a top-level NOK as not partial, keeping the human part of the padded message', () => {
    const body = {
      '@type': 'ServerReturnedNOK',
      '@code': 'WCU0203',
      '@field': 'CUNO      ',
      Message: 'CUNO      Customer number  Y30000 does not exist'.padEnd(132, ' '),
    };
    expect(parseM3Error(body)).toStrictEqual({
      version: 1,
      type: 'ServerReturnedNOK',
      code: 'WCU0203',
      field: 'CUNO',
      message: 'Customer number Y30000 does not exist',
      partial: false,
    });
  });

  it('strips a leading code, then a leading field, but not the same words elsewhere', () => {
    const body = {
      '@type': 'ServerReturnedNOK',
      '@code': 'XIM0002',
      '@field': 'CUNO',
      Message: 'XIM0002 CUNO invalid',
    };
    expect(parseM3Error(body)?.message).toBe('invalid');
    const inText = { '@type': 'ServerReturnedNOK', '@field': 'CUNO', Message: 'Enter a valid CUNO' };
    expect(parseM3Error(inText)?.message).toBe('Enter a valid CUNO');
  });

  it('reads the message from a lower-case "message" when "Message" is missing', () => {
    expect(parseM3Error({ '@type': 'TransactionNotFound', message: 'Transaction AddX does not exist' })?.message).toBe(
      'Transaction AddX does not exist',
    );
  });

  it('reads a nested ErrorMessage as partial, whatever its @type', () => {
    const body = { MIRecord: [{ NameValue: [] }], ErrorMessage: { '@type': 'Unexpected', Message: 'stopped' } };
    expect(parseM3Error(body)).toMatchObject({ type: 'Unexpected', message: 'stopped', partial: true });
    expect(parseM3Error({ MIRecord: [], ErrorMessage: { Message: 'no type' } })).toBeUndefined();
  });
});

describe('parseM3Error: v2', () => {
  it('reads a top-level error (HTTP 400) as not partial', () => {
    const body = { errorCode: 'XIM0002', errorField: 'CUNO', errorMessage: 'Customer number is invalid' };
    expect(parseM3Error(body)).toStrictEqual({
      version: 2,
      type: 'ServerReturnedNOK',
      code: 'XIM0002',
      field: 'CUNO',
      message: 'Customer number is invalid',
      partial: false,
    });
  });

  it('keeps an errorType other than ServerReturnedNOK and treats a blank one as absent', () => {
    expect(parseM3Error({ errorType: 'MandatoryInputFieldNotFound', errorMessage: 'x' })?.type).toBe(
      'MandatoryInputFieldNotFound',
    );
    expect(parseM3Error({ errorCode: 'WIT0203', errorType: '  ', errorMessage: 'x' })?.type).toBe('ServerReturnedNOK');
  });

  it('falls back to the type, then the code, when there is no message left', () => {
    expect(parseM3Error({ errorCode: 'WIT0203' })).toMatchObject({ code: 'WIT0203', message: 'WIT0203' });
    expect(parseM3Error({ errorType: 'InputFieldTooLong' })?.message).toBe('InputFieldTooLong');
    expect(parseM3Error({ errorField: 'CUNO', errorMessage: 'CUNO' })?.message).toBe('M3 error');
  });

  it('finds the failed transaction by its code, type or message', () => {
    const ok = { transaction: 'AddBatchHead', records: [{ ORNO: '1' }] };
    for (const failed of [{ errorCode: 'WIT0203' }, { errorType: 'InputFieldTooLong' }, { errorMessage: 'Boom' }]) {
      const body = { results: [ok, { transaction: 'AddBatchLine', ...failed }], nrOfSuccessfullTransactions: 1 };
      expect(parseM3Error(body)).toMatchObject({ transaction: 'AddBatchLine', partial: true });
    }
  });

  it('is partial only when some transactions succeeded', () => {
    const body = (ok: number) => ({ results: [{ errorCode: 'WIT0203' }], nrOfSuccessfullTransactions: ok });
    expect(parseM3Error(body(0))?.partial).toBe(false);
    expect(parseM3Error(body(1))?.partial).toBe(true);
    expect(parseM3Error({ results: [{ errorCode: 'WIT0203' }] })?.partial).toBe(false);
  });

  it('reads a terminated bulk request from its termination fields', () => {
    const body = {
      results: [{ transaction: 'AddBatchHead', records: [{ ORNO: '1' }] }],
      wasTerminated: true,
      terminationErrorType: 'ServerTimeout',
      terminationReason: 'Max execution time exceeded',
      nrOfSuccessfullTransactions: 1,
    };
    expect(parseM3Error(body)).toStrictEqual({
      version: 2,
      type: 'ServerTimeout',
      message: 'Max execution time exceeded',
      partial: true,
    });
  });

  it('is not partial when a bulk request was terminated before any transaction succeeded', () => {
    const body = { results: [], wasTerminated: true, terminationReason: 'Stopped', nrOfSuccessfullTransactions: 0 };
    expect(parseM3Error(body)).toMatchObject({ message: 'Stopped', partial: false });
  });

  it('reports a terminated bulk request without reasons as Terminated', () => {
    const terminated = (ok: number) => ({ results: [], wasTerminated: true, nrOfSuccessfullTransactions: ok });
    expect(parseM3Error(terminated(0))).toStrictEqual({
      version: 2,
      type: 'Terminated',
      message: 'M3 terminated the bulk request',
      partial: false,
    });
    expect(parseM3Error(terminated(2))?.partial).toBe(true);
    expect(parseM3Error({ results: [], wasTerminated: false })).toBeUndefined();
  });
});

describe('classifyM3Nok', () => {
  it('decides by exact code before the text', () => {
    // The text says "invalid", but XIM0002 means the customer is not known to M3.
    expect(classifyM3Nok('XIM0002', 'Customer number is invalid')).toEqual({
      category: 'not-found',
      kind: 'permanent',
      retriable: false,
    });
    expect(classifyM3Nok('XAU0008', 'Company 0')).toMatchObject({ category: 'not-authorized', kind: 'auth' });
  });

  it('decides by code pattern, for padded lower-case codes too', () => {
    expect(classifyM3Nok(' wit0203 ', 'Item number')).toMatchObject({ category: 'not-found' });
    expect(classifyM3Nok('WCU0102', 'Customer number')).toMatchObject({ category: 'invalid', kind: 'validation' });
  });

  it('reads the text when the code says nothing (unknown, generic or missing)', () => {
    expect(classifyM3Nok('CPF9898', 'Record is locked by another job')).toMatchObject({
      category: 'locked',
      retriable: true,
    });
    expect(classifyM3Nok('ABC1234', 'Order 1000 does not exist')).toMatchObject({ category: 'not-found' });
    expect(classifyM3Nok(undefined, 'No authority to object')).toMatchObject({ category: 'not-authorized' });
  });

  it('is unknown and permanent when neither code nor text says more', () => {
    const unknown = { category: 'unknown', kind: 'permanent', retriable: false };
    expect(classifyM3Nok('ABC1234', 'Something happened')).toEqual(unknown);
    expect(classifyM3Nok(undefined, undefined)).toEqual(unknown);
  });
});
