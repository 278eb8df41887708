// How the M3 and Magento connectors' answers turn HTTP answers into AppErrors (the runtime's classifyHttp
// with the system's \`answers\`): M3 business errors on 200/400, Magento templates and 404.
import { describe, expect, it } from 'vitest';
import { AppError, classifyHttp as classifyWith, type ClassifyHttpOptions, type HeaderBag } from '@m3mage/runtime';
import { m3Answers } from '../src/m3';
import { magentoAnswers, renderMagentoMessage } from '../src/magento';

const answersOf: Record<string, ClassifyHttpOptions['answers']> = { m3: m3Answers, magento: magentoAnswers };

/** classifyHttp as a service's HTTP client calls it: with its system's answers. */
function classifyHttp(
  system: string,
  status: number,
  body: unknown,
  headers?: HeaderBag,
  opts: ClassifyHttpOptions = {},
) {
  const answers = answersOf[system];
  return classifyWith(system, status, body, headers, { ...opts, ...(answers ? { answers } : {}) });
}

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

// classifyHttp beyond the status table of errors.test.ts: which answers are read as M3 business errors,
// what of a body ends up in the message and details, and when Retry-After is kept.

const now = Date.parse('2024-05-01T10:00:00Z');
const opts = { now: () => now };
const v2Error = { errorCode: 'XIM0002', errorMessage: 'Customer number is invalid', errorType: 'ServerReturnedNOK' };

describe('classifyHttp: M3 answers decided by status, not by body', () => {
  it.each([
    [500, 'HTTP_5XX', true],
    [503, 'HTTP_5XX', true],
    [401, 'AUTH_FAILED', false],
    [403, 'AUTH_FAILED', false],
    [429, 'HTTP_429', true],
  ])('M3 %i with an error body is %s', (status, code, retriable) => {
    expect(classifyHttp('m3', status, v2Error)).toMatchObject({ code, retriable });
  });

  it('reads an M3 error body on 4xx other than 401/403/429', () => {
    expect(classifyHttp('m3', 404, v2Error)?.code).toBe('M3_NOK');
    expect(classifyHttp('m3', 499, v2Error)?.code).toBe('M3_NOK');
  });

  it('never reads an M3-shaped body from another system', () => {
    const nok = { '@type': 'ServerReturnedNOK', '@code': 'XAU0008', Message: 'Not authorized for company 0' };
    expect(classifyHttp('magento', 200, nok)).toBeUndefined();
    expect(classifyHttp('other', 400, v2Error)?.code).toBe('HTTP_4XX');
  });
});

describe('classifyHttp: M3 business errors', () => {
  it('says system m3 and the status in details', () => {
    expect(classifyHttp('m3', 400, v2Error)?.details).toMatchObject({ system: 'm3', status: 400, m3Code: 'XIM0002' });
  });

  it('names code and field in the message only where M3 gave them', () => {
    expect(classifyHttp('m3', 400, { ...v2Error, errorField: 'CUNO' })?.message).toBe(
      'M3 ServerReturnedNOK (XIM0002, field CUNO): Customer number is invalid',
    );
    expect(classifyHttp('m3', 400, v2Error)?.message).toBe(
      'M3 ServerReturnedNOK (XIM0002): Customer number is invalid',
    );
    expect(classifyHttp('m3', 400, { errorMessage: 'Customer number is invalid' })?.message).toBe(
      'M3 ServerReturnedNOK: Customer number is invalid',
    );
  });

  it('keeps the details for the specific v1 types', () => {
    const body = { '@type': 'MandatoryInputFieldNotFound', '@field': 'CUNO', Message: 'Mandatory field missing' };
    expect(classifyHttp('m3', 200, body)?.details).toEqual({
      system: 'm3',
      status: 200,
      m3Type: 'MandatoryInputFieldNotFound',
      m3Field: 'CUNO',
    });
  });
});

describe('classifyHttp: body text', () => {
  it('puts a text body into message and details', () => {
    const e = classifyHttp('m3', 503, 'Service Unavailable');
    expect(e?.message).toBe('m3 answered HTTP 503: Service Unavailable');
    expect(e?.details).toEqual({ system: 'm3', status: 503, body: 'Service Unavailable' });
  });

  it('puts a JSON body in as JSON text', () => {
    const e = classifyHttp('other', 502, { message: 'upstream down' });
    expect(e?.message).toBe('other answered HTTP 502: {"message":"upstream down"}');
    expect(e?.details).toEqual({ system: 'other', status: 502, body: '{"message":"upstream down"}' });
  });

  it.each([[undefined], [null], ['']])('has no body text for %j', (body) => {
    const e = classifyHttp('m3', 503, body);
    expect(e?.message).toBe('m3 answered HTTP 503');
    expect(e?.details).toEqual({ system: 'm3', status: 503 });
  });

  it('cuts a body after 300 characters', () => {
    expect(classifyHttp('m3', 503, 'x'.repeat(300))?.details?.['body']).toBe('x'.repeat(300));
    expect(classifyHttp('m3', 503, 'y'.repeat(301))?.details?.['body']).toBe(`${'y'.repeat(300)}…`);
  });
});

describe('classifyHttp: Magento bodies', () => {
  it('keeps template and parameters, not the raw body', () => {
    const e = classifyHttp('magento', 400, { message: 'Invalid value of "%1" provided', parameters: ['-1'] });
    expect(e?.message).toBe('magento answered HTTP 400: Invalid value of "-1" provided');
    expect(e?.details).toEqual({
      system: 'magento',
      status: 400,
      template: 'Invalid value of "%1" provided',
      parameters: ['-1'],
    });
  });

  it('has no parameters in details when Magento sent none', () => {
    expect(classifyHttp('magento', 404, { message: 'The requested route was not found' })?.details).toEqual({
      system: 'magento',
      status: 404,
      template: 'The requested route was not found',
    });
  });

  it('falls back to the body text when Magento answers without a message (a proxy page, an odd JSON)', () => {
    expect(classifyHttp('magento', 502, '<html>Bad Gateway</html>')?.details).toEqual({
      system: 'magento',
      status: 502,
      body: '<html>Bad Gateway</html>',
    });
    expect(classifyHttp('magento', 400, { error: 'bad' })?.details).toEqual({
      system: 'magento',
      status: 400,
      body: '{"error":"bad"}',
    });
    expect(classifyHttp('magento', 500, null)?.message).toBe('magento answered HTTP 500');
  });
});

describe('classifyHttp: Retry-After', () => {
  it('is kept on 429 and on 5xx', () => {
    expect(classifyHttp('m3', 429, '', { 'Retry-After': '3' }, opts)?.retryAfterMs).toBe(3000);
    expect(classifyHttp('magento', 503, '', { 'Retry-After': '120' }, opts)?.retryAfterMs).toBe(120_000);
  });

  it('is dropped where waiting cannot help (4xx, auth) and absent without the header', () => {
    expect(classifyHttp('magento', 400, '', { 'Retry-After': '3' }, opts)?.retryAfterMs).toBeUndefined();
    expect(classifyHttp('m3', 401, '', { 'Retry-After': '3' }, opts)?.retryAfterMs).toBeUndefined();
    expect(classifyHttp('other', 408, '', { 'Retry-After': '3' }, opts)?.retryAfterMs).toBeUndefined();
    expect(classifyHttp('m3', 503, '', {}, opts)?.retryAfterMs).toBeUndefined();
  });
});
