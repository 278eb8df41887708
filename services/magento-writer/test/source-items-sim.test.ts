// Source items on the Magento simulator: a refused batch split item by item (an item whose source does not
// exist yet retried, an item Magento refuses for itself dead-lettered without the source hint), what each
// batch logs, queued items saved on drain; and the handler's outcome, version record and metrics per command.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AppError,
  createLogger,
  createMemoryTable,
  createMetrics,
  createVersionGuard,
  integerVersions,
  type InboundMessage,
} from '@m3mage/runtime';
import type { DocumentVersion, SetSourceItem } from '@m3mage/schemas/types';
import { createInventoryClient, type InventoryClient, type SourceItemBody } from '../src/clients/inventory.client';
import { createSourceItemBatch } from '../src/handlers/source-item-batch';
import { sourceItemBody, sourceItemHandler } from '../src/handlers/source-item.handler';
import { magentoSimRig, type MagentoSimRig } from './support/magento-sim';

type LogLine = Record<string, unknown>;

function capturingLogger(level: 'info' | 'debug' = 'debug') {
  const lines: LogLine[] = [];
  const logger = createLogger({
    service: 'test',
    version: '0',
    level,
    destination: { write: (l: string) => void lines.push(JSON.parse(l) as LogLine) },
  });
  return { logger, lines };
}

const body = (sku: string, source = 'default', quantity = 1): SourceItemBody => ({
  sku,
  source_code: source,
  quantity,
  status: 1,
});

