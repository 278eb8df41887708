// Source items: many per call, a refused batch saved item by item so only the refused items fail (with sku,
// source and Magento's reason), a failed batch failing all, and versions recorded only after Magento saved.
import { describe, expect, it } from 'vitest';
import {
  AppError,
  createLogger,
  createMemoryTable,
  createVersionGuard,
  integerVersions,
  loadConfig,
  microBatcherFor,
  type InboundMessage,
} from '@m3mage/runtime';
import type { DocumentVersion, SetSourceItem } from '@m3mage/schemas/types';
import type { InventoryClient, SourceItemBody } from '../src/clients/inventory.client';
import { configSchema } from '../src/config';
import { createSourceItemBatch } from '../src/handlers/source-item-batch';
import { sourceItemBody, sourceItemHandler } from '../src/handlers/source-item.handler';

const logger = createLogger({ service: 'test', version: '0', level: 'silent' });

const refusal = (template: string) =>
  new AppError('MAGENTO_VALIDATION', `magento answered HTTP 400: ${template}`, {
    details: { system: 'magento', status: 400, template },
  });

/** Magento's all-or-nothing save: a batch with an item of an unknown source is refused whole. */
function fakeInventory(opts: { sources?: string[]; down?: boolean } = {}) {
  const sources = new Set(opts.sources ?? ['wh1', 'wh2']);
  const calls: number[] = [];
  const saved = new Map<string, SourceItemBody>();
  const post = async (items: SourceItemBody[]) => {
    calls.push(items.length);
    if (opts.down) throw new AppError('HTTP_5XX', 'magento answered HTTP 503');
    if (items.some((i) => !sources.has(i.source_code))) throw refusal('Could not save Source Item');
    for (const i of items) saved.set(`${i.sku}@${i.source_code}`, i);
  };
  const inventory: Partial<InventoryClient> = { saveSourceItems: post, saveSourceItem: (i) => post([i]) };
  return { inventory: inventory as InventoryClient, calls, saved, sources };
}

const body = (sku: string, source = 'wh1', quantity = 1): SourceItemBody => ({
  sku,
  source_code: source,
  quantity,
  status: 1,
});

