// magento-writer's product commands on the real broker and registry against the in-process Magento
// simulator: created with the owned attributes, updated only where M3 owns, Magento's own data kept, newest
// M3 change wins, a product without a price dead-lettered with the reason.
import { createMagentoSimulator, type MagentoSimulator } from '@m3mage/simulators/magento';
import type { UpsertProduct } from '@m3mage/schemas/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll, startWriter, type Rig } from './support/rig';

let seq = 0;
function product(sku: string, version: number, over: Partial<UpsertProduct> = {}): UpsertProduct {
  seq += 1;
  return {
    meta: {
      commandId: `p-${seq}`,
      idempotencyKey: `product:${sku}:${version}`,
      correlationId: sku,
      causationId: `item-evt-${seq}`,
      issuedAt: Date.now(),
    },
    sku,
    m3Version: String(version),
    publish: true,
    name: `Item ${sku}`,
    price: '19.90',
    status: 1,
    visibility: 4,
    weight: '1.5',
    categoryIds: [],
    newCategories: [],
    create: {
      attributeSetId: 4,
      typeId: 'simple',
      websiteIds: [1],
      taxClassId: '2',
      urlKey: `item-${sku}`.toLowerCase(),
    },
    ...over,
  };
}

describe('magento-writer products (real broker + registry, Magento simulator)', () => {
  let sim: MagentoSimulator;
  let rig: Rig;
  let base = '';
  let token = '';

  beforeAll(async () => {
    sim = createMagentoSimulator({ sizes: { orders: 0 } });
    base = await sim.app.listen({ host: '127.0.0.1', port: 0 });
    rig = await startWriter(sim, base);
    const res = await fetch(`${base}/rest/V1/integration/admin/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: sim.credentials.admin.username, password: sim.credentials.admin.password }),
    });
    token = (await res.json()) as string;
  });
  afterAll(async () => {
    await rig?.stop();
    await sim?.close();
  });

  const rest = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}/rest${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const getProduct = async (sku: string) => (await rest('GET', `/all/V1/products/${sku}`)).body;
  const custom = (p: Record<string, unknown>, code: string) =>
    (p.custom_attributes as Array<{ attribute_code: string; value: unknown }> | undefined)?.find(
      (a) => a.attribute_code === code,
    )?.value;

  it('creates a product once with M3’s attributes and the defaults, though the command arrives twice', async () => {
    const cmd = product('M3-NEW-1', 1000);
    await rig.sendProduct(cmd);
    await rig.sendProduct(cmd);
    await rig.caughtUp();
    const p = await getProduct('M3-NEW-1');
    expect(p).toMatchObject({ sku: 'M3-NEW-1', name: 'Item M3-NEW-1', price: 19.9, status: 1, visibility: 4 });
    expect(p.attribute_set_id).toBe(4);
    expect(custom(p, 'url_key')).toBe('item-m3-new-1');
    expect(await readAll(rig.ctx, `${rig.ns}magento-writer.dlq`)).toEqual([]);
  });

  it('updates only what M3 owns: a description and a custom attribute set in Magento survive three updates', async () => {
    await rig.sendProduct(product('M3-KEEP', 2000));
    await rig.caughtUp();
    const edit = await rest('PUT', '/all/V1/products/M3-KEEP', {
      product: {
        sku: 'M3-KEEP',
        custom_attributes: [
          { attribute_code: 'description', value: '<p>Written by the merchandiser</p>' },
          { attribute_code: 'color', value: 'teal' },
        ],
      },
    });
    expect(edit.status).toBe(200);
    for (const [i, price] of ['21.00', '22.50', '23.75'].entries())
      await rig.sendProduct(product('M3-KEEP', 2001 + i, { price, name: `Renamed ${i}` }));
    await rig.caughtUp();
    const p = await getProduct('M3-KEEP');
    expect(p).toMatchObject({ name: 'Renamed 2', price: 23.75 });
    expect(custom(p, 'description')).toBe('<p>Written by the merchandiser</p>');
    expect(custom(p, 'color')).toBe('teal');
  });

  it('never lets an older M3 change overwrite a newer one; a discontinued item is disabled, not deleted', async () => {
    await rig.sendProduct(product('M3-ORDER', 3002, { price: '30.00', status: 2 }));
    await rig.sendProduct(product('M3-ORDER', 3001, { price: '10.00' })); // late
    await rig.caughtUp();
    const p = await getProduct('M3-ORDER');
    expect(p).toMatchObject({ price: 30, status: 2 });
  });

  it('skips an item not released for sale and dead-letters a new item without a price, with the reason', async () => {
    await rig.sendProduct(product('M3-PRELIM', 4000, { publish: false, status: 2, visibility: 1 }));
    await rig.sendProduct(product('M3-NOPRICE', 4000, { price: null }));
    await rig.caughtUp();
    expect((await rest('GET', '/all/V1/products/M3-PRELIM')).status).toBe(404);
    expect((await rest('GET', '/all/V1/products/M3-NOPRICE')).status).toBe(404);
    const dlq = (await readAll(rig.ctx, `${rig.ns}magento-writer.dlq`)) as Array<{
      originalKey: string;
      errorMessage: string;
    }>;
    expect(dlq.map((d) => d.originalKey)).toEqual(['M3-NOPRICE']);
    expect(dlq[0]?.errorMessage).toContain('a new product needs a price');
  });

  it('creates a category for an M3 group once, under its parent, and puts every product of the group in it', async () => {
    const garden = { key: 'A900', name: 'Garden furniture (M3)', parentId: 2 };
    const skus = ['CAT-1', 'CAT-2', 'CAT-3'];
    await Promise.all(
      skus.map((sku) => rig.sendProduct(product(sku, 1, { categoryIds: [3], newCategories: [garden] }))),
    );
    await rig.caughtUp();
    const made = [...sim.state.categories.values()].filter((c) => c.name === garden.name);
    expect(made).toHaveLength(1);
    expect(made[0]!.parent_id).toBe(2);
    for (const sku of skus) {
      const links = (
        (await getProduct(sku)).extension_attributes as { category_links: Array<{ category_id: string }> }
      ).category_links
        .map((l) => Number(l.category_id))
        .sort((a, b) => a - b);
      expect(links, sku).toEqual([3, made[0]!.id].sort((a, b) => a - b));
    }
  });
});
