import { createHmac, timingSafeEqual } from 'node:crypto';
import { MagentoError } from '../http/errors';
import type { MagentoCredentials } from './credentials';

export interface OAuthRequest {
  method: string;
  /** Absolute URL as the client addressed it (scheme, host[:port], path, query). */
  url: string;
  authorization: string;
  /** Parsed `application/x-www-form-urlencoded` body parameters, if any. */
  formParams?: Record<string, string>;
}

export interface OAuthVerifierOptions {
  credentials: MagentoCredentials['integration'];
  now: () => number;
  /** Timestamps further than this from now are refused (Magento: 600 s into the future; we also refuse stale). */
  skewSeconds: number;
}

/** RFC 3986 percent-encoding, as OAuth 1.0a requires. */
export const rfc3986 = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Parses `OAuth k="v", ...` into decoded parameters (realm dropped). */
export function parseOAuthHeader(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of header.replace(/^OAuth\s+/i, '').matchAll(/([\w-]+)="([^"]*)"/g)) {
    const [, k, v] = m;
    if (k && k !== 'realm') out[k] = decodeURIComponent(v ?? '');
  }
  return out;
}

/** Signature base string per RFC 5849 §3.4.1. */
export function signatureBaseString(method: string, url: string, params: Array<[string, string]>): string {
  const u = new URL(url);
  const base = `${u.protocol}//${u.host.toLowerCase()}${u.pathname}`;
  const normalized = params
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return `${method.toUpperCase()}&${rfc3986(base)}&${rfc3986(normalized)}`;
}

export function sign(method: string, baseString: string, consumerSecret: string, tokenSecret: string): string {
  const algo = method === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  return createHmac(algo, `${rfc3986(consumerSecret)}&${rfc3986(tokenSecret)}`)
    .update(baseString)
    .digest('base64');
}

const unauthorized = (message: string, parameters: unknown[] = []) => new MagentoError(401, message, parameters);

/** Verifies OAuth 1.0a (HMAC-SHA256 or HMAC-SHA1) requests signed with the integration's keys. */
export class OAuthVerifier {
  private readonly nonces = new Map<string, number>();

  constructor(private readonly opts: OAuthVerifierOptions) {}

  /** Throws Magento's error for a bad request; returns normally when the request is authentic. */
  verify(req: OAuthRequest): void {
    const c = this.opts.credentials;
    const p = parseOAuthHeader(req.authorization);
    if (p.oauth_version !== undefined && p.oauth_version !== '1.0')
      throw new MagentoError(400, 'OAuth version %1 is not supported', [p.oauth_version]);
    const method = p.oauth_signature_method ?? '';
    if (method !== 'HMAC-SHA256' && method !== 'HMAC-SHA1')
      throw new MagentoError(400, 'Signature method %1 is not supported', [method]);
    if (p.oauth_consumer_key !== c.consumerKey)
      throw unauthorized('A consumer having the specified key does not exist');
    if (p.oauth_token !== c.accessToken) throw unauthorized('Specified token does not exist');
    this.checkTimestampAndNonce(p.oauth_timestamp, p.oauth_nonce);

    const u = new URL(req.url);
    const params: Array<[string, string]> = [...u.searchParams.entries()];
    for (const [k, v] of Object.entries(req.formParams ?? {})) params.push([k, v]);
    for (const [k, v] of Object.entries(p)) if (k !== 'oauth_signature') params.push([k, v]);
    const expected = sign(
      method,
      signatureBaseString(req.method, req.url, params),
      c.consumerSecret,
      c.accessTokenSecret,
    );
    const given = p.oauth_signature ?? '';
    const ok = given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
    if (!ok) throw unauthorized('The signature is invalid. Verify and try again.');
  }

  private checkTimestampAndNonce(timestamp: string | undefined, nonce: string | undefined): void {
    const nowS = Math.floor(this.opts.now() / 1000);
    const ts = Number(timestamp);
    if (!Number.isInteger(ts) || ts <= 0 || Math.abs(nowS - ts) > this.opts.skewSeconds)
      throw new MagentoError(400, 'Incorrect timestamp value in the oauth_timestamp parameter');
    if (!nonce) throw new MagentoError(400, 'The nonce length is invalid. Check the length and try again.');
    for (const [n, at] of this.nonces) if (nowS - at > this.opts.skewSeconds) this.nonces.delete(n);
    if (this.nonces.has(nonce))
      throw unauthorized('The nonce is already being used by the consumer with ID %1', [
        this.opts.credentials.consumerId,
      ]);
    this.nonces.set(nonce, ts);
  }
}
