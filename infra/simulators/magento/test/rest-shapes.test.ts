// REST answers pinned against the field lists of the reference notes (fixtures/rest-shapes.ts), nulls
// omitted (FORMAT-NOTES 49), camelCase input accepted (48).
import { describe, expect, it } from 'vitest';
import * as SHAPES from './fixtures/rest-shapes';
import type { JsonType, Shape } from './fixtures/rest-shapes';
import { adminToken, build, call } from './support';

const typeOf = (v: unknown): JsonType | 'null' | 'undefined' =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : (typeof v as JsonType | 'undefined');

/** The keys of `shape` that `value` lacks or carries with another JSON type, as `key: want ≠ got`. */
function mismatches(value: unknown, shape: Shape): string[] {
  const obj = (value ?? {}) as Record<string, unknown>;
  return Object.entries(shape)
    .filter(([k, t]) => typeOf(obj[k]) !== t)
    .map(([k, t]) => `${k}: ${t} ≠ ${typeOf(obj[k])}`);
}

/** Every path under `value` whose value is null. */
function nullPaths(value: unknown, path = ''): string[] {
  if (value === null) return [path];
  if (typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => nullPaths(v, path ? `${path}.${k}` : k));
}

async function setup() {
  const { sim } = build();
  const token = await adminToken(sim);
  const get = async (url: string): Promise<Record<string, unknown>> => {
    const res = await call(sim, token, { url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Record<string, unknown>>();
  };
  return { sim, token, get };
}

describe('REST answer shapes (FORMAT-NOTES 32, 36, 37, 49)', () => {
  it('an order GET carries base_* and *_incl_tax amounts and no null field', async () => {
    const { sim, get } = await setup();
    const guest = sim.placeOrders(1, { guest: true })[0]!;
    const order = await get(`/rest/V1/orders/${guest.entity_id}`);
    expect(mismatches(order, SHAPES.ORDER)).toEqual([]);
    expect(nullPaths(order)).toEqual([]);
    // A guest has no customer_id and a new order nothing invoiced: absent, not null.
    expect(order).not.toHaveProperty('customer_id');
    for (const k of Object.keys(SHAPES.ORDER_WHEN_INVOICED)) expect(order).not.toHaveProperty(k);
    expect(order.billing_address_id).toBe((order.billing_address as { entity_id: number }).entity_id);
    const items = order.items as unknown[];
    for (const item of items) expect(mismatches(item, SHAPES.ORDER_ITEM)).toEqual([]);
    expect(mismatches(order.billing_address, SHAPES.ORDER_ADDRESS)).toEqual([]);
    expect(mismatches(order.payment, SHAPES.PAYMENT)).toEqual([]);
    await sim.close();
  });

  it('an invoiced order has its invoiced and paid totals; the invoice has base_*, shipping and tax amounts', async () => {
    const { sim, token, get } = await setup();
    const placed = sim.placeOrders(1)[0]!;
    const res = await call(sim, token, {
      method: 'POST',
      url: `/rest/V1/order/${placed.entity_id}/invoice`,
      payload: { capture: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    const order = await get(`/rest/V1/orders/${placed.entity_id}`);
    expect(mismatches(order, { ...SHAPES.ORDER, ...SHAPES.ORDER_WHEN_INVOICED })).toEqual([]);
    expect(order.base_total_due).toBe(0);
    const invoice = await get(`/rest/V1/invoices/${res.json<number>()}`);
    expect(mismatches(invoice, SHAPES.INVOICE)).toEqual([]);
    expect(nullPaths(invoice)).toEqual([]);
    for (const item of invoice.items as unknown[]) expect(mismatches(item, SHAPES.INVOICE_ITEM)).toEqual([]);
    expect(invoice.base_grand_total).toBe(order.base_grand_total);
    await sim.close();
  });

  it('a product GET carries its custom attributes and a stock item with every use_config_* flag', async () => {
    const { sim, get } = await setup();
    const product = await get('/rest/V1/products/MH-00001');
    expect(mismatches(product, SHAPES.PRODUCT)).toEqual([]);
    expect(nullPaths(product)).toEqual([]);
    const custom = Object.fromEntries(
      (product.custom_attributes as Array<{ attribute_code: string; value: unknown }>).map((a) => [
        a.attribute_code,
        a.value,
      ]),
    );
    expect(mismatches(custom, SHAPES.PRODUCT_CUSTOM_ATTRIBUTES)).toEqual([]);
    expect(custom.category_ids).toEqual(['2']);
    const ext = product.extension_attributes as { stock_item: unknown; category_links: unknown[] };
    expect(mismatches(ext.stock_item, SHAPES.STOCK_ITEM)).toEqual([]);
    expect(ext.category_links).toEqual([{ position: 0, category_id: '2' }]);
    await sim.close();
  });

  it('a customer GET matches item 37, without null fields', async () => {
    const { sim, get } = await setup();
    const customer = await get('/rest/V1/customers/1');
    expect(mismatches(customer, SHAPES.CUSTOMER)).toEqual([]);
    expect(nullPaths(customer)).toEqual([]);
    for (const a of customer.addresses as unknown[]) expect(mismatches(a, SHAPES.CUSTOMER_ADDRESS)).toEqual([]);
    await sim.close();
  });
});

describe('REST input keys (FORMAT-NOTES 48)', () => {
  it('a camelCase customer POST is accepted and answered in snake_case', async () => {
    const { sim, token } = await setup();
    const res = await call(sim, token, {
      method: 'POST',
      url: '/rest/V1/customers',
      payload: {
        customer: {
          email: 'camel.case@example.com',
          firstname: 'Camel',
          lastname: 'Case',
          websiteId: 1,
          groupId: 1,
          addresses: [
            {
              firstname: 'Camel',
              lastname: 'Case',
              street: ['Kamelweg 1'],
              city: 'Bern',
              postcode: '3011',
              countryId: 'CH',
              regionId: 0,
              telephone: '+41 31 000 00 00',
              defaultShipping: true,
              defaultBilling: true,
            },
          ],
        },
        password: 'Secret-123',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const customer = res.json<Record<string, unknown>>();
    expect(mismatches(customer, SHAPES.CUSTOMER)).toEqual([]);
    const [address] = customer.addresses as Array<Record<string, unknown>>;
    expect(address).toMatchObject({ country_id: 'CH', default_shipping: true, default_billing: true });
    expect(address).not.toHaveProperty('countryId');
    expect(customer.default_shipping).toBe(String(address?.id));
    await sim.close();
  });

  it('top-level parameters may be snake_case too (status_history for statusHistory)', async () => {
    const { sim, token, get } = await setup();
    const res = await call(sim, token, {
      method: 'POST',
      url: '/rest/V1/orders/1/comments',
      payload: { status_history: { comment: 'snake', isCustomerNotified: 0, isVisibleOnFront: 1 } },
    });
    expect(res.statusCode, res.body).toBe(200);
    const order = await get('/rest/V1/orders/1');
    expect((order.status_histories as unknown[])[0]).toMatchObject({
      comment: 'snake',
      is_customer_notified: 0,
      is_visible_on_front: 1,
    });
    await sim.close();
  });
});
