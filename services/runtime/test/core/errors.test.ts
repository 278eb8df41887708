import { describe, expect, it } from 'vitest';
import {
  AppError,
  ErrorCodes,
  classify,
  classifyHttp,
  errorCatalogueMarkdown,
  listErrorCodes,
  parseRetryAfter,
  renderMagentoMessage,
} from '../../src/core';

describe('error catalogue', () => {
  it('is frozen and every entry names itself', () => {
    expect(Object.isFrozen(ErrorCodes)).toBe(true);
    for (const [key, info] of Object.entries(ErrorCodes)) {
      expect(info.code).toBe(key);
      expect(Object.isFrozen(info)).toBe(true);
    }
  });

  it('renders a markdown table, optionally restricted to some codes', () => {
    const md = errorCatalogueMarkdown(['M3_NOK', 'BREAKER_OPEN']);
    const lines = md.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^\| `BREAKER_OPEN` \| transient \| yes \|/);
    expect(lines[3]).toMatch(/^\| `M3_NOK` \| permanent \| no \|/);
    expect(listErrorCodes().length).toBe(Object.keys(ErrorCodes).length);
  });

  it('AppError takes kind and retriable from the catalogue unless overridden', () => {
    const e = new AppError('HTTP_5XX', 'boom', { details: { a: 1 } });
    expect([e.code, e.kind, e.retriable, e.details]).toEqual(['HTTP_5XX', 'transient', true, { a: 1 }]);
    const locked = new AppError('M3_NOK', 'locked', { kind: 'transient', retriable: true });
    expect([locked.kind, locked.retriable]).toEqual(['transient', true]);
    expect(new AppError('INTERNAL').message).toBe(ErrorCodes.INTERNAL.description);
    expect(e.toJSON()).toMatchObject({ code: 'HTTP_5XX', kind: 'transient', message: 'boom' });
    const more = locked.withDetails({ group: 'mi' });
    expect([more.code, more.kind, more.retriable, more.details, more.stack]).toEqual([
      'M3_NOK',
      'transient',
      true,
      { group: 'mi' },
      locked.stack,
    ]);
  });
});

describe('classify', () => {
  it('passes AppErrors through', () => {
    const e = new AppError('BREAKER_OPEN', 'open');
    expect(classify(e)).toBe(e);
  });

  it('maps undici and socket errors to transient codes, also inside a cause chain', () => {
    const timeout = Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' });
    expect(classify(timeout)).toMatchObject({ code: 'HTTP_TIMEOUT', kind: 'transient', retriable: true });
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(classify(new TypeError('fetch failed', { cause: refused }))).toMatchObject({ code: 'HTTP_CONNECTION' });
    expect(classify(new DOMException('signal timed out', 'TimeoutError')).code).toBe('HTTP_TIMEOUT');
  });

  it('maps retriable Kafka errors to KAFKA_UNAVAILABLE and everything else to INTERNAL', () => {
    const kafka = Object.assign(new Error('broker down'), { name: 'KafkaJSConnectionError', retriable: true });
    expect(classify(kafka).code).toBe('KAFKA_UNAVAILABLE');
    const bug = classify(new RangeError('oops'));
    expect([bug.code, bug.kind, bug.retriable, bug.message]).toEqual(['INTERNAL', 'permanent', false, 'oops']);
    expect(classify('a string').message).toContain('a string');
  });
});

