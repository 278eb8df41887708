// The one Magento transport: admin-token lifecycle and OAuth 1.0a signatures (unit), then signed calls on
// the Magento simulator over HTTP (a query with spaces and brackets must be signed and sent as %20, not '+'),
// error classification, and one more try with a fresh admin token after a 401.
import { createHttpClient, createLogger, createMetrics, type HttpClient } from '@m3mage/runtime';
import { createMagentoSimulator, type MagentoSimulator } from '@m3mage/simulators/magento';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminTokenFetcher,
  createAuthorizer,
  createMagentoTransport,
  encodeQuery,
  MAGENTO_GROUP,
  magentoAnswers,
  searchFilter,
  type MagentoAuthorizer,
  type MagentoAuthSettings,
} from '../src/magento';

describe('Magento authorizer', () => {
  it('fetches an admin token once for concurrent calls, reuses it, and refreshes when it expires or after a 401', async () => {
    let t = 0;
    let fetches = 0;
    const auth = createAuthorizer(
      { mode: 'admin', username: 'u', password: 'p', ttlMs: 4 * 3600_000, marginMs: 300_000 },
      { now: () => t, fetchAdminToken: async () => `tok${++fetches}` },
    );
    const req = { method: 'GET', url: 'http://m/rest/default/V1/orders' };
    expect(await Promise.all([auth.header(req), auth.header(req), auth.header(req)])).toEqual([
      'Bearer tok1',
      'Bearer tok1',
      'Bearer tok1',
    ]);
    t = 4 * 3600_000 - 300_001;
    expect(await auth.header(req)).toBe('Bearer tok1');
    t += 2;
    expect(await auth.header(req)).toBe('Bearer tok2');
    expect(auth.invalidate()).toBe(true);
    expect(await auth.header(req)).toBe('Bearer tok3');
  });

  it('signs OAuth 1.0a with HMAC-SHA256 over the decoded query, and a static token cannot be refreshed', async () => {
    const oauth = createAuthorizer(
      { mode: 'oauth1', consumerKey: 'ck', consumerSecret: 'cs', accessToken: 'at', tokenSecret: 'ts' },
      { now: () => 1_700_000_000_000, fetchAdminToken: () => Promise.reject(new Error('unused')) },
    );
    const h = await oauth.header({ method: 'GET', url: 'http://m/rest/default/V1/orders', query: { 'a[b]': 'x y' } });
    expect(h).toMatch(/^OAuth /);
    expect(h).toContain('oauth_signature_method="HMAC-SHA256"');
    expect(h).toContain('oauth_timestamp="1700000000"');
    expect(h).toContain('oauth_consumer_key="ck"');
    expect(oauth.invalidate()).toBe(false);
    expect(encodeQuery({ 'a[b]': 'x y' })).toBe('a%5Bb%5D=x%20y');
  });
});

describe('Magento transport on the simulator', () => {
  let sim: MagentoSimulator;
  let url: string;
  let http: HttpClient;
  const transport = (auth: MagentoAuthorizer) =>
    createMagentoTransport({ http, baseUrl: url, storeCode: 'default', auth });
  const oauth = (): MagentoAuthSettings => {
    const c = sim.credentials.integration;
    return {
      mode: 'oauth1',
      consumerKey: c.consumerKey,
      consumerSecret: c.consumerSecret,
      accessToken: c.accessToken,
      tokenSecret: c.accessTokenSecret,
    };
  };

  beforeAll(async () => {
    sim = createMagentoSimulator({ sizes: { customers: 5, products: 10, orders: 0 }, orderWriteHoldMs: 0 });
    sim.placeOrders(2);
    url = await sim.app.listen({ host: '127.0.0.1', port: 0 });
    const metrics = createMetrics({ service: 'connectors-test', collectDefaults: false });
    const logger = createLogger({ service: 'connectors-test', version: '0', level: 'silent' });
    http = createHttpClient({
      system: 'magento',
      answers: magentoAnswers,
      metrics,
      logger,
      groups: { [MAGENTO_GROUP]: { baseUrl: url } },
    });
  });
  afterAll(async () => {
    await http.close();
    await sim.close();
  });

  it('signs the decoded query with OAuth 1.0a and sends it RFC 3986-encoded', async () => {
    const t = transport(createAuthorizer(oauth()));
    const list = await t.call<{ total_count: number }>('orders.search', 'GET', '/orders', {
      query: { ...searchFilter(0, 'updated_at', '2000-01-01 00:00:00', 'gteq'), 'searchCriteria[pageSize]': 10 },
    });
    expect(list.total_count).toBe(2);
  });

  it('classifies a refused token as AUTH_FAILED and an unknown order as MAGENTO_NOT_FOUND', async () => {
    const wrong = transport(createAuthorizer({ mode: 'token', token: 'wrong' }));
    await expect(wrong.call('orders.get', 'GET', '/orders/1')).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    await expect(transport(createAuthorizer(oauth())).call('orders.get', 'GET', '/orders/4242')).rejects.toMatchObject({
      code: 'MAGENTO_NOT_FOUND',
    });
  });

  it('fetches a new admin token after a 401 and makes the call once more', async () => {
    const fetchToken = adminTokenFetcher(http);
    const fetched: string[] = [];
    const admin = sim.credentials.admin;
    const auth = createAuthorizer(
      { mode: 'admin', username: admin.username, password: admin.password, ttlMs: 3_600_000, marginMs: 0 },
      {
        fetchAdminToken: async (u, p) => {
          const token = fetched.length === 0 ? 'revoked' : await fetchToken(u, p);
          fetched.push(token);
          return token;
        },
      },
    );
    const order = await transport(auth).call<{ increment_id: string }>('orders.get', 'GET', '/orders/1');
    expect(order.increment_id).toBe('000000001');
    expect(fetched).toHaveLength(2);
  });
});
