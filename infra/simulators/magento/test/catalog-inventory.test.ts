import { afterEach, describe, expect, it } from 'vitest';
import type { Customer, MagentoSimulator, Product } from '../src/index';
import { adminToken, build, call, criteria } from './support';

let sim: MagentoSimulator | undefined;
afterEach(async () => sim?.close());

describe('customers', () => {
  it('creates, updates, searches and refuses a duplicate e-mail', async () => {
    ({ sim } = build());
    const token = await adminToken(sim);
    const customer = {
      email: 'zoe@example.com',
      firstname: 'Zoë',
      lastname: 'Øster-Bjørnsdóttir',
      addresses: [
        {
          firstname: 'Zoë',
          lastname: 'Øster-Bjørnsdóttir',
          street: ['Østerbrogade 94, 4. sal, lejlighed 12'],
          city: 'København Ø',
          postcode: '2100',
          country_id: 'DK',
          telephone: '+45 1234',
          default_billing: true,
        },
      ],
    };
    const created = await call(sim, token, {
      method: 'POST',
      url: '/rest/V1/customers',
      payload: { customer, password: 'Secret123!' },
    });
    expect(created.statusCode).toBe(200);
    const c = created.json<Customer>();
    expect(c.default_billing).toBe(String(c.addresses[0]?.id));
    const dup = await call(sim, token, { method: 'POST', url: '/rest/V1/customers', payload: { customer } });
    expect(dup.statusCode).toBe(400);
    expect(dup.json<{ message: string }>().message).toBe(
      'A customer with the same email address already exists in an associated website.',
    );

    const updated = await call(sim, token, {
      method: 'PUT',
      url: `/rest/V1/customers/${c.id}`,
      payload: { customer: { ...c, firstname: 'Zoe' } },
    });
    expect(updated.json<Customer>().firstname).toBe('Zoe');
    const found = await call(sim, token, {
      url: `/rest/V1/customers/search?${criteria([[{ field: 'email', value: 'ZOE@example.com' }]])}`,
    });
    expect(found.json<{ items: Customer[] }>().items.map((x) => x.id)).toEqual([c.id]);
  });
});

describe('products and legacy stock', () => {
  it('PUT merges: Magento-only custom attributes survive an update', async () => {
    ({ sim } = build());
    const token = await adminToken(sim);
    const put = await call(sim, token, {
      method: 'PUT',
      url: '/rest/V1/products/MH-00001',
      payload: {
        product: {
          name: 'Renamed by M3',
          price: 12.5,
          custom_attributes: [{ attribute_code: 'm3_item_group', value: 'BAGS' }],
        },
      },
    });
    expect(put.statusCode).toBe(200);
    const p = put.json<Product>();
    expect(p.name).toBe('Renamed by M3');
    expect(p.custom_attributes.map((a) => a.attribute_code)).toEqual(
      expect.arrayContaining(['description', 'm3_item_group', 'url_key', 'tax_class_id', 'category_ids']),
    );

    const created = await call(sim, token, {
      method: 'POST',
      url: '/rest/V1/products',
      payload: { product: { sku: 'NEW-1', name: 'New', price: 1 } },
    });
    expect(created.json<Product>()).toMatchObject({ sku: 'NEW-1', type_id: 'simple', status: 1, visibility: 4 });
    const noName = await call(sim, token, {
      method: 'POST',
      url: '/rest/V1/products',
      payload: { product: { sku: 'NEW-2', price: 1 } },
    });
    expect(noName.statusCode).toBe(400);
  });

  it('updates a stock item and keeps the default source in step', async () => {
    ({ sim } = build());
    const token = await adminToken(sim);
    const product = sim.state.products.get('MH-00002') as Product;
    const itemId = product.extension_attributes.stock_item.item_id;
    const res = await call(sim, token, {
      method: 'PUT',
      url: `/rest/V1/products/MH-00002/stockItems/${itemId}`,
      payload: { stockItem: { qty: 77, is_in_stock: true } },
    });
    expect(res.json()).toBe(itemId);
    const after = (await call(sim, token, { url: '/rest/V1/products/MH-00002' })).json<Product>();
    expect(after.extension_attributes.stock_item.qty).toBe(77);
    const src = await call(sim, token, {
      url: `/rest/V1/inventory/source-items?${criteria([[{ field: 'sku', value: 'MH-00002' }], [{ field: 'source_code', value: 'default' }]])}`,
    });
    expect(src.json<{ items: Array<{ quantity: number }> }>().items[0]?.quantity).toBe(77);
  });
});

