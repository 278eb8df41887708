import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** One RSA key pair per simulator instance: signs Commerce webhooks and I/O event deliveries. */
export class EventSigner {
  private readonly privateKey: KeyObject;
  readonly publicKeyPem: string;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** `x-adobe-commerce-webhook-signature`: RSA-SHA256 over the base64-encoded body, base64 (FORMAT-NOTES 42). */
  commerceWebhookSignature(body: string): string {
    return createSign('SHA256').update(Buffer.from(body).toString('base64')).sign(this.privateKey, 'base64');
  }

  /** `x-adobe-digital-signature-1`: RSA-SHA256 over the raw body, base64 (Adobe I/O Events). */
  rawBodySignature(body: string): string {
    return createSign('SHA256').update(body).sign(this.privateKey, 'base64');
  }
}

/** Generic webhook: `sha256=<hex HMAC-SHA256 of the raw body>`. */
export const hmacSignature = (secret: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
