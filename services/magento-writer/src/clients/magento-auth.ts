// Authorization for Magento REST (FORMAT-NOTES 27): a static bearer token (integration/admin), an admin
// token fetched with user/password and refreshed before its 4 h lifetime ends (single flight, and again on
// a 401), or OAuth 1.0a HMAC-SHA256 signed with the `oauth-1.0a` library.
// NOTE: magento-ingest carries a similar authorizer; a shared Magento transport belongs in the runtime.
import { createHmac, randomBytes } from 'node:crypto';
import OAuth from 'oauth-1.0a';
import type { AuthSettings } from '../config';

export interface RequestToSign {
  method: string;
  /** Absolute URL without the query. */
  url: string;
  /** Decoded query parameters (OAuth signs them). */
  query?: Record<string, string | number>;
}

export interface MagentoAuthorizer {
  header(req: RequestToSign): Promise<string>;
  /** A 401 said the credential is no longer good: fetch a new one where we can. Returns true if it may help. */
  invalidate(): boolean;
}

/** Fetches an admin token: POST /rest/V1/integration/admin/token → a bare JSON string. */
export type AdminTokenFetcher = (username: string, password: string) => Promise<string>;

export function createAuthorizer(
  auth: AuthSettings,
  deps: { fetchAdminToken: AdminTokenFetcher; now?: () => number },
): MagentoAuthorizer {
  const now = deps.now ?? Date.now;
  switch (auth.mode) {
    case 'token':
      return { header: async () => `Bearer ${auth.token}`, invalidate: () => false };
    case 'admin': {
      let token: { value: string; expiresAt: number } | undefined;
      let inFlight: Promise<string> | undefined;
      const refresh = (): Promise<string> =>
        (inFlight ??= deps
          .fetchAdminToken(auth.username, auth.password)
          .then((value) => {
            token = { value, expiresAt: now() + auth.ttlMs - auth.marginMs };
            return value;
          })
          .finally(() => (inFlight = undefined)));
      return {
        header: async () => `Bearer ${token && token.expiresAt > now() ? token.value : await refresh()}`,
        invalidate: () => {
          token = undefined;
          return true;
        },
      };
    }
    case 'oauth1': {
      const oauth = new OAuth({
        consumer: { key: auth.consumerKey, secret: auth.consumerSecret },
        signature_method: 'HMAC-SHA256',
        hash_function: (base, key) => createHmac('sha256', key).update(base).digest('base64'),
      });
      oauth.getTimeStamp = () => Math.floor(now() / 1000);
      oauth.getNonce = () => randomBytes(16).toString('hex');
      const token = { key: auth.accessToken, secret: auth.tokenSecret };
      return {
        header: async ({ method, url, query = {} }) => {
          const data = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)]));
          return oauth.toHeader(oauth.authorize({ url, method, data }, token)).Authorization;
        },
        invalidate: () => false,
      };
    }
  }
}

/** RFC 3986 query encoding (what OAuth 1.0a signs and what Magento decodes; never '+' for a space). */
export function encodeQuery(params: Record<string, string | number>): string {
  const enc = (s: string): string =>
    encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return Object.entries(params)
    .map(([k, v]) => `${enc(k)}=${enc(String(v))}`)
    .join('&');
}
