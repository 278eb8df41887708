import { describe, expect, it } from 'vitest';
import { createAuthorizer, encodeQuery } from '../src/clients/magento-auth';
import type { MagentoOrder } from '../src/clients/types';
import { authSettings, configSchema } from '../src/config';
import { hasMarker, markerOf } from '../src/handlers/markers';
import { fullyInvoiced, orderItems } from '../src/handlers/order-items';

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

  it('refuses to boot without the keys the auth mode needs, naming them', () => {
    const base = { KAFKA_BROKERS: 'k:9092', SCHEMA_REGISTRY_URL: 'http://r', MAGENTO_BASE_URL: 'http://m' };
    expect(() => authSettings(configSchema.parse(base))).toThrow(/MAGENTO_TOKEN, or MAGENTO_ADMIN_USER/);
    expect(() => authSettings(configSchema.parse({ ...base, MAGENTO_AUTH_MODE: 'oauth1' }))).toThrow(
      /MAGENTO_OAUTH_CONSUMER_KEY/,
    );
    expect(authSettings(configSchema.parse({ ...base, MAGENTO_TOKEN: 'x' }))).toEqual({ mode: 'token', token: 'x' });
  });
});

describe('order items and markers', () => {
  const order: MagentoOrder = {
    entity_id: 5,
    increment_id: '000000005',
    state: 'new',
    status: 'pending',
    items: [
      { item_id: 10, sku: 'CONF-RED', qty_ordered: 2, product_type: 'configurable' },
      { item_id: 11, sku: 'CONF-RED', qty_ordered: 2, parent_item_id: 10, product_type: 'simple' },
      { item_id: 12, sku: 'MH-00002', qty_ordered: 1, qty_invoiced: 1 },
    ],
  };

  it('maps SKUs to the top-level order item and decimal quantities to numbers', () => {
    expect(
      orderItems(order, [
        { sku: 'CONF-RED', qty: '2' },
        { sku: 'MH-00002', qty: '0.5' },
      ]),
    ).toEqual([
      { order_item_id: 10, qty: 2 },
      { order_item_id: 12, qty: 0.5 },
    ]);
  });

  it('rejects SKUs that are not on the order, naming them', () => {
    expect(() => orderItems(order, [{ sku: 'NOPE', qty: '1' }])).toThrow(/SKU 'NOPE' not on Magento order 000000005/);
  });

  it('knows a fully invoiced order and finds its own marker in comments', () => {
    expect(fullyInvoiced(order)).toBe(false);
    expect(fullyInvoiced({ ...order, items: order.items.map((i) => ({ ...i, qty_invoiced: i.qty_ordered })) })).toBe(
      true,
    );
    const m = markerOf('ship:000000005:D1');
    expect(hasMarker([{ comment: null }, { comment: `Shipped with M3 delivery D1. ${m}` }], m)).toBe(true);
    expect(hasMarker([{ comment: markerOf('ship:000000005:D10') }], m)).toBe(false);
  });
});
