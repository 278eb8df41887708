// Authorization for Magento REST (FORMAT-NOTES 27): a static bearer token (integration/admin), an admin
// token fetched with user/password and refreshed before its lifetime ends (single flight, and again after a
// 401), or OAuth 1.0a HMAC-SHA256 signed by the `oauth-1.0a` library. The signature covers the query
// parameters: they are given decoded, apart from the URL (given inside the URL, oauth-1.0a 2.2.6 would
// encode them twice), and sent encoded by encodeQuery().
import { createHmac, randomBytes } from 'node:crypto';
import OAuth from 'oauth-1.0a';
import type { MagentoQuery } from './query';

export type MagentoAuthSettings =
  | { mode: 'token'; token: string }
  | { mode: 'admin'; username: string; password: string; ttlMs: number; marginMs: number }
  | { mode: 'oauth1'; consumerKey: string; consumerSecret: string; accessToken: string; tokenSecret: string };

export interface RequestToSign {
  method: string;
  /** Absolute URL without the query. */
  url: string;
  /** Decoded query parameters (OAuth signs them). */
  query?: MagentoQuery;
}

export interface MagentoAuthorizer {
  /** The Authorization header value for one request. */
  header(req: RequestToSign): Promise<string>;
  /** A 401 said the credential is no longer good: fetch a new one where we can. Returns true if it may help. */
  invalidate(): boolean;
}

/** Fetches an admin token: POST /rest/V1/integration/admin/token → a bare JSON string. */
export type AdminTokenFetcher = (username: string, password: string) => Promise<string>;

export interface AuthorizerDeps {
  /** Needed by mode 'admin'. */
  fetchAdminToken?: AdminTokenFetcher;
  now?: () => number;
}

export function createAuthorizer(auth: MagentoAuthSettings, deps: AuthorizerDeps = {}): MagentoAuthorizer {
  const now = deps.now ?? Date.now;
  switch (auth.mode) {
    case 'token':
      return { header: async () => `Bearer ${auth.token}`, invalidate: () => false };
    case 'admin': {
      const fetchAdminToken = deps.fetchAdminToken;
      if (!fetchAdminToken) throw new Error('Magento auth mode admin needs fetchAdminToken');
      let token: { value: string; expiresAt: number } | undefined;
      let inFlight: Promise<string> | undefined;
      const refresh = (): Promise<string> =>
        (inFlight ??= fetchAdminToken(auth.username, auth.password)
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
      // Timestamps from the injected clock; nonces from the CSPRNG (the library's default uses Math.random).
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
