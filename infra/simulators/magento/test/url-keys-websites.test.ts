import { afterEach, describe, expect, it } from 'vitest';
import type { MagentoSimulator, Product } from '../src/index';
import { adminToken, build, call } from './support';

let sim: MagentoSimulator | undefined;
afterEach(async () => sim?.close());

const URL_CLASH = { message: 'URL key for specified store already exists.', parameters: [] };
const urlKey = (p: Product): unknown => p.custom_attributes.find((a) => a.attribute_code === 'url_key')?.value;

async function setup(opts: Parameters<typeof build>[0] = {}) {
  ({ sim } = build(opts));
  const token = await adminToken(sim);
  const s = sim;
  return {
    s,
    token,
    post: (prefix: string, product: Record<string, unknown>) =>
      call(s, token, { method: 'POST', url: `${prefix}/products`, payload: { product } }),
    put: (prefix: string, sku: string, product: Record<string, unknown>) =>
      call(s, token, { method: 'PUT', url: `${prefix}/products/${sku}`, payload: { product } }),
    get: async (prefix: string, sku: string) =>
      (await call(s, token, { url: `${prefix}/products/${sku}` })).json<Product>(),
  };
}

const withUrlKey = (key: string) => [{ attribute_code: 'url_key', value: key }];

describe('URL key uniqueness per store view (UrlRewrite DbStorage)', () => {
  it('refuses a create or an update whose url key another product uses in the same store', async () => {
    const t = await setup();
    const taken = urlKey(await t.get('/rest/V1', 'MH-00001')) as string;
    const dup = await t.post('/rest/V1', { sku: 'U-1', name: 'U', price: 1, custom_attributes: withUrlKey(taken) });
    expect(dup.statusCode).toBe(400);
    expect(dup.json()).toEqual(URL_CLASH);
    expect(sim?.state.products.has('U-1')).toBe(false);

    // A given url key is formatted like Magento's formatUrlKey.
    const ok = await t.post('/rest/V1', {
      sku: 'U-2',
      name: 'U',
      price: 1,
      custom_attributes: withUrlKey('Fancy Bag Ø'),
    });
    expect(urlKey(ok.json<Product>())).toBe('fancy-bag-o');
    const upd = await t.put('/rest/V1', 'MH-00002', { custom_attributes: withUrlKey('fancy-bag-o') });
    expect(upd.statusCode).toBe(400);
    expect(upd.json()).toEqual(URL_CLASH);
  });

  it('names may repeat (the generated key adds the sku); keys are compared per store view as each sees them', async () => {
    const t = await setup({ storeCodes: [{ code: 'de', website: 'de_site' }] });
    expect((await t.post('/rest/V1', { sku: 'G-1', name: 'Same Name', price: 1 })).statusCode).toBe(200);
    expect((await t.post('/rest/V1', { sku: 'G-2', name: 'Same Name', price: 1 })).statusCode).toBe(200);
    const key1 = urlKey(await t.get('/rest/V1', 'G-1')) as string;

    // G-3 is only in website 2: G-1's key is free there; assigning G-3 to website 1 then clashes.
    const g3 = await t.post('/rest/de/V1', { sku: 'G-3', name: 'G3', price: 1, custom_attributes: withUrlKey(key1) });
    expect(g3.statusCode).toBe(200);
    const assign = await call(t.s, t.token, {
      method: 'POST',
      url: '/rest/V1/products/G-3/websites',
      payload: { productWebsiteLink: { sku: 'G-3', website_id: 1 } },
    });
    expect(assign.statusCode).toBe(400);
    expect(assign.json()).toEqual({
      message: 'Could not assign product "%1" to websites "%2"',
      parameters: [g3.json<Product>().id, 1],
    });

    // G-1 gets its own url key in the default store view: its global key is then free there.
    expect((await t.put('/rest/V1', 'G-1', { custom_attributes: withUrlKey('g-one') })).statusCode).toBe(200);
    expect((await t.put('/rest/V1', 'G-2', { custom_attributes: withUrlKey(key1) })).statusCode).toBe(200);
    expect((await t.put('/rest/V1', 'G-2', { custom_attributes: withUrlKey('g-one') })).json()).toEqual(URL_CLASH);
  });

  it('products not visible individually, or outside the website, have no URL to clash with', async () => {
    const t = await setup();
    const key = urlKey(await t.get('/rest/V1', 'MH-00003')) as string;
    await t.put('/rest/all/V1', 'MH-00003', { visibility: 1 });
    expect(
      (await t.post('/rest/V1', { sku: 'V-1', name: 'V', price: 1, custom_attributes: withUrlKey(key) })).statusCode,
    ).toBe(200);
    // Both would now have the same URL in store 1: making MH-00003 visible again is refused.
    const visible = await t.put('/rest/all/V1', 'MH-00003', { visibility: 4 });
    expect(visible.statusCode).toBe(400);
    expect(visible.json()).toEqual(URL_CLASH);
  });
});

