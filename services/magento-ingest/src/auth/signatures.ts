// Signature and credential checks for inbound deliveries. Pure functions over the raw body and headers;
// every comparison is constant-time and no secret ever appears in a result.
import { createHash, createHmac, createPublicKey, createVerify, timingSafeEqual, type KeyObject } from 'node:crypto';

/** One or more PEM public keys (concatenated) → key objects; throws on a malformed PEM (a config error). */
export function parsePublicKeys(pem: string): KeyObject[] {
  const blocks = pem.match(/-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----/g) ?? [];
  if (blocks.length === 0) throw new Error('no PEM block found');
  return blocks.map((b) => createPublicKey(b));
}

const rsaSha256 = (keys: readonly KeyObject[], data: Buffer | string, signatureB64: string): boolean => {
  const signature = Buffer.from(signatureB64.trim(), 'base64');
  if (signature.length === 0) return false;
  return keys.some((key) => {
    try {
      return createVerify('SHA256').update(data).verify(key, signature);
    } catch {
      return false;
    }
  });
};

/**
 * Adobe Commerce webhooks: `x-adobe-commerce-webhook-signature` = base64 RSA-SHA256 made with the store's
 * private key over the **base64-encoded** raw body (FORMAT-NOTES 42).
 */
export const verifyCommerceWebhook = (keys: readonly KeyObject[], rawBody: Buffer, signature: string): boolean =>
  rsaSha256(keys, rawBody.toString('base64'), signature);

/**
 * Adobe I/O Events: `x-adobe-digital-signature-1` / `-2` = base64 RSA-SHA256 over the raw body, made with the
 * keys Adobe publishes at `x-adobe-public-key1-path` / `-2-path`. Either valid signature suffices (key rotation).
 */
export const verifyIoEventSignature = (
  keys: readonly KeyObject[],
  rawBody: Buffer,
  signatures: readonly (string | undefined)[],
): boolean => signatures.some((s) => s !== undefined && s !== '' && rsaSha256(keys, rawBody, s));

/** Generic webhooks: `x-webhook-signature: sha256=<hex HMAC-SHA256 of the raw body>` (the bare hex is accepted too). */
export function verifyHmacSha256(secret: string, rawBody: Buffer, header: string): boolean {
  const given = header
    .trim()
    .replace(/^sha256=/i, '')
    .toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

/** Constant-time string equality (lengths leak, contents do not: both sides are hashed first). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** `Authorization: Bearer <token>` equals the configured token. */
export function verifyBearer(expected: string, authorization: string | undefined): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? '');
  return m?.[1] !== undefined && safeEqual(m[1], expected);
}

/** `Authorization: Basic base64(user:password)` equals the configured pair. */
export function verifyBasic(user: string, password: string, authorization: string | undefined): boolean {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization?.trim() ?? '');
  if (!m?.[1]) return false;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const sep = decoded.indexOf(':');
  if (sep < 0) return false;
  // Both halves are always compared, so timing does not reveal which one was wrong.
  const userOk = safeEqual(decoded.slice(0, sep), user);
  const passwordOk = safeEqual(decoded.slice(sep + 1), password);
  return userOk && passwordOk;
}
