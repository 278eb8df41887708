import { describe, expect, it } from 'vitest';
import type { MagentoOrder } from '../src/clients/types';
import { loadConfig } from '@m3mage/runtime';
import { magentoAuthSettings } from '@m3mage/connectors/magento';
import { configSchema } from '../src/config';
import { hasMarker, markerOf } from '../src/handlers/markers';
import { fullyInvoiced, orderItems } from '../src/handlers/order-items';

describe('Magento auth settings', () => {
  const base = { KAFKA_BROKERS: 'k:9092', SCHEMA_REGISTRY_URL: 'http://r', MAGENTO_BASE_URL: 'http://m' };
  const load = (env: Record<string, string>) => loadConfig(configSchema, { env, service: 'magento-writer' });

  it('refuses to boot without the keys the auth mode needs, naming them', () => {
    expect(() => load(base)).toThrow(/MAGENTO_TOKEN, or MAGENTO_ADMIN_USER and MAGENTO_ADMIN_PASSWORD/);
    expect(() => load({ ...base, MAGENTO_ADMIN_USER: 'admin' })).toThrow(/MAGENTO_ADMIN_PASSWORD/);
    let message = '';
    try {
      load({ ...base, MAGENTO_AUTH_MODE: 'oauth1', MAGENTO_OAUTH_CONSUMER_KEY: 'k' });
    } catch (e) {
      message = (e as Error).message;
    }
    for (const key of ['MAGENTO_OAUTH_CONSUMER_SECRET', 'MAGENTO_OAUTH_ACCESS_TOKEN', 'MAGENTO_OAUTH_TOKEN_SECRET'])
      expect(message).toContain(key);
  });

  it('picks the token, then the admin user, and keeps the writer its longer call timeout', () => {
    const token = load({ ...base, MAGENTO_TOKEN: 'x' });
    expect(magentoAuthSettings(token)).toEqual({ mode: 'token', token: 'x' });
    expect(token.MAGENTO_TIMEOUT_MS).toBe(15_000);
    expect(magentoAuthSettings(load({ ...base, MAGENTO_ADMIN_USER: 'a', MAGENTO_ADMIN_PASSWORD: 'p' }))).toEqual({
      mode: 'admin',
      username: 'a',
      password: 'p',
      ttlMs: 14_400_000,
      marginMs: 300_000,
    });
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
