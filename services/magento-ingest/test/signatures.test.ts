import { createPublicKey } from 'node:crypto';
import { EventSigner } from '../../../infra/simulators/magento/src/events/signing';
import { describe, expect, it } from 'vitest';
import {
  parsePublicKeys,
  verifyBasic,
  verifyBearer,
  verifyCommerceWebhook,
  verifyHmacSha256,
  verifyIoEventSignature,
} from '../src/auth/signatures';
import { hmac, rsaKeys } from './support/harness';

const body = JSON.stringify({ subject: [], eventName: 'sales_order_save_after', data: { order: { entity_id: 1 } } });

describe('Adobe Commerce webhook signature (RSA-SHA256 over the base64 body)', () => {
  const keys = rsaKeys();
  const pub = parsePublicKeys(keys.pem);

  it('accepts a signature made with the store key', () => {
    expect(verifyCommerceWebhook(pub, Buffer.from(body), keys.commerce(body))).toBe(true);
  });

  it('refuses a tampered body, another key, a raw-body signature and garbage', () => {
    expect(verifyCommerceWebhook(pub, Buffer.from(body.replace('1', '2')), keys.commerce(body))).toBe(false);
    expect(verifyCommerceWebhook(pub, Buffer.from(body), rsaKeys().commerce(body))).toBe(false);
    expect(verifyCommerceWebhook(pub, Buffer.from(body), keys.raw(body))).toBe(false);
    expect(verifyCommerceWebhook(pub, Buffer.from(body), 'not-base64!!')).toBe(false);
    expect(verifyCommerceWebhook(pub, Buffer.from(body), '')).toBe(false);
  });

  it('verifies what the Magento simulator signs', () => {
    const signer = new EventSigner();
    const simKeys = parsePublicKeys(signer.publicKeyPem);
    expect(verifyCommerceWebhook(simKeys, Buffer.from(body), signer.commerceWebhookSignature(body))).toBe(true);
    expect(verifyIoEventSignature(simKeys, Buffer.from(body), [signer.rawBodySignature(body)])).toBe(true);
  });
});

describe('Adobe I/O Events digital signatures (RSA-SHA256 over the raw body, two keys)', () => {
  const current = rsaKeys();
  const next = rsaKeys();
  const pub = parsePublicKeys(current.pem + next.pem);

  it('reads concatenated PEM keys and accepts either signature header', () => {
    expect(pub).toHaveLength(2);
    expect(verifyIoEventSignature(pub, Buffer.from(body), [undefined, next.raw(body)])).toBe(true);
    expect(verifyIoEventSignature(pub, Buffer.from(body), ['garbage', current.raw(body)])).toBe(true);
  });

  it('refuses when no signature verifies', () => {
    expect(verifyIoEventSignature(pub, Buffer.from(body), [rsaKeys().raw(body), undefined])).toBe(false);
    expect(verifyIoEventSignature(pub, Buffer.from(body), [])).toBe(false);
  });

  it('refuses a malformed PEM at configuration time', () => {
    expect(() => parsePublicKeys('hello')).toThrow(/no PEM block/);
    expect(createPublicKey(current.pem).asymmetricKeyType).toBe('rsa');
  });
});

describe('HMAC, bearer and Basic', () => {
  it('checks sha256=<hex> HMAC of the raw body', () => {
    expect(verifyHmacSha256('s3cret', Buffer.from(body), hmac('s3cret', body))).toBe(true);
    expect(verifyHmacSha256('s3cret', Buffer.from(body), hmac('s3cret', body).slice(7))).toBe(true);
    expect(verifyHmacSha256('s3cret', Buffer.from(`${body} `), hmac('s3cret', body))).toBe(false);
    expect(verifyHmacSha256('other', Buffer.from(body), hmac('s3cret', body))).toBe(false);
    expect(verifyHmacSha256('s3cret', Buffer.from(body), 'sha256=zz')).toBe(false);
  });

  it('checks bearer tokens and Basic credentials', () => {
    expect(verifyBearer('tok', 'Bearer tok')).toBe(true);
    expect(verifyBearer('tok', 'Bearer tok2')).toBe(false);
    expect(verifyBearer('tok', undefined)).toBe(false);
    const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
    expect(verifyBasic('magento', 'p:w', basic('magento', 'p:w'))).toBe(true);
    expect(verifyBasic('magento', 'p:w', basic('magento', 'p'))).toBe(false);
    expect(verifyBasic('magento', 'p:w', basic('other', 'p:w'))).toBe(false);
    expect(verifyBasic('magento', 'p:w', 'Basic !!!')).toBe(false);
  });
});
