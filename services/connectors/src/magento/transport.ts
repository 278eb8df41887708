// Store-scoped Magento REST calls over the runtime HTTP client (breaker-guarded, errors classified into
// AppErrors: 400 → MAGENTO_VALIDATION, 404 → MAGENTO_NOT_FOUND, 401 → AUTH_FAILED, 5xx/timeouts transient).
// Every call is signed for its method, URL and query; a 401 invalidates the credential and the call is
// made once more with a fresh one where the credential can be renewed (admin token).
import { isAppError, type HttpClient, type HttpMethod } from '@m3mage/runtime';
import type { AdminTokenFetcher, MagentoAuthorizer } from './auth';
import { encodeQuery, type MagentoQuery } from './query';

/** The runtime HTTP client group of the Magento calls (breaker, limits, metrics). */
export const MAGENTO_GROUP = 'magento-rest';

export interface MagentoTransportOptions {
  http: HttpClient;
  /** Store origin (and path prefix) without /rest, e.g. https://shop.example.com */
  baseUrl: string;
  storeCode: string;
  auth: MagentoAuthorizer;
}

export interface MagentoCall {
  query?: MagentoQuery;
  body?: unknown;
  /**
   * Store code of this call instead of the configured one: `all` writes product values at global scope
   * (an update without a store code writes store-view values, MASTER-DATA-NOTES §4).
   */
  storeCode?: string;
  /**
   * `async-bulk`: Magento's asynchronous bulk API, `/rest/<store>/async/bulk/V1<path>` with an array of request
   * bodies (answers a bulk uuid; the operations run later, MASTER-DATA-NOTES §4). Default: the synchronous `/V1`.
   */
  api?: 'rest' | 'async-bulk';
}

export interface MagentoTransport {
  /** `method /rest/<store>/V1<path>?<query>`: the response body. */
  call: <T>(operation: string, method: HttpMethod, path: string, extra?: MagentoCall) => Promise<T>;
}

export function createMagentoTransport(opts: MagentoTransportOptions): MagentoTransport {
  const prefixOf = (store: string, api: MagentoCall['api']) =>
    `/rest/${encodeURIComponent(store)}${api === 'async-bulk' ? '/async/bulk' : ''}/V1`;
  const base = opts.baseUrl.replace(/\/+$/, '');

  return {
    async call<T>(operation: string, method: HttpMethod, path: string, extra: MagentoCall = {}): Promise<T> {
      const prefix = prefixOf(extra.storeCode ?? opts.storeCode, extra.api);
      const send = async (): Promise<T> => {
        const authorization = await opts.auth.header({
          method,
          url: `${base}${prefix}${path}`,
          ...(extra.query ? { query: extra.query } : {}),
        });
        const res = await opts.http.request<T>({
          group: MAGENTO_GROUP,
          operation,
          method,
          path: `${prefix}${path}${extra.query ? `?${encodeQuery(extra.query)}` : ''}`,
          headers: { authorization },
          ...(extra.body !== undefined ? { body: extra.body } : {}),
        });
        return res.body;
      };
      try {
        return await send();
      } catch (err) {
        if (isAppError(err) && err.code === 'AUTH_FAILED' && opts.auth.invalidate()) return send();
        throw err;
      }
    },
  };
}

/** The admin token request (POST /rest/V1/integration/admin/token) over the same HTTP client group. */
export function adminTokenFetcher(http: HttpClient): AdminTokenFetcher {
  return async (username, password) => {
    const res = await http.request<string>({
      group: MAGENTO_GROUP,
      operation: 'admin.token',
      method: 'POST',
      path: '/rest/V1/integration/admin/token',
      body: { username, password },
    });
    return String(res.body);
  };
}
