import { afterEach, describe, expect, it } from 'vitest';
import type { MagentoSimulator, Product } from '../src/index';
import { adminToken, build, call, criteria } from './support';

let sim: MagentoSimulator | undefined;
afterEach(async () => sim?.close());

type CategoryView = {
  id: number;
  parent_id: number;
  name: string;
  level: number;
  path: string;
  position: number;
  children: string;
  custom_attributes: Array<{ attribute_code: string; value: unknown }>;
};

async function setup() {
  ({ sim } = build());
  const token = await adminToken(sim);
  const s = sim;
  const links = async (sku: string) => {
    const p = (await call(s, token, { url: `/rest/V1/products/${sku}` })).json<Product>();
    return {
      links: p.extension_attributes.category_links,
      ids: p.custom_attributes.find((a) => a.attribute_code === 'category_ids')?.value,
    };
  };
  const put = (sku: string, product: Record<string, unknown>) =>
    call(s, token, { method: 'PUT', url: `/rest/V1/products/${sku}`, payload: { product } });
  return { s, token, links, put };
}

describe('category tree (CategoryRepository, CategoryManagement)', () => {
  it('seeds the root, "Default Category" and children; gets one, lists, and answers the tree', async () => {
    const { s, token } = await setup();
    const def = (await call(s, token, { url: '/rest/V1/categories/2' })).json<CategoryView>();
    expect(def).toMatchObject({
      id: 2,
      parent_id: 1,
      name: 'Default Category',
      level: 1,
      path: '1/2',
      children: '3,5,6',
    });
    const bags = (await call(s, token, { url: '/rest/V1/categories/4' })).json<CategoryView>();
    expect(bags).toMatchObject({ parent_id: 3, level: 3, path: '1/2/3/4' });
    expect(bags.custom_attributes).toEqual(
      expect.arrayContaining([
        { attribute_code: 'url_key', value: 'bags' },
        { attribute_code: 'url_path', value: 'gear/bags' },
      ]),
    );
    const missing = await call(s, token, { url: '/rest/V1/categories/999' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      message: 'No such entity with %fieldName = %fieldValue',
      parameters: { fieldName: 'id', fieldValue: 999 },
    });

    const list = (
      await call(s, token, { url: `/rest/V1/categories/list?${criteria([[{ field: 'parent_id', value: '2' }]])}` })
    ).json<{ items: CategoryView[]; total_count: number }>();
    expect(list.items.map((c) => c.name)).toEqual(['Gear', 'Clothing', 'Kitchen']);

    const tree = (await call(s, token, { url: '/rest/V1/categories' })).json<{
      id: number;
      product_count: number;
      children_data: Array<{ name: string; children_data: Array<{ name: string }> }>;
    }>();
    expect(tree.id).toBe(2);
    expect(tree.product_count).toBe(20);
    expect(tree.children_data.map((c) => c.name)).toEqual(['Gear', 'Clothing', 'Kitchen']);
    expect(tree.children_data[0]?.children_data.map((c) => c.name)).toEqual(['Bags']);
  });

  it('creates a category under its parent or the store root; refuses a missing parent, name or a taken url key', async () => {
    const { s, token } = await setup();
    const created = await call(s, token, {
      method: 'POST',
      url: '/rest/V1/categories',
      payload: { category: { name: 'Tents', parent_id: 3, is_active: true } },
    });
    expect(created.statusCode).toBe(200);
    expect(created.json<CategoryView>()).toMatchObject({ id: 7, parent_id: 3, level: 3, path: '1/2/3/7', position: 2 });

    const underRoot = await call(s, token, {
      method: 'POST',
      url: '/rest/V1/categories',
      payload: { category: { name: 'Garden' } },
    });
    expect(underRoot.json<CategoryView>()).toMatchObject({ parent_id: 2, level: 2 });
    // The admin store (`all`) has no root category: category 0 does not exist.
    const adminStore = await call(s, token, {
      method: 'POST',
      url: '/rest/all/V1/categories',
      payload: { category: { name: 'Lost' } },
    });
    expect(adminStore.statusCode).toBe(404);
    expect(adminStore.json()).toMatchObject({ parameters: { fieldName: 'id', fieldValue: 0 } });

    const noParent = await call(s, token, {
      method: 'POST',
      url: '/rest/V1/categories',
      payload: { category: { name: 'X', parent_id: 999 } },
    });
    expect(noParent.statusCode).toBe(404);
    const noName = await call(s, token, {
      method: 'POST',
      url: '/rest/V1/categories',
      payload: { category: { parent_id: 2 } },
    });
    expect(noName.statusCode).toBe(400);
    expect(noName.json()).toEqual({
      message: 'Could not save category: %1',
      parameters: ['The "Name" attribute is required. Enter and try again.'],
    });
    const clash = await call(s, token, {
      method: 'POST',
      url: '/rest/V1/categories',
      payload: { category: { name: 'Bags', parent_id: 3 } },
    });
    expect(clash.statusCode).toBe(400);
    expect(clash.json()).toEqual({
      message: 'Could not save category: %1',
      parameters: ['URL key for specified store already exists.'],
    });
  });
});