describe('website assignment (ProductRepository::assignProductToWebsites, ProductWebsiteLinkRepository)', () => {
  it('a create in `all` gets every website, one in a store view its website; website_ids in the request win', async () => {
    const t = await setup({ storeCodes: [{ code: 'de', website: 'de_site' }] });
    const ws = (p: Product) => p.extension_attributes.website_ids;
    expect(ws((await t.post('/rest/all/V1', { sku: 'W-1', name: 'W1', price: 1 })).json<Product>())).toEqual([1, 2]);
    expect(ws((await t.post('/rest/V1', { sku: 'W-2', name: 'W2', price: 1 })).json<Product>())).toEqual([1]);
    expect(ws((await t.post('/rest/de/V1', { sku: 'W-3', name: 'W3', price: 1 })).json<Product>())).toEqual([2]);
    const given = await t.post('/rest/all/V1', {
      sku: 'W-4',
      name: 'W4',
      price: 1,
      extension_attributes: { website_ids: [2] },
    });
    expect(ws(given.json<Product>())).toEqual([2]);
    const unknown = await t.post('/rest/V1', {
      sku: 'W-5',
      name: 'W5',
      price: 1,
      extension_attributes: { website_ids: [9] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toEqual({
      message: 'The product was unable to be saved. Please try again.',
      parameters: [],
    });

    const views = (await call(t.s, t.token, { url: '/rest/V1/store/storeViews' })).json<
      Array<{ code: string; website_id: number }>
    >();
    expect(views.map((v) => [v.code, v.website_id])).toEqual([
      ['admin', 0],
      ['default', 1],
      ['de', 2],
    ]);
  });

  it('assigns and removes a website by link', async () => {
    const t = await setup({ storeCodes: [{ code: 'de', website: 'de_site' }] });
    const add = await call(t.s, t.token, {
      method: 'POST',
      url: '/rest/V1/products/MH-00001/websites',
      payload: { productWebsiteLink: { sku: 'MH-00001', website_id: 2 } },
    });
    expect(add.json()).toBe(true);
    expect((await t.get('/rest/V1', 'MH-00001')).extension_attributes.website_ids).toEqual([1, 2]);
    const del = await call(t.s, t.token, { method: 'DELETE', url: '/rest/V1/products/MH-00001/websites/1' });
    expect(del.json()).toBe(true);
    expect((await t.get('/rest/V1', 'MH-00001')).extension_attributes.website_ids).toEqual([2]);

    const none = await call(t.s, t.token, {
      method: 'POST',
      url: '/rest/V1/products/MH-00001/websites',
      payload: { productWebsiteLink: { sku: 'MH-00001' } },
    });
    expect(none.json()).toEqual({ message: 'There are not websites for assign to product', parameters: [] });
    const bad = await call(t.s, t.token, {
      method: 'POST',
      url: '/rest/V1/products/MH-00001/websites',
      payload: { productWebsiteLink: { sku: 'MH-00001', website_id: 7 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ message: 'Could not assign product "%1" to websites "%2"', parameters: [1, 7] });
  });

  it('refuses an attribute set that does not exist', async () => {
    const t = await setup();
    const res = await t.post('/rest/V1', { sku: 'A-1', name: 'A', price: 1, attribute_set_id: 99 });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ message: 'The product was unable to be saved. Please try again.', parameters: [] });
    expect((await t.post('/rest/V1', { sku: 'A-2', name: 'A', price: 1, attribute_set_id: 4 })).statusCode).toBe(200);
  });
});
