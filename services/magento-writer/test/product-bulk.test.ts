// Backfill products through Magento's async bulk API, on the in-process Magento simulator (its bulk executor
// runs each operation against its own REST API, as Magento's async.operations.all consumer does): chunking and
// linger, created/updated/unchanged per item from one search per chunk, an operation Magento refuses failing
// only its own item, a poll timeout that is retried without a second save, live commands still one call each.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createLogger,
  createMemoryTable,
  createMetrics,
  createVersionGuard,
  integerVersions,
  type InboundMessage,
  type Metrics,
} from '@m3mage/runtime';
import type { DocumentVersion, UpsertProduct } from '@m3mage/schemas/types';
import { createBulkClient } from '../src/clients/bulk.client';
import { createProductsClient } from '../src/clients/products.client';
import { createProductBulk, type ProductBulk, type ProductBulkOptions } from '../src/bulk/product-bulk';
import { productHandler } from '../src/handlers/product.handler';
import { magentoSimRig, type MagentoSimRig } from './support/magento-sim';

let seq = 0;
function product(sku: string, version: number, over: Partial<UpsertProduct> = {}): UpsertProduct {
  seq += 1;
  return {
    meta: { commandId: `c-${seq}`, idempotencyKey: `k-${seq}`, correlationId: sku, causationId: 'e', issuedAt: 0 },
    sku,
    m3Version: String(version),
    publish: true,
    name: `Item ${sku}`,
    price: '10.00',
    status: 1,
    visibility: 4,
    weight: '1.000',
    categoryIds: [],
    newCategories: [],
    create: {
      attributeSetId: 4,
      typeId: 'simple',
      websiteIds: [1],
      taxClassId: '2',
      urlKey: `item-${sku.toLowerCase()}`,
    },
    ...over,
  };
}

const BACKFILL = { 'ingest-source': 'backfill' };
const msg = (value: UpsertProduct, headers: Record<string, string> = BACKFILL): InboundMessage<UpsertProduct> => ({
  topic: 'cmd.magento.product.v1',
  partition: 0,
  offset: '0',
  key: value.sku,
  value,
  headers,
  attempt: 1,
});

