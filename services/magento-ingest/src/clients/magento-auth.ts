// Authorization for Magento REST: a bearer token (admin or integration token) or OAuth 1.0a with
// HMAC-SHA256 signed by the `oauth-1.0a` library (FORMAT-NOTES 27). The signature covers the exact URL
// sent, so callers build the query string with encodeQuery() (spaces as %20, never '+').
import { createHmac } from 'node:crypto';
import OAuth from 'oauth-1.0a';

export type MagentoAuth =
  | { mode: 'bearer'; token: string }
  | {
      mode: 'oauth1';
      consumerKey: string;
      consumerSecret: string;
      accessToken: string;
      tokenSecret: string;
    };

/** Returns the Authorization header value for one request (method + absolute URL with its query). */
export type Authorizer = (method: string, url: string) => string;

export function createAuthorizer(auth: MagentoAuth): Authorizer {
  if (auth.mode === 'bearer') return () => `Bearer ${auth.token}`;
  const oauth = new OAuth({
    consumer: { key: auth.consumerKey, secret: auth.consumerSecret },
    signature_method: 'HMAC-SHA256',
    hash_function: (base, key) => createHmac('sha256', key).update(base).digest('base64'),
  });
  const token = { key: auth.accessToken, secret: auth.tokenSecret };
  return (method, url) => oauth.toHeader(oauth.authorize({ url, method }, token)).Authorization;
}

/** RFC 3986 query encoding (what OAuth 1.0a signs and what Magento decodes). */
export function encodeQuery(params: Record<string, string | number>): string {
  const enc = (s: string): string =>
    encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return Object.entries(params)
    .map(([k, v]) => `${enc(k)}=${enc(String(v))}`)
    .join('&');
}