describe('MSI source items and sources (FORMAT-NOTES 35)', () => {
  it('saves, searches and deletes source items; validates input', async () => {
    ({ sim } = build());
    const token = await adminToken(sim);
    const save = await call(sim, token, {
      method: 'POST',
      url: '/rest/V1/inventory/source-items',
      payload: { sourceItems: [{ sku: 'MH-00003', source_code: 'wh_sto', quantity: 12.5, status: 1 }] },
    });
    expect(save.statusCode).toBe(200);
    expect(save.json()).toEqual([]);
    const q = `/rest/V1/inventory/source-items?${criteria([[{ field: 'sku', value: 'MH-00003' }], [{ field: 'source_code', value: 'wh_sto' }]])}`;
    expect((await call(sim, token, { url: q })).json<{ items: unknown[] }>().items).toEqual([
      { sku: 'MH-00003', source_code: 'wh_sto', quantity: 12.5, status: 1 },
    ]);
    const invalid = await call(sim, token, {
      method: 'POST',
      url: '/rest/V1/inventory/source-items',
      payload: { sourceItems: [{ source_code: 'wh_sto', quantity: 1, status: 1 }] },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({
      message: 'Validation Failed',
      errors: [{ message: '"%field" can not be empty.', parameters: { field: 'sku' } }],
    });
    const unknownSource = await call(sim, token, {
      method: 'POST',
      url: '/rest/V1/inventory/source-items',
      payload: { sourceItems: [{ sku: 'MH-00003', source_code: 'nowhere', quantity: 1, status: 1 }] },
    });
    expect(unknownSource.statusCode).toBe(400);
    await call(sim, token, {
      method: 'POST',
      url: '/rest/V1/inventory/source-items-delete',
      payload: { sourceItems: [{ sku: 'MH-00003', source_code: 'wh_sto' }] },
    });
    expect((await call(sim, token, { url: q })).json<{ total_count: number }>().total_count).toBe(0);
  });

  it('lists and creates sources', async () => {
    ({ sim } = build());
    const token = await adminToken(sim);
    const list = (await call(sim, token, { url: '/rest/V1/inventory/sources' })).json<{
      items: Array<{ source_code: string }>;
    }>();
    expect(list.items.map((s) => s.source_code)).toEqual(['default', 'wh_sto', 'wh_ber']);
    await call(sim, token, {
      method: 'POST',
      url: '/rest/V1/inventory/sources',
      payload: { source: { source_code: 'wh_new', name: 'New', country_id: 'SE', postcode: '1' } },
    });
    expect((await call(sim, token, { url: '/rest/V1/inventory/sources/wh_new' })).statusCode).toBe(200);
    expect((await call(sim, token, { url: '/rest/V1/inventory/sources/none' })).statusCode).toBe(404);
  });
});

describe('async bulk', () => {
  it('accepts operations with a bulk uuid, runs them, and reports per-operation status', async () => {
    ({ sim } = build());
    const token = await adminToken(sim);
    const res = await call(sim, token, {
      method: 'PUT',
      url: '/rest/async/bulk/V1/products/bySku',
      payload: [{ product: { sku: 'MH-00001', price: 9.99 } }, { product: { sku: 'BRAND-NEW', price: 1 } }],
    });
    expect(res.statusCode).toBe(202);
    const body = res.json<{
      bulk_uuid: string;
      request_items: Array<{ id: number; status: string }>;
      errors: boolean;
    }>();
    expect(body.errors).toBe(false);
    expect(body.request_items.map((i) => i.status)).toEqual(['accepted', 'accepted']);
    await sim.idle();
    const status = (await call(sim, token, { url: `/rest/V1/bulk/${body.bulk_uuid}/status` })).json<{
      operations_list: Array<{ id: number; status: number; result_message: string }>;
      operation_count: number;
    }>();
    expect(status.operation_count).toBe(2);
    expect(status.operations_list.map((o) => o.status)).toEqual([1, 3]);
    expect(sim.state.products.get('MH-00001')?.price).toBe(9.99);
    expect((await call(sim, token, { url: '/rest/V1/bulk/unknown/status' })).statusCode).toBe(404);
  });

  it('runs bulk source-item saves', async () => {
    ({ sim } = build());
    const token = await adminToken(sim);
    const res = await call(sim, token, {
      method: 'POST',
      url: '/rest/default/async/bulk/V1/inventory/source-items',
      payload: [{ sourceItems: [{ sku: 'MH-00004', source_code: 'wh_ber', quantity: 3, status: 1 }] }],
    });
    await sim.idle();
    const uuid = res.json<{ bulk_uuid: string }>().bulk_uuid;
    const status = (await call(sim, token, { url: `/rest/V1/bulk/${uuid}/status` })).json<{
      operations_list: Array<{ status: number }>;
    }>();
    expect(status.operations_list[0]?.status).toBe(1);
    expect(sim.state.sourceItems.get('MH-00004@wh_ber')?.quantity).toBe(3);
  });
});
