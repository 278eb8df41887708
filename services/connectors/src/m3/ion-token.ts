// ION API OAuth2 tokens (FORMAT-NOTES C 25): password grant with the .ionapi service account, cached,
// refreshed before expiry (refresh_token grant, falling back to the password grant), one refresh at a
// time (single flight), and re-authentication when a call was answered 401. Secrets never leave here.
import { AppError, type HttpClient } from '@m3mage/runtime';
import type { IonApiCredentials } from './ionapi-file';

export interface TokenSource {
  /** A valid access token (cached; refreshed when it is about to expire). */
  token(): Promise<string>;
  /** `rejected` was answered 401: the next token() re-authenticates (once, however many callers saw it). */
  invalidate(rejected: string): void;
}

export interface IonTokenOptions {
  http: HttpClient;
  /** Endpoint group whose baseUrl is the .ionapi `pu`. */
  group: string;
  credentials: IonApiCredentials;
  now?: () => number;
  /** Refresh this long before expiry (default 5 min). */
  refreshMarginMs?: number;
}

interface Grant {
  accessToken: string;
  refreshToken?: string;
  expiresAt: number;
}

interface TokenResponse {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  error?: unknown;
}

export function createIonTokenSource(opts: IonTokenOptions): TokenSource & { grants(): number } {
  const now = opts.now ?? Date.now;
  const margin = opts.refreshMarginMs ?? 300_000;
  const c = opts.credentials;
  let current: Grant | undefined;
  let inflight: Promise<Grant> | undefined;
  let stale = false;
  let grants = 0;

  async function request(form: Record<string, string>, kind: string): Promise<Grant> {
    const res = await opts.http.request<TokenResponse>({
      group: opts.group,
      operation: `oauth2.${kind}`,
      method: 'POST',
      path: c.tokenPath,
      form: { ...form, client_id: c.clientId, client_secret: c.clientSecret },
      okStatuses: [400, 401, 403],
    });
    const body = res.body ?? {};
    if (res.status !== 200 || typeof body.access_token !== 'string') {
      const reason = typeof body.error === 'string' ? body.error : `HTTP ${res.status}`;
      throw new AppError('AUTH_FAILED', `ION API ${kind} grant refused (${reason}) for client of tenant ${c.tenant}`, {
        details: { system: 'm3', status: res.status, grant: kind },
      });
    }
    grants += 1;
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in ?? 3600);
    return {
      accessToken: body.access_token,
      ...(typeof body.refresh_token === 'string' ? { refreshToken: body.refresh_token } : {}),
      expiresAt: now() + (Number.isFinite(seconds) ? seconds : 3600) * 1000,
    };
  }

  const passwordGrant = (): Promise<Grant> =>
    request({ grant_type: 'password', username: c.username, password: c.password }, 'password');

  async function renew(): Promise<Grant> {
    const previous = current;
    if (!stale && previous?.refreshToken) {
      try {
        return await request({ grant_type: 'refresh_token', refresh_token: previous.refreshToken }, 'refresh_token');
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'AUTH_FAILED') throw err;
        // refresh token expired or revoked: log in again
      }
    }
    return passwordGrant();
  }

  const usable = (g: Grant | undefined): boolean => g !== undefined && !stale && g.expiresAt - margin > now();

  return {
    async token() {
      if (current && usable(current)) return current.accessToken;
      inflight ??= renew()
        .then((g) => {
          current = g;
          stale = false;
          return g;
        })
        .finally(() => {
          inflight = undefined;
        });
      try {
        return (await inflight).accessToken;
      } catch (err) {
        // refresh ahead of expiry failed: the token we hold is still good for a while
        if (current && !stale && current.expiresAt > now()) return current.accessToken;
        throw err;
      }
    },
    invalidate(rejected) {
      if (current?.accessToken === rejected) stale = true;
    },
    grants: () => grants,
  };
}
