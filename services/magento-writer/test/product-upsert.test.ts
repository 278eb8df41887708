// The product handler on the Magento simulator: what a new product is created with, what an update sends
// (only owned attributes that differ, only missing categories), an unreleased item, a product without a
// price, categories created from M3 groups, and the outcome logged per command.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AppError,
  createLogger,
  createMemoryTable,
  createVersionGuard,
  integerVersions,
  type CompactedTable,
  type RecordMeta,
} from '@m3mage/runtime';
import type { DocumentVersion, UpsertProduct } from '@m3mage/schemas/types';
import { createCategoriesClient } from '../src/clients/categories.client';
import { createProductsClient } from '../src/clients/products.client';
import { createCategoryResolver } from '../src/handlers/category-resolver';
import { productHandler } from '../src/handlers/product.handler';
import { magentoSimRig, type MagentoSimRig } from './support/magento-sim';

let seq = 0;
function product(version: number, over: Partial<UpsertProduct> = {}): UpsertProduct {
  seq += 1;
  return {
    meta: {
      commandId: `p-${seq}`,
      idempotencyKey: `k-${seq}`,
      correlationId: 'M3-ITEM-1',
      causationId: 'e',
      issuedAt: 0,
    },
    sku: 'M3-ITEM-1',
    m3Version: String(version),
    publish: true,
    name: 'Garden hose 20 m',
    price: '19.90',
    status: 1,
    visibility: 4,
    weight: '1.250',
    categoryIds: [],
    newCategories: [],
    create: {
      attributeSetId: 4,
      typeId: 'simple',
      websiteIds: [1],
      taxClassId: '2',
      urlKey: 'garden-hose-20-m-m3-item-1',
    },
    ...over,
  };
}
const msg = (value: UpsertProduct | null) => ({
  topic: 't',
  partition: 0,
  offset: '0',
  key: value?.sku ?? 'x',
  value,
  headers: {},
  attempt: 1,
});