describe('source-item batch on the Magento simulator', () => {
  let rig: MagentoSimRig;
  let inventory: InventoryClient;
  let skus: string[];
  beforeEach(async () => {
    rig = await magentoSimRig();
    inventory = createInventoryClient(rig.transport);
    skus = [...rig.sim.state.products.keys()];
  });
  afterEach(() => rig.close());

  const stored = (sku: string, source: string) => rig.sim.state.sourceItems.get(`${sku}@${source}`);

  it('retries an item whose source Magento does not have yet, and saves the others of its batch', async () => {
    const { logger } = capturingLogger();
    const batch = createSourceItemBatch({ inventory, logger, maxItems: 10, maxWaitMs: 5 });
    const [a, b] = [skus[0]!, skus[1]!];
    const results = await Promise.allSettled([batch.save(body(a, 'default', 7)), batch.save(body(b, 'wh_new', 3))]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: undefined });
    const err = (results[1] as PromiseRejectedResult).reason as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'MAPPING_NOT_YET', retriable: true, details: { sku: b, sourceCode: 'wh_new' } });
    expect(err.message).toBe(
      `source item ${b}@wh_new: source "wh_new" does not exist in Magento yet (it is created from its M3 warehouse; check table sourceByWarehouse and the warehouse poll if this persists)`,
    );
    expect(stored(a, 'default')?.quantity).toBe(7);
    expect(stored(b, 'wh_new')).toBeUndefined();
    expect(rig.calls().map((c) => c.call)).toEqual([
      'POST /V1/inventory/source-items',
      'POST /V1/inventory/source-items',
      'POST /V1/inventory/source-items',
      'GET /V1/inventory/sources/wh_new',
    ]);
  });

  it('dead-letters an item Magento refuses for itself with its reason and no hint about its source', async () => {
    const { logger } = capturingLogger();
    const batch = createSourceItemBatch({ inventory, logger, maxItems: 10, maxWaitMs: 5 });
    const results = await Promise.allSettled([batch.save(body(skus[0]!)), batch.save(body('', 'wh_sto'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    const err = (results[1] as PromiseRejectedResult).reason as AppError;
    expect(err).toMatchObject({ code: 'MAGENTO_VALIDATION', retriable: false });
    expect(err.details).toMatchObject({ sku: '', sourceCode: 'wh_sto', template: 'Validation Failed', status: 400 });
    expect(err.message).toMatch(
      /^source item @wh_sto refused by Magento: magento answered HTTP 400: Validation Failed/,
    );
    expect(err.message).not.toContain('does not exist');
    expect(err.cause).toBeInstanceOf(AppError);
    expect(rig.calls().some((c) => c.call.startsWith('GET '))).toBe(false);
  });

  it('logs one line per batch: saved in one call, or refused with the calls made and the items that failed', async () => {
    const { logger, lines } = capturingLogger('info');
    let clock = 1_000;
    const batch = createSourceItemBatch({
      inventory,
      logger,
      maxItems: 10,
      maxWaitMs: 5,
      now: () => (clock += 10),
    });
    await Promise.all([batch.save(body(skus[0]!)), batch.save(body(skus[1]!))]);
    await Promise.allSettled([batch.save(body(skus[0]!)), batch.save(body(skus[1]!, 'wh_new'))]);
    const summaries = lines.filter((l) => l['component'] === 'source-items');
    expect(summaries).toEqual([
      expect.objectContaining({
        items: 2,
        calls: 1,
        failed: 0,
        ms: 10,
        msg: 'source items: 2 saved in one call',
      }),
      expect.objectContaining({
        items: 2,
        calls: 3,
        failed: 1,
        ms: 10,
        batchError: 'magento answered HTTP 400: Could not save Source Item',
        msg: 'source items: batch refused (magento answered HTTP 400: Could not save Source Item); 1 saved alone, 1 failed',
      }),
    ]);
  });

  it('counts queued items as pending and saves them on drain, before the batch would have waited out', async () => {
    const { logger } = capturingLogger();
    const batch = createSourceItemBatch({ inventory, logger, maxItems: 10, maxWaitMs: 60_000 });
    expect(batch.pending()).toBe(0);
    const saving = Promise.all([batch.save(body(skus[0]!, 'default', 4)), batch.save(body(skus[1]!, 'default', 5))]);
    expect(batch.pending()).toBe(2);
    await batch.drain();
    await saving;
    expect(batch.pending()).toBe(0);
    expect([stored(skus[0]!, 'default')?.quantity, stored(skus[1]!, 'default')?.quantity]).toEqual([4, 5]);
  });
});

describe('source-item batch when a call fails for another reason', () => {
  const refusal = new AppError('MAGENTO_VALIDATION', 'magento answered HTTP 400: Could not save Source Item', {
    details: { system: 'magento', status: 400, template: 'Could not save Source Item' },
  });
  const outage = () => new AppError('HTTP_5XX', 'magento answered HTTP 503');

  /** Magento refusing every batch; `alone` answers the call of one item, `getSource` the source lookup. */
  function inventoryWith(alone: (item: SourceItemBody) => Promise<void>, getSource: InventoryClient['getSource']) {
    const inventory: Partial<InventoryClient> = {
      saveSourceItems: async () => {
        throw refusal;
      },
      saveSourceItem: alone,
      getSource,
    };
    return inventory as InventoryClient;
  }

  it('fails an item whose own call hit an outage as the outage (retried), not as a refusal', async () => {
    const { logger } = capturingLogger();
    const inventory = inventoryWith(
      async (i) => {
        if (i.sku === 'B') throw outage();
      },
      async () => undefined,
    );
    const batch = createSourceItemBatch({ inventory, logger, maxItems: 10, maxWaitMs: 5 });
    const results = await Promise.allSettled([batch.save(body('A')), batch.save(body('B'))]);
    expect(results[0]?.status).toBe('fulfilled');
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'HTTP_5XX', retriable: true });
  });

  it('keeps Magento’s refusal, with the hint to create the source, when it cannot tell whether the source exists', async () => {
    const { logger } = capturingLogger();
    const inventory = inventoryWith(
      async () => {
        throw refusal;
      },
      async () => {
        throw outage();
      },
    );
    const batch = createSourceItemBatch({ inventory, logger, maxItems: 10, maxWaitMs: 5 });
    const err = await batch.save(body('A', 'wh_x')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'MAGENTO_VALIDATION', details: { sku: 'A', sourceCode: 'wh_x' } });
    expect((err as AppError).message).toBe(
      'source item A@wh_x refused by Magento: magento answered HTTP 400: Could not save Source Item (Magento answers this when source "wh_x" does not exist: create it, cmd.magento.source.v1)',
    );
  });

  it('keeps Magento’s refusal, with the hint, when the source exists after all', async () => {
    const { logger } = capturingLogger();
    const inventory = inventoryWith(
      async () => {
        throw refusal;
      },
      async (code) => ({ source_code: code, name: code }),
    );
    const batch = createSourceItemBatch({ inventory, logger, maxItems: 10, maxWaitMs: 5 });
    const err = await batch.save(body('A', 'wh_x')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'MAGENTO_VALIDATION' });
    expect((err as AppError).message).toContain('(Magento answers this when source "wh_x" does not exist');
  });
});

let seq = 0;
function command(sku: string, version: number, over: Partial<SetSourceItem> = {}): InboundMessage<SetSourceItem> {
  seq += 1;
  const value: SetSourceItem = {
    meta: { commandId: `si-${seq}`, idempotencyKey: `k${seq}`, correlationId: sku, causationId: 'e', issuedAt: 0 },
    sku,
    sourceCode: 'default',
    quantity: '5',
    status: 1,
    m3Version: String(version),
    m3ChangedAt: 0,
    ...over,
  };
  return {
    topic: 'cmd.magento.source-item.v1',
    partition: 0,
    offset: String(seq),
    key: `${value.sku}@${value.sourceCode}`,
    headers: {},
    attempt: 1,
    value,
  };
}