describe('source-item batch', () => {
  it('saves what arrives together in calls of at most maxItems', async () => {
    const fake = fakeInventory();
    const batch = createSourceItemBatch({ inventory: fake.inventory, logger, maxItems: 4, maxWaitMs: 5 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => batch.save(body(`S${i}`))));
    expect(fake.calls).toEqual([4, 4, 2]);
    expect(fake.saved.size).toBe(10);
  });

  it('with the batcher of PIPELINE_MODE=naive saves every item in its own call', async () => {
    const fake = fakeInventory();
    const batch = createSourceItemBatch({
      inventory: fake.inventory,
      logger,
      maxItems: 4,
      maxWaitMs: 5,
      microBatcher: (o) => microBatcherFor('naive', o),
    });
    await Promise.all(Array.from({ length: 5 }, (_, i) => batch.save(body(`S${i}`))));
    expect(fake.calls).toEqual([1, 1, 1, 1, 1]);
    expect(fake.saved.size).toBe(5);
  });

  it('after a refused batch saves each item alone: only the refused one fails, naming sku, source and reason', async () => {
    const fake = fakeInventory();
    const batch = createSourceItemBatch({ inventory: fake.inventory, logger, maxItems: 10, maxWaitMs: 5 });
    const results = await Promise.allSettled([
      batch.save(body('A')),
      batch.save(body('B', 'nowhere')),
      batch.save(body('C')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const err = (results[1] as PromiseRejectedResult).reason as AppError;
    expect(err.code).toBe('MAGENTO_VALIDATION');
    expect(err.retriable).toBe(false);
    expect(err.message).toContain('source item B@nowhere refused by Magento');
    expect(err.message).toContain('Could not save Source Item');
    expect(err.details).toMatchObject({ sku: 'B', sourceCode: 'nowhere' });
    // The batch, each alone, and B once more (whether its source exists cannot be told here: no getSource).
    expect(fake.calls).toEqual([3, 1, 1, 1, 1]);
    expect([...fake.saved.keys()].sort()).toEqual(['A@wh1', 'C@wh1']);
  });

  it('a source created between the refusal and the check: the item is saved at once, not dead-lettered', async () => {
    const fake = fakeInventory({ sources: ['wh1'] });
    // The source flow creates wh_new just as the writer asks whether it exists (after Magento refused the save).
    fake.inventory.getSource = async (code: string) => {
      fake.sources.add(code === 'wh_new' ? code : '');
      return fake.sources.has(code) ? { source_code: code } : undefined;
    };
    const batch = createSourceItemBatch({ inventory: fake.inventory, logger, maxItems: 10, maxWaitMs: 5 });
    const results = await Promise.allSettled([batch.save(body('A')), batch.save(body('B', 'wh_new'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect([...fake.saved.keys()].sort()).toEqual(['A@wh1', 'B@wh_new']);
    expect(fake.calls, 'the batch, each alone, B once more').toEqual([2, 1, 1, 1]);
  });

  it('fails every item of a batch Magento could not take (5xx): all retried, none split', async () => {
    const fake = fakeInventory({ down: true });
    const batch = createSourceItemBatch({ inventory: fake.inventory, logger, maxItems: 10, maxWaitMs: 5 });
    const results = await Promise.allSettled([batch.save(body('A')), batch.save(body('B'))]);
    expect(results.map((r) => r.status === 'rejected' && (r.reason as AppError).code)).toEqual([
      'HTTP_5XX',
      'HTTP_5XX',
    ]);
    expect(fake.calls).toEqual([2]);
  });
});

let seq = 0;
function command(sku: string, version: number, quantity = '5'): InboundMessage<SetSourceItem> {
  seq += 1;
  return {
    topic: 'cmd.magento.source-item.v1',
    partition: 0,
    offset: String(seq),
    key: `${sku}@wh1`,
    headers: {},
    attempt: 1,
    value: {
      meta: { commandId: `si-${seq}`, idempotencyKey: `k${seq}`, correlationId: sku, causationId: 'e', issuedAt: 0 },
      sku,
      sourceCode: 'wh1',
      quantity,
      status: 1,
      m3Version: String(version),
      m3ChangedAt: 0,
    },
  };
}

describe('source-item handler', () => {
  function rig(save: (item: SourceItemBody) => Promise<void>) {
    const table = createMemoryTable<DocumentVersion>();
    const versions = createVersionGuard({ table, scheme: integerVersions, sourceSystem: 'M3' });
    return { table, handle: sourceItemHandler({ batch: { save }, versions, logger }) };
  }

  it('writes a newer version, acks a repeat or an older one without a call', async () => {
    const saved: SourceItemBody[] = [];
    const { handle, table } = rig(async (i) => void saved.push(i));
    await handle(command('A', 10, '7.5'));
    await handle(command('A', 10, '7.5'));
    await handle(command('A', 9, '1'));
    await handle(command('A', 11, '8'));
    expect(saved.map((i) => i.quantity)).toEqual([7.5, 8]);
    expect(table.get('source-item:A@wh1')?.version).toMatch(/^11#/);
  });

  it('records the version only after Magento saved: a failed save is written again on its retry', async () => {
    let fail = true;
    const saved: SourceItemBody[] = [];
    const { handle, table } = rig(async (i) => {
      if (fail) throw new AppError('HTTP_5XX', 'down');
      saved.push(i);
    });
    const cmd = command('B', 20);
    await expect(handle(cmd)).rejects.toMatchObject({ code: 'HTTP_5XX' });
    expect(table.get('source-item:B@wh1')).toBeUndefined();
    fail = false;
    await handle(cmd);
    expect(saved).toHaveLength(1);
  });

  it('refuses a quantity or status Magento could not take before it reaches a batch', () => {
    const bad = command('C', 1, 'lots').value as SetSourceItem;
    expect(() => sourceItemBody(bad)).toThrow(/source item C@wh1: quantity "lots" is not a decimal number/);
    expect(() => sourceItemBody({ ...bad, quantity: '2', status: 3 })).toThrow(/status 3/);
    expect(sourceItemBody({ ...bad, quantity: '-2.5' })).toEqual({
      sku: 'C',
      source_code: 'wh1',
      quantity: -2.5,
      status: 1,
    });
  });
});

describe('source-item config', () => {
  const base = {
    KAFKA_BROKERS: 'k:9092',
    SCHEMA_REGISTRY_URL: 'http://r',
    MAGENTO_BASE_URL: 'http://m',
    MAGENTO_TOKEN: 'x',
  };
  const load = (env: Record<string, string>) => loadConfig(configSchema, { env, service: 'magento-writer' });

  it('batches 500 items after at most 200 ms by default and refuses a batch size beyond 5000', () => {
    const c = load(base);
    expect([c.MAGENTO_SOURCE_ITEMS_BATCH_SIZE, c.MAGENTO_SOURCE_ITEMS_WAIT_MS]).toEqual([500, 200]);
    expect(() => load({ ...base, MAGENTO_SOURCE_ITEMS_BATCH_SIZE: '5001' })).toThrow(/MAGENTO_SOURCE_ITEMS_BATCH_SIZE/);
    expect(() => load({ ...base, MAGENTO_SOURCE_ITEMS_BATCH_SIZE: '0' })).toThrow(/MAGENTO_SOURCE_ITEMS_BATCH_SIZE/);
  });
});
