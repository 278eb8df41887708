import { describe, expect, it } from 'vitest';
import type { MagentoOrder } from '../src/clients/types';
import { authSettings, configSchema } from '../src/config';
import { hasMarker, markerOf } from '../src/handlers/markers';
import { fullyInvoiced, orderItems } from '../src/handlers/order-items';

describe('Magento auth settings', () => {
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