describe('category_links of a product save (Category\\Link\\SaveHandler)', () => {
  it('a non-empty list is merged: new ones added, old ones kept, listed positions updated', async () => {
    const { links, put } = await setup();
    expect((await links('MH-00001')).links).toEqual([{ position: 0, category_id: '2' }]);
    await put('MH-00001', { extension_attributes: { category_links: [{ category_id: '3', position: 5 }] } });
    expect(await links('MH-00001')).toEqual({
      links: [
        { position: 0, category_id: '2' },
        { position: 5, category_id: '3' },
      ],
      ids: ['2', '3'],
    });
    await put('MH-00001', { extension_attributes: { category_links: [{ category_id: '2', position: 9 }] } });
    expect((await links('MH-00001')).links).toEqual([
      { position: 9, category_id: '2' },
      { position: 5, category_id: '3' },
    ]);
    // Extension attributes without category_links leave the links alone.
    await put('MH-00001', { extension_attributes: { stock_item: { qty: 3, is_in_stock: true } } });
    expect((await links('MH-00001')).ids).toEqual(['2', '3']);
  });

  it('an empty list removes all; category_ids replaces the set; unknown categories are dropped silently', async () => {
    const { links, put } = await setup();
    const res = await put('MH-00002', {
      extension_attributes: { category_links: [{ category_id: '999', position: 1 }] },
    });
    expect(res.statusCode).toBe(200);
    expect((await links('MH-00002')).ids).toEqual(['2']);
    await put('MH-00002', { extension_attributes: { category_links: [] } });
    expect(await links('MH-00002')).toEqual({ links: [], ids: [] });
    await put('MH-00002', { custom_attributes: [{ attribute_code: 'category_ids', value: ['4', '5'] }] });
    expect(await links('MH-00002')).toEqual({
      links: [
        { position: 0, category_id: '4' },
        { position: 0, category_id: '5' },
      ],
      ids: ['4', '5'],
    });
  });

  it('a new product gets only the links it sends', async () => {
    const { s, token, links } = await setup();
    await call(s, token, {
      method: 'POST',
      url: '/rest/V1/products',
      payload: {
        product: {
          sku: 'C-1',
          name: 'C one',
          price: 1,
          extension_attributes: { category_links: [{ category_id: '4', position: 1 }] },
        },
      },
    });
    expect(await links('C-1')).toEqual({ links: [{ position: 1, category_id: '4' }], ids: ['4'] });
  });
});

describe('category product links (CategoryLinkRepository)', () => {
  it('assigns, lists and removes one product; refuses a missing link, category or product', async () => {
    const { s, token, links } = await setup();
    const assign = await call(s, token, {
      method: 'POST',
      url: '/rest/V1/categories/5/products',
      payload: { productLink: { sku: 'MH-00003', position: 2, category_id: '5' } },
    });
    expect(assign.json()).toBe(true);
    expect((await call(s, token, { url: '/rest/V1/categories/5/products' })).json()).toEqual([
      { sku: 'MH-00003', position: 2, category_id: '5' },
    ]);
    const del = await call(s, token, { method: 'DELETE', url: '/rest/V1/categories/2/products/MH-00003' });
    expect(del.statusCode).toBe(200);
    expect(del.json()).toBe(true);
    expect(await links('MH-00003')).toEqual({ links: [{ position: 2, category_id: '5' }], ids: ['5'] });

    const again = await call(s, token, { method: 'DELETE', url: '/rest/V1/categories/2/products/MH-00003' });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toEqual({ message: "The category doesn't contain the specified product.", parameters: [] });
    expect(
      (await call(s, token, { method: 'DELETE', url: '/rest/V1/categories/999/products/MH-00003' })).statusCode,
    ).toBe(404);
    expect((await call(s, token, { method: 'DELETE', url: '/rest/V1/categories/2/products/NOPE' })).statusCode).toBe(
      404,
    );
    const toMissing = await call(s, token, {
      method: 'POST',
      url: '/rest/V1/categories/999/products',
      payload: { productLink: { sku: 'MH-00003', position: 0, category_id: '999' } },
    });
    expect(toMissing.statusCode).toBe(404);
    expect(toMissing.json()).toMatchObject({ parameters: { fieldName: 'id', fieldValue: 999 } });
  });
});
