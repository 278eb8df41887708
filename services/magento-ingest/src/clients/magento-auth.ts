// Authorization for Magento REST: a bearer token (admin or integration token) or OAuth 1.0a with
// HMAC-SHA256 signed by the `oauth-1.0a` library (FORMAT-NOTES 27). The signature covers the query
// parameters: callers pass them decoded (the library encodes them once; given inside the URL it would encode
// them twice) and send them encoded by encodeQuery() (spaces as %20, never '+', which Magento reads as a space).
import { createHmac, randomBytes } from 'node:crypto';
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

/** The Authorization header value for one request: method, absolute URL without query, decoded query parameters. */
export type Authorizer = (method: string, url: string, query?: Record<string, string | number>) => string;

export function createAuthorizer(auth: MagentoAuth, now: () => number = Date.now): Authorizer {
  if (auth.mode === 'bearer') return () => `Bearer ${auth.token}`;
  const oauth = new OAuth({
    consumer: { key: auth.consumerKey, secret: auth.consumerSecret },
    signature_method: 'HMAC-SHA256',
    hash_function: (base, key) => createHmac('sha256', key).update(base).digest('base64'),
  });
  // Timestamps from the injected clock; nonces from the CSPRNG (the library's default uses Math.random).
  oauth.getTimeStamp = () => Math.floor(now() / 1000);
  oauth.getNonce = () => randomBytes(16).toString('hex');
  const token = { key: auth.accessToken, secret: auth.tokenSecret };
  return (method, url, query = {}) => {
    const data = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)]));
    return oauth.toHeader(oauth.authorize({ url, method, data }, token)).Authorization;
  };
}

/** RFC 3986 query encoding (what OAuth 1.0a signs and what Magento decodes). */
export function encodeQuery(params: Record<string, string | number>): string {
  const enc = (s: string): string =>
    encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return Object.entries(params)
    .map(([k, v]) => `${enc(k)}=${enc(String(v))}`)
    .join('&');
}