describe('product bulk on the Magento simulator', () => {
  let rig: MagentoSimRig;
  let metrics: Metrics;
  let logs: Array<Record<string, unknown>>;
  const bulks: ProductBulk[] = [];
  beforeEach(async () => {
    rig = await magentoSimRig();
    metrics = createMetrics({ service: 'magento-writer', collectDefaults: false });
    logs = [];
  });
  afterEach(async () => {
    for (const b of bulks.splice(0)) b.close();
    await rig.close();
  });

  const logger = () =>
    createLogger({
      service: 'test',
      version: '0',
      level: 'debug',
      destination: { write: (l: string) => void logs.push(JSON.parse(l) as Record<string, unknown>) },
    });
  function makeBulk(over: Partial<ProductBulkOptions> = {}): ProductBulk {
    const b = createProductBulk({
      bulk: createBulkClient(rig.transport),
      products: createProductsClient(rig.transport),
      logger: logger(),
      metrics,
      chunkSize: 3,
      lingerMs: 30,
      pollMs: 10,
      timeoutMs: 5_000,
      ...over,
    });
    bulks.push(b);
    return b;
  }
  function handler(bulk: ProductBulk | undefined) {
    const versions = createVersionGuard({
      table: createMemoryTable<DocumentVersion>(),
      scheme: integerVersions,
      sourceSystem: 'M3',
    });
    const h = productHandler({
      products: createProductsClient(rig.transport),
      versions,
      logger: logger(),
      ...(bulk ? { bulk } : {}),
    });
    return (cmd: UpsertProduct, headers?: Record<string, string>) => h(msg(cmd, headers));
  }
  /** Saves per sku, as Magento's catalog_product_save_after counts them. */
  const saves = new Map<string, number>();
  beforeEach(() => {
    saves.clear();
    rig.sim.events.domain.on((e) => {
      if (e.name === 'catalog_product_save_after')
        saves.set(String(e.snapshot.sku), (saves.get(String(e.snapshot.sku)) ?? 0) + 1);
    });
  });
  const bulkSubmits = () => rig.calls().filter((c) => c.call.includes('/async/bulk/'));
  const productOutcomes = () => logs.filter((l) => l['component'] === 'product').map((l) => [l['sku'], l['outcome']]);

  it('collects concurrent commands into chunks of chunkSize (a late one lingers into its chunk) and creates them', async () => {
    const bulk = makeBulk();
    const skus = ['B-1', 'B-2', 'B-3', 'B-4', 'B-5', 'B-6', 'B-7'];
    const first = skus.slice(0, 6).map((s) => bulk.upsert(product(s, 100)));
    // Added while the 7th's chunk lingers: joins it instead of going alone.
    const last = bulk.upsert(product('B-7', 100));
    await new Promise((r) => setTimeout(r, 5));
    const eighth = bulk.upsert(product('B-8', 100));
    expect(await Promise.all([...first, last, eighth])).toEqual(Array(8).fill('created'));

    const submits = bulkSubmits();
    expect(submits.map((s) => [s.call, s.store, (s.body as unknown[]).length])).toEqual([
      ['POST /async/bulk/V1/products', 'all', 3],
      ['POST /async/bulk/V1/products', 'all', 3],
      ['POST /async/bulk/V1/products', 'all', 2],
    ]);
    expect((submits[0]!.body as Array<{ product: { sku: string } }>).map((b) => b.product.sku)).toEqual([
      'B-1',
      'B-2',
      'B-3',
    ]);
    // One search per chunk, not one GET per product.
    const reads = rig.calls().filter((c) => c.call.startsWith('GET /V1/products'));
    expect(reads).toHaveLength(3);
    expect(reads.every((r) => r.call === 'GET /V1/products')).toBe(true);
    for (const s of [...skus, 'B-8']) {
      expect(rig.sim.state.products.get(s)).toMatchObject({ name: `Item ${s}`, price: 10 });
      expect(saves.get(s)).toBe(1);
    }
    const counted = await metrics.registry.getSingleMetricAsString('pipeline_messages_total');
    expect(counted).toContain('outcome="bulk-complete"} 8');
  });

  it('decides per item from the chunk search: created, updated (only owned attributes that differ), unchanged', async () => {
    const bulk = makeBulk();
    expect(await Promise.all([bulk.upsert(product('U-1', 100)), bulk.upsert(product('U-2', 100))])).toEqual([
      'created',
      'created',
    ]);
    const before = rig.calls().length;
    const outcomes = await Promise.all([
      bulk.upsert(product('U-1', 200)), // same content under a newer stamp
      bulk.upsert(product('U-2', 200, { price: '12.50', description: 'x' } as Partial<UpsertProduct>)),
      bulk.upsert(product('U-3', 200)),
    ]);
    expect(outcomes).toEqual(['unchanged', 'updated', 'created']);
    const submits = rig
      .calls()
      .slice(before)
      .filter((c) => c.call.includes('/async/bulk/'));
    expect(submits.map((s) => [s.call, s.body])).toEqual([
      ['POST /async/bulk/V1/products', [{ product: expect.objectContaining({ sku: 'U-3' }) as unknown }]],
      // Only the owned attribute that changed; nothing Magento owns, no create-only attribute.
      ['PUT /async/bulk/V1/products/bySku', [{ product: { sku: 'U-2', price: 12.5 } }]],
    ]);
    expect(rig.sim.state.products.get('U-2')).toMatchObject({ price: 12.5 });
    expect([saves.get('U-1'), saves.get('U-2'), saves.get('U-3')]).toEqual([1, 2, 1]);
  });

  it('an operation Magento refuses (url key clash) fails only its item, with Magento message, sku, bulk and operation', async () => {
    const bulk = makeBulk();
    const clash = product('R-2', 100, { create: { ...product('x', 0).create, urlKey: 'item-r-1' } });
    const noPrice = product('R-3', 100, { price: null });
    const results = await Promise.allSettled([
      bulk.upsert(product('R-1', 100)),
      bulk.upsert(clash),
      bulk.upsert(noPrice),
    ]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 'created' });
    expect(results[1]).toMatchObject({
      status: 'rejected',
      reason: {
        code: 'MAGENTO_VALIDATION',
        retriable: false,
        message: 'product R-2 refused by Magento (failed): URL key for specified store already exists.',
        details: {
          sku: 'R-2',
          operationId: 1,
          status: 3,
          bulkUuid: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
        },
      },
    });
    // A new product without a price is refused before any call, as on the synchronous path.
    expect(results[2]).toMatchObject({ status: 'rejected', reason: { code: 'VALIDATION' } });
    expect(bulkSubmits().map((s) => (s.body as unknown[]).length)).toEqual([2]);
    expect(rig.sim.state.products.has('R-1')).toBe(true);
    expect(rig.sim.state.products.has('R-2')).toBe(false);
  });

  it('a poll timeout is retriable; the repeat waits for the open operation and creates nothing twice', async () => {
    // The first status read comes after the item stopped waiting.
    const bulk = makeBulk({ pollMs: 300, timeoutMs: 100 });
    const handle = handler(bulk);
    const cmd = product('T-1', 100);
    await expect(handle(cmd)).rejects.toMatchObject({
      code: 'HTTP_TIMEOUT',
      retriable: true,
      details: { sku: 'T-1', operationId: 0 },
    });
    // A retry while the operation is still watched waits for it; still open after the timeout → retried
    // again, nothing sent.
    const retryStarted = rig.calls().length;
    await expect(handle(cmd)).rejects.toMatchObject({ code: 'HTTP_TIMEOUT', retriable: true, details: { sku: 'T-1' } });
    expect(
      rig
        .calls()
        .slice(retryStarted)
        .filter((c) => !c.call.startsWith('GET ')),
    ).toEqual([]);
    // The next retry, once the poll saw the operation complete: the product is found as written.
    await new Promise((r) => setTimeout(r, 250));
    await expect(handle(cmd)).resolves.toEqual({ outcome: 'ack' });
    expect(bulkSubmits()).toHaveLength(1);
    expect(productOutcomes()).toEqual([['T-1', 'unchanged']]);
    expect(saves.get('T-1')).toBe(1);

    // A writer that lost its memory (restarted) repeats it too: the search finds it, nothing is sent.
    const fresh = handler(makeBulk());
    await fresh(product('T-1', 100));
    expect(bulkSubmits()).toHaveLength(1);
    expect(saves.get('T-1')).toBe(1);
  });

  it('live commands (no backfill marker) keep the synchronous calls, even with the bulk writer on', async () => {
    const bulk = makeBulk();
    const handle = handler(bulk);
    await handle(product('L-1', 100), {});
    await handle(product('L-1', 200, { price: '11.00' }), { 'ingest-source': 'mi-poll' });
    expect(rig.calls().map((c) => c.call)).toEqual([
      'GET /V1/products/L-1',
      'POST /V1/products',
      'GET /V1/products/L-1',
      'PUT /V1/products/L-1',
    ]);
    expect(productOutcomes()).toEqual([
      ['L-1', 'created'],
      ['L-1', 'updated'],
    ]);
  });

  it('an operation Magento failed retriably (status 2) is retried (HTTP_5XX); its chunk mates are not held up', async () => {
    // Magento's status for a failure worth repeating (e.g. a deadlock): the simulator's executor gives it only on a 5xx.
    const bulk = makeBulk({
      bulk: {
        createProducts: async (bodies) => ({
          bulk_uuid: 'b-1',
          request_items: bodies.map((_, id) => ({ id, status: 'accepted' })),
          errors: false,
        }),
        updateProducts: () => Promise.reject(new Error('not used')),
        detailedStatus: async () => ({
          bulk_id: 'b-1',
          operations_list: [
            { id: 0, status: 1 },
            { id: 1, status: 2, result_message: 'Deadlock found when trying to get lock' },
          ],
        }),
      },
      products: { findBySkus: async () => [] },
    });
    const [ok, failed] = await Promise.allSettled([bulk.upsert(product('F-1', 1)), bulk.upsert(product('F-2', 1))]);
    expect(ok).toEqual({ status: 'fulfilled', value: 'created' });
    expect(failed).toMatchObject({
      status: 'rejected',
      reason: {
        code: 'HTTP_5XX',
        retriable: true,
        details: { sku: 'F-2', bulkUuid: 'b-1', operationId: 1, status: 2 },
      },
    });
  });
});
