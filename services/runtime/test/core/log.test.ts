import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError, childForMessage, createLogger, maskCardNumbers } from '../../src/core';

function capture() {
  const records: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      records.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      cb();
    },
  });
  const logger = createLogger({ service: 'magento-ingest', version: '1.2.3', level: 'debug', destination });
  return { logger, records, text: () => JSON.stringify(records) };
}

describe('createLogger', () => {
  it('writes JSON with service and version, and message coordinates from childForMessage', () => {
    const { logger, records } = capture();
    childForMessage(logger, {
      correlationId: '000000123',
      topic: 'cdc.magento.order.v1',
      partition: 2,
      offset: '41',
      key: '000000123',
    }).info('handled');
    expect(records[0]).toMatchObject({
      level: 'info',
      service: 'magento-ingest',
      version: '1.2.3',
      correlationId: '000000123',
      topic: 'cdc.magento.order.v1',
      partition: 2,
      offset: '41',
      key: '000000123',
      msg: 'handled',
    });
  });

  it('redacts tokens, passwords, Authorization headers in any case, cookies and .ionapi secrets', () => {
    const { logger, text, records } = capture();
    logger.info(
      {
        headers: {
          AUTHORIZATION: 'Bearer eyJhbGciOi.payload.sig',
          authorization: 'Basic dXNlcjpwYXNz',
          Cookie: 'PHPSESSID=abc123',
          'x-api-key': 'k-999',
        },
        ionapi: {
          ti: 'ACME_PRD',
          ci: 'ACME_PRD~client',
          cs: 'cs-secret-1',
          saak: 'ACME_PRD#saak-2',
          sask: 'sask-secret-3',
        },
        oauth: { access_token: 'at-4', refresh_token: 'rt-5', client_secret: 'cs-6', expires_in: 7200 },
        db: { password: 'pw-7', user: 'svc' },
        url: 'https://sso/token?grant_type=password&password=pw-8&client_secret=cs-9',
      },
      'token call with Bearer tok-abcdef12',
    );
    for (const secret of [
      'eyJhbGciOi',
      'dXNlcjpwYXNz',
      'abc123',
      'k-999',
      'cs-secret-1',
      'saak-2',
      'sask-secret-3',
      'at-4',
      'rt-5',
      'cs-6',
      'pw-7',
      'pw-8',
      'cs-9',
      'tok-abcdef12',
    ]) {
      expect(text()).not.toContain(secret);
    }
    expect(records[0]).toMatchObject({
      ionapi: { ti: 'ACME_PRD', ci: 'ACME_PRD~client', cs: '[REDACTED]' },
      db: { user: 'svc' },
      oauth: { expires_in: 7200 },
    });
  });

  it('masks card numbers (Luhn-valid, 13–19 digits, spaces or dashes) in any string or number field', () => {
    const { logger, text, records } = capture();
    logger.warn(
      {
        payment: {
          note: 'card 4111 1111 1111 1111 exp 12/27',
          amex: '3782-822463-10005',
          raw: 5555555555554444,
          nested: ['6011000990139424'],
        },
        err: new AppError('MAGENTO_VALIDATION', 'rejected card 4012888888881881'),
      },
      'paid with 5105-1051-0510-5100',
    );
    for (const pan of [
      '4111 1111 1111 1111',
      '3782-822463-10005',
      '5555555555554444',
      '6011000990139424',
      '4012888888881881',
      '5105-1051-0510-5100',
    ]) {
      expect(text()).not.toContain(pan);
    }
    expect(records[0]).toMatchObject({
      payment: {
        note: 'card **** **** **** 1111 exp 12/27',
        amex: '****-******-*0005',
        raw: '************4444',
        nested: ['************9424'],
      },
      err: { code: 'MAGENTO_VALIDATION', message: 'rejected card ************1881' },
      msg: 'paid with ****-****-****-5100',
    });
  });

  it('leaves order ids, phone numbers, timestamps and non-Luhn numbers alone', () => {
    const { logger, records } = capture();
    const fields = {
      incrementId: '000000123',
      orno: '1000045678',
      longOrderId: '4111111111111112', // 16 digits, fails Luhn
      phone: '+1 415-555-0132',
      phoneIntl: '+49 30 1234 5678',
      tsMs: 1714560000000,
      ean: '4006381333931',
      when: '2024-05-01 10:00:00',
    };
    logger.info(fields, 'order 000000123 tel +44 20 7946 0958');
    expect(records[0]).toMatchObject({ ...fields, msg: 'order 000000123 tel +44 20 7946 0958' });
  });

  it('maskCardNumbers keeps the text around a card intact', () => {
    expect(maskCardNumbers('a 4111-1111-1111-1111, b 42 ')).toBe('a ****-****-****-1111, b 42 ');
    expect(maskCardNumbers('qty 4111 1111 1111 1111 12')).toBe('qty **** **** **** 1111 12');
  });
});