describe('classifyHttp: status', () => {
  it('returns undefined for successes', () => {
    expect(classifyHttp('magento', 200, { id: 1 })).toBeUndefined();
    expect(classifyHttp('m3', 200, { Program: 'CRS610MI', MIRecord: [] })).toBeUndefined();
  });

  it.each([
    [401, 'AUTH_FAILED', 'auth', false],
    [403, 'AUTH_FAILED', 'auth', false],
    [429, 'HTTP_429', 'throttled', true],
    [500, 'HTTP_5XX', 'transient', true],
    [503, 'HTTP_5XX', 'transient', true],
    [408, 'HTTP_TIMEOUT', 'transient', true],
    [409, 'HTTP_4XX', 'validation', false],
  ])('status %i → %s', (status, code, kind, retriable) => {
    expect(classifyHttp('other', status, undefined)).toMatchObject({ code, kind, retriable });
  });

  it('parses Retry-After in seconds and as an HTTP date', () => {
    const now = Date.parse('2024-05-01T10:00:00Z');
    const secs = classifyHttp('magento', 429, '', { 'Retry-After': '7' }, { now: () => now });
    expect(secs?.retryAfterMs).toBe(7000);
    const date = classifyHttp('m3', 429, '', { 'retry-after': 'Wed, 01 May 2024 10:00:30 GMT' }, { now: () => now });
    expect(date?.retryAfterMs).toBe(30_000);
    expect(parseRetryAfter('Wed, 01 May 2024 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('classifyHttp: M3 bodies', () => {
  const nok = (code: string, field: string, message: string) => ({
    Message: `${message}`.padEnd(132, ' '),
    '@type': 'ServerReturnedNOK',
    '@code': code,
    '@cfg': null,
    '@field': field,
  });

  it('turns an HTTP 200 ServerReturnedNOK into M3_NOK with code and field', () => {
    const e = classifyHttp('m3', 200, nok('XAU0008', 'CONO      ', 'Not authorized for company 0'));
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ code: 'M3_NOK', kind: 'auth', retriable: false });
    expect(e?.details).toMatchObject({ m3Code: 'XAU0008', m3Field: 'CONO', m3Type: 'ServerReturnedNOK', status: 200 });
    expect(e?.message).toBe('M3 ServerReturnedNOK (XAU0008, field CONO): Not authorized for company 0');
  });

  it('knows "does not exist" is permanent and a locked record is retriable', () => {
    const missing = classifyHttp('m3', 200, nok('WCU0203', 'CUNO', 'Customer number Y30000 does not exist'));
    expect(missing).toMatchObject({ code: 'M3_NOK', kind: 'permanent', retriable: false });
    expect(missing?.details?.['m3Category']).toBe('not-found');
    expect(classifyHttp('m3', 200, nok('XIM0002', 'CUNO', 'Customer number is invalid'))?.retriable).toBe(false);
    const locked = classifyHttp('m3', 200, nok('CPF9898', 'ORNO', 'Record is locked by another user'));
    expect(locked).toMatchObject({ code: 'M3_NOK', kind: 'transient', retriable: true });
  });

  it('maps the other v1 @types to their own codes', () => {
    const body = { '@type': 'MandatoryInputFieldNotFound', '@field': 'CUNO', Message: 'Mandatory field CUNO missing' };
    expect(classifyHttp('m3', 200, body)?.code).toBe('M3_MANDATORY_MISSING');
    expect(classifyHttp('m3', 200, { '@type': 'InputFieldTooLong', Message: 'x' })?.code).toBe('M3_FIELD_TOO_LONG');
    expect(classifyHttp('m3', 200, { '@type': 'TransactionNotFound', Message: 'x' })?.code).toBe(
      'M3_TRANSACTION_NOT_FOUND',
    );
  });

  it('detects a v1 partial failure (records plus nested ErrorMessage)', () => {
    const body = {
      Program: 'MMS200MI',
      MIRecord: [{ RowIndex: 0, NameValue: [] }],
      ErrorMessage: {
        '@type': 'ServerReturnedNOK',
        '@code': 'WIT0203',
        '@field': 'ITNO',
        Message: 'Item does not exist',
      },
    };
    const e = classifyHttp('m3', 200, body);
    expect(e?.details).toMatchObject({ m3Code: 'WIT0203', m3Field: 'ITNO', partial: true });
  });

  it('reads v2 errors from results[] on 200 and from the top level on 400', () => {
    const ok200 = {
      results: [
        { transaction: 'AddBatchHead', records: [{ ORNO: '1000001' }] },
        {
          transaction: 'AddBatchLine',
          errorCode: 'WIT0203',
          errorField: 'ITNO',
          errorMessage: 'Item X does not exist',
          errorType: 'ServerReturnedNOK',
        },
      ],
      wasTerminated: false,
      nrOfSuccessfullTransactions: 1,
      nrOfFailedTransactions: 1,
    };
    const e = classifyHttp('m3', 200, ok200);
    expect(e).toMatchObject({ code: 'M3_NOK', retriable: false });
    expect(e?.details).toMatchObject({
      m3Code: 'WIT0203',
      m3Field: 'ITNO',
      m3Transaction: 'AddBatchLine',
      partial: true,
    });
    const top = {
      errorCode: 'XIM0002',
      errorField: 'CUNO',
      errorMessage: 'Customer number is invalid',
      errorType: 'ServerReturnedNOK',
    };
    expect(classifyHttp('m3', 400, top)?.details).toMatchObject({ m3Code: 'XIM0002', status: 400 });
    expect(classifyHttp('m3', 400, '')?.code).toBe('HTTP_4XX');
  });
});

describe('classifyHttp: Magento bodies', () => {
  it('renders positional and named templates into the message', () => {
    expect(renderMagentoMessage('"%1" is required. Enter and try again.', ['sku'])).toBe(
      '"sku" is required. Enter and try again.',
    );
    const e = classifyHttp('magento', 404, {
      message: 'No such entity with %fieldName = %fieldValue',
      parameters: { fieldName: 'cartId', fieldValue: null },
    });
    expect(e).toMatchObject({
      code: 'MAGENTO_NOT_FOUND',
      message: 'magento answered HTTP 404: No such entity with cartId = null',
    });
    expect(e?.details?.['template']).toBe('No such entity with %fieldName = %fieldValue');
    const auth = classifyHttp('magento', 401, {
      message: "The consumer isn't authorized to access %resources.",
      parameters: { resources: 'Magento_Catalog::products' },
    });
    expect(auth).toMatchObject({ code: 'AUTH_FAILED', kind: 'auth' });
    expect(auth?.message).toContain('access Magento_Catalog::products.');
    expect(classifyHttp('magento', 400, { message: 'Invalid %1', parameters: ['qty'] })).toMatchObject({
      code: 'MAGENTO_VALIDATION',
      kind: 'validation',
    });
  });
});