describe('product handler on the Magento simulator', () => {
  let rig: MagentoSimRig;
  let logs: Array<Record<string, unknown>>;
  let versionWrites: Array<{ key: string; meta: RecordMeta }>;
  beforeEach(async () => {
    rig = await magentoSimRig();
    logs = [];
    versionWrites = [];
  });
  afterEach(() => rig.close());

  function handler(withCategories = false) {
    const table = createMemoryTable<DocumentVersion>();
    const versions: CompactedTable<DocumentVersion> = {
      ...table,
      set: (key, value, encoded, meta) => {
        versionWrites.push({ key, meta });
        return table.set(key, value, encoded, meta);
      },
    };
    const h = productHandler({
      products: createProductsClient(rig.transport),
      ...(withCategories ? { categories: createCategoryResolver(createCategoriesClient(rig.transport)) } : {}),
      versions: createVersionGuard({ table: versions, scheme: integerVersions, sourceSystem: 'M3' }),
      logger: createLogger({
        service: 'test',
        version: '0',
        level: 'info',
        destination: { write: (l: string) => void logs.push(JSON.parse(l) as Record<string, unknown>) },
      }),
    });
    return (cmd: UpsertProduct | null) => h(msg(cmd));
  }
  const outcomes = () => logs.filter((l) => l['component'] === 'product').map((l) => l['outcome']);
  const writes = (since = 0) =>
    rig
      .calls()
      .slice(since)
      .filter((c) => !c.call.startsWith('GET '));
  const stored = (sku = 'M3-ITEM-1') => rig.sim.state.products.get(sku);

  it('creates a new product at global scope with the owned attributes, the create-only defaults and its categories', async () => {
    const handle = handler();
    expect(await handle(product(1000, { categoryIds: [3, 4] }))).toEqual({ outcome: 'ack' });
    expect(writes()).toEqual([
      {
        call: 'POST /V1/products',
        store: 'all',
        body: {
          product: {
            sku: 'M3-ITEM-1',
            name: 'Garden hose 20 m',
            price: 19.9,
            status: 1,
            visibility: 4,
            weight: 1.25,
            attribute_set_id: 4,
            type_id: 'simple',
            extension_attributes: {
              website_ids: [1],
              category_links: [
                { category_id: '3', position: 0 },
                { category_id: '4', position: 0 },
              ],
            },
            custom_attributes: [
              { attribute_code: 'url_key', value: 'garden-hose-20-m-m3-item-1' },
              { attribute_code: 'tax_class_id', value: '2' },
            ],
          },
        },
      },
    ]);
    expect(stored()).toMatchObject({ name: 'Garden hose 20 m', price: 19.9, status: 1 });
    expect(outcomes()).toEqual(['created']);
    expect(logs[0]).toMatchObject({
      level: 'info',
      component: 'product',
      sku: 'M3-ITEM-1',
      m3Version: '1000',
      outcome: 'created',
      msg: 'product M3-ITEM-1: created',
    });
    expect(versionWrites).toEqual([
      {
        key: 'product:M3-ITEM-1',
        meta: expect.objectContaining({ correlationId: 'M3-ITEM-1', causationId: `p-${seq}` }) as unknown,
      },
    ]);
  });

  it('a new product without weight, categories or tax class: those keys are left out', async () => {
    const handle = handler();
    const cmd = product(1000, { weight: null });
    cmd.create.taxClassId = null;
    await handle(cmd);
    const body = (writes()[0]?.body as { product: Record<string, unknown> }).product;
    expect(body).not.toHaveProperty('weight');
    expect(body['extension_attributes']).toEqual({ website_ids: [1] });
    expect(body['custom_attributes']).toEqual([{ attribute_code: 'url_key', value: 'garden-hose-20-m-m3-item-1' }]);
  });

  it('does not create an item not released for sale', async () => {
    const handle = handler();
    await handle(product(1000, { publish: false, status: 2 }));
    expect(writes()).toEqual([]);
    expect(stored()).toBeUndefined();
    expect(outcomes()).toEqual(['not-published']);
  });

  it('refuses to create a product M3 has no price for, naming the sku and the remedy', async () => {
    const handle = handler();
    const err = await handle(product(1000, { price: null })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'VALIDATION', details: { sku: 'M3-ITEM-1', m3Version: '1000' } });
    expect((err as Error).message).toBe(
      'product M3-ITEM-1 is not in Magento and M3 has no price for it (0 or missing in the price source): a new product needs a price; set one in M3',
    );
    expect(writes()).toEqual([]);
    expect(versionWrites).toEqual([]);
  });

  it('updates only the owned attributes that differ (a price of 19.9 is 19.90), and only the missing categories', async () => {
    const handle = handler();
    await handle(product(1000, { categoryIds: [3] }));
    const since = rig.calls().length;
    await handle(product(2000, { name: 'Garden hose 25 m', price: '19.9', weight: null, categoryIds: [3, 5] }));
    expect(writes(since)).toEqual([
      {
        call: 'PUT /V1/products/M3-ITEM-1',
        store: 'all',
        body: {
          product: {
            sku: 'M3-ITEM-1',
            name: 'Garden hose 25 m',
            extension_attributes: { category_links: [{ category_id: '5', position: 0 }] },
          },
        },
      },
    ]);
    expect(stored()?.name).toBe('Garden hose 25 m');
    expect(outcomes()).toEqual(['created', 'updated']);
  });

  it('sends nothing when Magento holds every owned value; a repeat is a duplicate, an older version stale', async () => {
    const handle = handler();
    await handle(product(1000, { categoryIds: [3] }));
    const since = rig.calls().length;
    await handle(product(2000, { categoryIds: [3] }));
    await handle(product(2000, { categoryIds: [3] }));
    await handle(product(1500, { name: 'Old name' }));
    expect(writes(since)).toEqual([]);
    expect(outcomes()).toEqual(['created', 'unchanged', 'duplicate', 'stale']);
    expect(stored()?.name).toBe('Garden hose 20 m');
  });

  it('an existing product no longer released is only disabled: no other attribute, no category', async () => {
    const handle = handler(true);
    await handle(product(1000));
    const since = rig.calls().length;
    const newCategories = [{ key: 'G9', name: 'Not for unreleased', parentId: 2 }];
    await handle(
      product(2000, { publish: false, status: 2, name: 'Renamed', price: '5', categoryIds: [7], newCategories }),
    );
    expect(writes(since).map((c) => c.body)).toEqual([{ product: { sku: 'M3-ITEM-1', status: 2 } }]);
    expect(stored()).toMatchObject({ status: 2, name: 'Garden hose 20 m' });
  });

  it('categories of M3 groups are found by name or created, and added with the others, sorted and once', async () => {
    const handle = handler(true);
    const [low, high] = [...rig.sim.state.categories.values()].filter((c) => c.level >= 2).sort((a, b) => a.id - b.id);
    if (!low || !high) throw new Error('the simulator has too few categories');
    await handle(
      product(1000, {
        categoryIds: [high.id, low.id],
        newCategories: [
          { key: 'G1', name: low.name, parentId: low.parent_id },
          { key: 'G2', name: 'Hoses from M3', parentId: low.parent_id },
        ],
      }),
    );
    const created = [...rig.sim.state.categories.values()].find((c) => c.name === 'Hoses from M3');
    if (!created) throw new Error('not created');
    expect(created.parent_id).toBe(low.parent_id);
    const links = stored()?.extension_attributes.category_links.map((l) => Number(l.category_id));
    expect(links).toEqual([low.id, high.id, created.id]);
    expect(rig.calls().filter((c) => c.call === 'POST /V1/categories')).toHaveLength(1);
  });

  it('with a category resolver but no M3 groups to create, the categories are sent as the command has them', async () => {
    const handle = handler(true);
    const [low, high] = [...rig.sim.state.categories.values()].filter((c) => c.level >= 2).sort((a, b) => a.id - b.id);
    if (!low || !high) throw new Error('the simulator has too few categories');
    await handle(product(1000, { categoryIds: [high.id, low.id] }));
    expect(stored()?.extension_attributes.category_links.map((l) => Number(l.category_id))).toEqual([high.id, low.id]);
    expect(rig.calls().filter((c) => c.call.includes('/categories'))).toEqual([]);
  });

  it('an update without a weight from M3 leaves Magento’s weight alone: nothing to send', async () => {
    const handle = handler();
    await handle(product(1000));
    const since = rig.calls().length;
    await handle(product(2000, { weight: null }));
    expect(writes(since)).toEqual([]);
    expect(stored()?.weight).toBe(1.25);
    expect(outcomes()).toEqual(['created', 'unchanged']);
  });

  it('categories of M3 groups are not created for an item not released, nor without a category resolver', async () => {
    const withResolver = handler(true);
    await withResolver(product(1000, { publish: false, newCategories: [{ key: 'G3', name: 'Never', parentId: 2 }] }));
    const plain = handler(false);
    await plain(product(1000, { sku: 'M3-ITEM-2', newCategories: [{ key: 'G4', name: 'Nor this', parentId: 2 }] }));
    expect(rig.calls().filter((c) => c.call.includes('/categories'))).toEqual([]);
    expect(stored('M3-ITEM-2')?.extension_attributes.category_links).toEqual([]);
  });

  it('a new category of an M3 group is added to an existing product too', async () => {
    const handle = handler(true);
    await handle(product(1000));
    const since = rig.calls().length;
    await handle(product(2000, { newCategories: [{ key: 'G5', name: 'Later group', parentId: 2 }] }));
    const created = [...rig.sim.state.categories.values()].find((c) => c.name === 'Later group');
    expect(writes(since).map((c) => c.call)).toEqual(['POST /V1/categories', 'PUT /V1/products/M3-ITEM-1']);
    expect(stored()?.extension_attributes.category_links).toEqual([{ category_id: String(created?.id), position: 0 }]);
  });

  it('a tombstone is acknowledged without a call', async () => {
    expect(await handler()(null)).toEqual({ outcome: 'ack' });
    expect(rig.calls()).toEqual([]);
    expect(logs).toEqual([]);
  });
});
