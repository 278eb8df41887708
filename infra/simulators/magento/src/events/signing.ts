import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** One RSA key pair per simulator instance (generated on first use): signs Commerce webhooks and I/O events. */
export class EventSigner {
  private keys: { privateKey: KeyObject; publicKeyPem: string } | undefined;

  get publicKeyPem(): string {
    return this.pair().publicKeyPem;
  }

  private pair(): { privateKey: KeyObject; publicKeyPem: string } {
    if (!this.keys) {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      this.keys = { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
    }
    return this.keys;
  }

  /** `x-adobe-commerce-webhook-signature`: RSA-SHA256 over the base64-encoded body, base64 (FORMAT-NOTES 42). */
  commerceWebhookSignature(body: string): string {
    return createSign('SHA256').update(Buffer.from(body).toString('base64')).sign(this.pair().privateKey, 'base64');
  }

  /** `x-adobe-digital-signature-1`: RSA-SHA256 over the raw body, base64 (Adobe I/O Events). */
  rawBodySignature(body: string): string {
    return createSign('SHA256').update(body).sign(this.pair().privateKey, 'base64');
  }
}

/** Generic webhook: `sha256=<hex HMAC-SHA256 of the raw body>`. */
export const hmacSignature = (secret: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
