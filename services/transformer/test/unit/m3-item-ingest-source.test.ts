// The `ingest-source` header of an item change goes on with its UpsertProduct command, so magento-writer can
// tell a backfill's snapshot rows (`backfill`, infra/backfill) from live changes; nothing else is copied.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { InboundMessage, OutgoingRecord } from '@m3mage/runtime';
import { describe, expect, it } from 'vitest';
import type { Change, Item } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { m3ItemHandler } from '../../src/handlers/m3-item.handler';
import { memoryEmittedLog } from '../../src/state/emitted-log';

const item = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../golden/product/released-with-price.in.json'), 'utf8'),
) as Item;

const msg = (op: Change<Item>['op'], headers: Record<string, string>): InboundMessage<Change<Item>> => ({
  topic: TOPIC.cdcM3Item,
  partition: 0,
  offset: '0',
  key: item.itno,
  value: {
    op,
    before: null,
    after: item,
    source: {
      system: 'M3',
      entity: 'item',
      id: item.itno,
      version: item.changeStamp,
      eventId: `backfill:job:${item.itno}:${item.changeStamp}`,
      occurredAt: item.changedAt,
      receivedAt: item.changedAt,
    },
    tsMs: item.changedAt,
  },
  headers,
  attempt: 1,
});

async function commandFor(m: InboundMessage<Change<Item>>): Promise<OutgoingRecord> {
  const sent: OutgoingRecord[] = [];
  const handler = m3ItemHandler({ send: async (r) => void sent.push(r), now: () => 1, emitted: memoryEmittedLog() });
  expect(await handler(m)).toEqual({ outcome: 'ack' });
  expect(sent).toHaveLength(1);
  return sent[0]!;
}

describe('m3 item handler: ingest-source travels with the command', () => {
  it('a backfill snapshot row gives a command with header ingest-source: backfill', async () => {
    const cmd = await commandFor(
      msg('r', { 'ingest-source': 'backfill', 'event-type': 'M3ItemChange', 'correlation-id': item.itno }),
    );
    expect(cmd.topic).toBe(TOPIC.cmdMagentoProduct);
    expect(cmd.meta.eventType).toBe('UpsertProduct');
    // Only the carried header: the standard ones are the command's own (from meta).
    expect(cmd.headers).toEqual({ 'ingest-source': 'backfill' });
  });

  it('a polled change keeps its own source (mi-poll), a record without the header gives none', async () => {
    expect((await commandFor(msg('u', { 'ingest-source': 'mi-poll' }))).headers).toEqual({
      'ingest-source': 'mi-poll',
    });
    expect((await commandFor(msg('u', {}))).headers).toBeUndefined();
  });
});
