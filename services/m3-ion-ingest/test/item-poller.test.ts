// The MI item poll over a scripted LstItmByChgDate: a new item is priced and produced once; an unreadable
// record is dead-lettered once, keyed by its ITNO, and the pass goes on.
import {
  createLogger,
  createMemoryTable,
  createMetrics,
  memoryCheckpointStore,
  type OutgoingRecord,
} from '@m3mage/runtime';
import type { DocumentVersion } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { describe, expect, it } from 'vitest';
import { createItemPoller } from '../src/items/item-poller';
import { createPolledChanges } from '../src/state/polled-changes';
import { createVariationGuard } from '../src/state/variation-guard';

describe('item poller', () => {
  it('produces a changed item once and dead-letters an unreadable record once, by ITNO', async () => {
    const now = () => Date.UTC(2026, 11, 7, 12);
    const sent: OutgoingRecord[] = [];
    const produce = async (r: OutgoingRecord) => void sent.push(r);
    const metrics = createMetrics({ service: 'test', collectDefaults: false });
    const guard = createVariationGuard({ table: createMemoryTable<DocumentVersion>(), now });
    const records = [
      { ITNO: 'GOOD', ITDS: 'Good item', STAT: '20', LMDT: '20261207', NEWE: '1.5' },
      { ITNO: 'BAD', ITDS: 'Bad item', STAT: '20', LMDT: '20261207', NEWE: 'heavy' },
    ];
    const poller = createItemPoller({
      mi: { execute: async () => records },
      enrich: async (item) => ({ ...item, price: { amount: '10', currency: 'EUR', source: 'MMS200MI' } }),
      guard,
      checkpoints: memoryCheckpointStore(),
      produce,
      changes: createPolledChanges({ guard, produce, metrics, now }),
      metrics,
      logger: createLogger({ service: 'test', version: '0', level: 'silent' }),
      now,
      intervalMs: 1000,
      overlapMs: 0,
      concurrency: 4,
    });
    expect(await poller.pollOnce()).toMatchObject({ read: 2, produced: 1, deadLettered: 1 });
    expect(await poller.pollOnce()).toMatchObject({ read: 2, produced: 0, deadLettered: 0, skipped: 2 });
    expect(sent.filter((r) => r.topic === TOPIC.cdcM3Item).map((r) => r.key)).toEqual(['GOOD']);
    const dlq = sent.filter((r) => r.topic === TOPIC.m3IonIngestDlq);
    expect(dlq.map((r) => r.key)).toEqual(['BAD']);
  });
});
