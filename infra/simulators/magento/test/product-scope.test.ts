import { afterEach, describe, expect, it } from 'vitest';
import type { MagentoSimulator, Product } from '../src/index';
import { adminToken, build, call } from './support';

let sim: MagentoSimulator | undefined;
afterEach(async () => sim?.close());

type Raw = { product: Product; storeValues: Record<string, Record<string, unknown>> };

const custom = (p: Product, code: string): unknown => p.custom_attributes.find((a) => a.attribute_code === code)?.value;

async function setup() {
  ({ sim } = build({ storeCodes: ['sv'] }));
  const token = await adminToken(sim);
  const s = sim;
  return {
    token,
    put: (prefix: string, sku: string, product: Record<string, unknown>) =>
      call(s, token, { method: 'PUT', url: `${prefix}/products/${sku}`, payload: { product } }),
    post: (prefix: string, product: Record<string, unknown>) =>
      call(s, token, { method: 'POST', url: `${prefix}/products`, payload: { product } }),
    get: async (prefix: string, sku: string) =>
      (await call(s, token, { url: `${prefix}/products/${sku}` })).json<Product>(),
    raw: async (sku: string) => (await s.app.inject({ url: `/_control/products/${sku}` })).json<Raw>(),
  };
}

describe('store scope of a product save (MASTER-DATA-NOTES §4, ProductRepository::save)', () => {
  it('an update without store code writes store-view values of the default store view; the global value stays', async () => {
    const t = await setup();
    const before = await t.get('/rest/all/V1', 'MH-00001');
    const res = await t.put('/rest/V1', 'MH-00001', {
      name: 'Renamed by M3',
      price: 19.5,
      weight: 2.5,
      custom_attributes: [
        { attribute_code: 'description', value: '<p>from M3</p>' },
        { attribute_code: 'tax_class_id', value: '0' },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<Product>()).toMatchObject({ name: 'Renamed by M3', price: 19.5 });

    const raw = await t.raw('MH-00001');
    // Store-view attributes: written at store 1 only.
    expect(raw.product.name).toBe(before.name);
    expect(custom(raw.product, 'description')).toBe(custom(before, 'description'));
    expect(raw.storeValues['1']).toMatchObject({ name: 'Renamed by M3', description: '<p>from M3</p>' });
    // Global attributes (price scope Global, weight, tax class): written globally.
    expect(raw.product).toMatchObject({ price: 19.5, weight: 2.5 });
    expect(custom(raw.product, 'tax_class_id')).toBe('0');
    expect(raw.storeValues['1']).not.toHaveProperty('price');

    // Reads overlay the store's values; `all` answers the global ones; another store view sees global values.
    expect((await t.get('/rest/V1', 'MH-00001')).name).toBe('Renamed by M3');
    expect((await t.get('/rest/default/V1', 'MH-00001')).name).toBe('Renamed by M3');
    expect((await t.get('/rest/all/V1', 'MH-00001')).name).toBe(before.name);
    expect((await t.get('/rest/sv/V1', 'MH-00001')).name).toBe(before.name);
  });

  it('`all` and `admin` write global values; a store code writes that store view only', async () => {
    const t = await setup();
    await t.put('/rest/all/V1', 'MH-00002', { name: 'Global name' });
    await t.put('/rest/admin/V1', 'MH-00002', { custom_attributes: [{ attribute_code: 'meta_title', value: 'T' }] });
    await t.put('/rest/sv/V1', 'MH-00002', { name: 'Svenskt namn' });
    const raw = await t.raw('MH-00002');
    expect(raw.product.name).toBe('Global name');
    expect(custom(raw.product, 'meta_title')).toBe('T');
    expect(raw.storeValues).toEqual({ '2': { name: 'Svenskt namn' } });
    expect((await t.get('/rest/V1', 'MH-00002')).name).toBe('Global name');
    expect((await t.get('/rest/sv/V1', 'MH-00002')).name).toBe('Svenskt namn');
  });

  it('a later global write does not reach a store view that has its own value', async () => {
    const t = await setup();
    await t.put('/rest/V1', 'MH-00003', { name: 'Store 1 name' });
    await t.put('/rest/all/V1', 'MH-00003', { name: 'New global name' });
    expect((await t.get('/rest/V1', 'MH-00003')).name).toBe('Store 1 name');
    expect((await t.get('/rest/sv/V1', 'MH-00003')).name).toBe('New global name');
  });

  it('status is a website attribute: written in every store view of the website', async () => {
    const t = await setup();
    await t.put('/rest/V1', 'MH-00004', { status: 2 });
    const raw = await t.raw('MH-00004');
    expect(raw.product.status).toBe(1);
    expect(raw.storeValues).toEqual({ '1': { status: 2 }, '2': { status: 2 } });
  });

  it('an unchanged string value that is not yet overridden does not become a store-view value (2.4)', async () => {
    const t = await setup();
    const current = await t.get('/rest/V1', 'MH-00005');
    await t.put('/rest/V1', 'MH-00005', { name: current.name, visibility: current.visibility });
    // visibility is sent as a number where Magento compares with the loaded DB string: it is written.
    expect((await t.raw('MH-00005')).storeValues).toEqual({ '1': { visibility: current.visibility } });
  });

  it('a create is global (no store code) and website-assigned; a PUT merges attributes and custom attributes', async () => {
    const t = await setup();
    const created = await t.post('/rest/V1', {
      sku: 'M3-NEW-1',
      name: 'Created by M3',
      price: 5,
      custom_attributes: [
        { attribute_code: 'm3_item_group', value: 'BAGS' },
        { attribute_code: 'description', value: 'd' },
      ],
    });
    expect(created.statusCode).toBe(200);
    expect((await t.raw('M3-NEW-1')).storeValues).toEqual({});
    const p = created.json<Product>();
    expect(p.name).toBe('Created by M3');
    expect(custom(p, 'url_key')).toBe('created-by-m3-m3-new-1');

    await t.put('/rest/V1', 'M3-NEW-1', { custom_attributes: [{ attribute_code: 'm3_item_group', value: 'TOOLS' }] });
    const after = await t.get('/rest/V1', 'M3-NEW-1');
    expect(after).toMatchObject({ name: 'Created by M3', price: 5 });
    expect(custom(after, 'm3_item_group')).toBe('TOOLS');
    expect(custom(after, 'description')).toBe('d');
  });

  it('async bulk operations run in the store of the bulk request', async () => {
    const t = await setup();
    const s = sim as MagentoSimulator;
    await call(s, t.token, {
      method: 'PUT',
      url: '/rest/all/async/bulk/V1/products/bySku',
      payload: [{ product: { sku: 'MH-00006', name: 'Bulk global' } }],
    });
    await call(s, t.token, {
      method: 'PUT',
      url: '/rest/default/async/bulk/V1/products/bySku',
      payload: [{ product: { sku: 'MH-00006', name: 'Bulk store 1' } }],
    });
    await s.idle();
    const raw = await t.raw('MH-00006');
    expect(raw.product.name).toBe('Bulk global');
    expect(raw.storeValues['1']).toEqual({ name: 'Bulk store 1' });
  });

  it('with singleStore, Magento saves every value globally', async () => {
    ({ sim } = build({ singleStore: true }));
    const token = await adminToken(sim);
    await call(sim, token, {
      method: 'PUT',
      url: '/rest/V1/products/MH-00001',
      payload: { product: { name: 'One store' } },
    });
    const raw = (await sim.app.inject({ url: '/_control/products/MH-00001' })).json<Raw>();
    expect(raw.product.name).toBe('One store');
    expect(raw.storeValues).toEqual({});
  });
});

describe('control: a Magento admin user editing a product', () => {
  it('writes at a scope, shows global and store-view values, and a REST PUT keeps what it does not send', async () => {
    const t = await setup();
    const s = sim as MagentoSimulator;
    const edit = await s.app.inject({
      method: 'PUT',
      url: '/_control/products/MH-00007',
      payload: {
        storeId: 1,
        values: { name: 'Merchandised name', meta_description: 'SEO text', price: 99, badge: 'new' },
      },
    });
    expect(edit.statusCode).toBe(200);
    await s.app.inject({
      method: 'PUT',
      url: '/_control/products/MH-00007',
      payload: { values: { msrp_display_actual_price_type: '2' } },
    });
    let raw = await t.raw('MH-00007');
    expect(raw.storeValues['1']).toEqual({ name: 'Merchandised name', meta_description: 'SEO text', badge: 'new' });
    expect(raw.product.price).toBe(99);
    expect(custom(raw.product, 'msrp_display_actual_price_type')).toBe('2');

    await t.put('/rest/all/V1', 'MH-00007', {
      price: 12,
      custom_attributes: [{ attribute_code: 'm3_flag', value: '1' }],
    });
    const seen = await t.get('/rest/V1', 'MH-00007');
    expect(seen).toMatchObject({ name: 'Merchandised name', price: 12 });
    expect(custom(seen, 'meta_description')).toBe('SEO text');
    expect(custom(seen, 'msrp_display_actual_price_type')).toBe('2');

    // "Use Default Value": null at a store view removes its value.
    await s.app.inject({
      method: 'PUT',
      url: '/_control/products/MH-00007',
      payload: { storeId: 1, values: { name: null } },
    });
    raw = await t.raw('MH-00007');
    expect(raw.storeValues['1']).not.toHaveProperty('name');
    expect((await s.app.inject({ url: '/_control/products/NOPE' })).statusCode).toBe(404);
  });
});