describe('source-item handler on the Magento simulator', () => {
  let rig: MagentoSimRig;
  let sku: string;
  beforeEach(async () => {
    rig = await magentoSimRig();
    sku = [...rig.sim.state.products.keys()][0]!;
  });
  afterEach(() => rig.close());

  function handlerRig() {
    const { logger, lines } = capturingLogger();
    const metrics = createMetrics({ service: 'magento-writer', collectDefaults: false });
    const table = createMemoryTable<DocumentVersion>();
    const versions = createVersionGuard({ table, scheme: integerVersions, sourceSystem: 'M3' });
    const batch = createSourceItemBatch({
      inventory: createInventoryClient(rig.transport),
      logger,
      maxItems: 10,
      maxWaitMs: 1,
    });
    const handle = sourceItemHandler({ batch, versions, logger, metrics });
    const outcomes = () =>
      lines.filter((l) => l['component'] === 'source-item').map((l) => [l['sku'], l['m3Version'], l['outcome']]);
    const skipped = async () =>
      (await metrics.messagesTotal.get()).values
        .filter((v) => v.labels.outcome === 'skipped')
        .map((v) => [v.labels.service, v.labels.topic, v.value]);
    const appliedAt = async () =>
      (await metrics.lastAppliedChange.get()).values.map((v) => [v.labels.entity, v.labels.scope, v.value]);
    return { handle, table, lines, outcomes, skipped, appliedAt };
  }

  it('saves a newer version and logs each command’s outcome: saved, duplicate, stale', async () => {
    const h = handlerRig();
    const first = command(sku, 10, { quantity: '12.25' });
    expect(await h.handle(first)).toEqual({ outcome: 'ack' });
    expect(await h.handle(command(sku, 10, { quantity: '12.25' }))).toEqual({ outcome: 'ack' });
    expect(await h.handle(command(sku, 9, { quantity: '1' }))).toEqual({ outcome: 'ack' });
    expect(await h.handle(command(sku, 10, { quantity: '13' }))).toEqual({ outcome: 'ack' });
    expect(h.outcomes()).toEqual([
      [sku, '10', 'saved'],
      [sku, '10', 'duplicate'],
      [sku, '9', 'stale'],
      [sku, '10', 'saved'],
    ]);
    expect(h.lines.find((l) => l['component'] === 'source-item')).toMatchObject({
      sourceCode: 'default',
      msg: `source item ${sku}@default: saved`,
    });
    expect(rig.sim.state.sourceItems.get(`${sku}@default`)?.quantity).toBe(13);
    expect(h.table.get(`source-item:${sku}@default`)?.eventId).toMatch(/^si-\d+$/);
    expect(await h.skipped()).toEqual([['magento-writer', 'cmd.magento.source-item.v1', 2]]);
  });

  it('records the newest M3 change time applied per source, never moving it back', async () => {
    const h = handlerRig();
    await h.handle(command(sku, 1, { m3ChangedAt: 1_700_000_000_000 }));
    await h.handle(command(sku, 2, { m3ChangedAt: 1_600_000_000_000, quantity: '6' }));
    await h.handle(command(sku, 3, { m3ChangedAt: 1_650_000_000_000, quantity: '7', sourceCode: 'wh_sto' }));
    await h.handle(command(sku, 3, { m3ChangedAt: 1_800_000_000_000, quantity: '7', sourceCode: 'wh_sto' }));
    expect(await h.appliedAt()).toEqual([
      ['stock', 'default', 1_700_000_000],
      ['stock', 'wh_sto', 1_650_000_000],
    ]);
    expect(await h.skipped()).toEqual([['magento-writer', 'cmd.magento.source-item.v1', 1]]);
  });

  it('acks a tombstone without a call, a log line or a metric', async () => {
    const h = handlerRig();
    expect(await h.handle({ ...command(sku, 1), value: null })).toEqual({ outcome: 'ack' });
    expect(rig.calls()).toEqual([]);
    expect(h.outcomes()).toEqual([]);
    expect(await h.skipped()).toEqual([]);
  });
});

describe('source-item body', () => {
  const cmd = (quantity: string, status = 1): SetSourceItem => command('S', 1, { quantity, status }).value!;

  it('takes a decimal quantity of any length, around spaces, in stock or out of stock', () => {
    expect(sourceItemBody(cmd('125.375'))).toEqual({ sku: 'S', source_code: 'default', quantity: 125.375, status: 1 });
    expect(sourceItemBody(cmd(' 40 ', 0))).toEqual({ sku: 'S', source_code: 'default', quantity: 40, status: 0 });
  });

  it('refuses a quantity with anything before or after its number, naming the command', () => {
    for (const quantity of ['x5', '5x', '5.', '.5', '1e3']) {
      const err = (() => {
        try {
          return sourceItemBody(cmd(quantity));
        } catch (e) {
          return e;
        }
      })();
      expect(err).toMatchObject({
        code: 'VALIDATION',
        message: `source item S@default: quantity "${quantity}" is not a decimal number`,
        details: { sku: 'S', sourceCode: 'default', m3Version: '1' },
      });
    }
  });
});
