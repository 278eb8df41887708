// The source handler on the Magento simulator: the outcome it logs for each command (created, updated,
// linked, unchanged, stale, duplicate), the calls behind each, the version it records, and a tombstone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createLogger,
  createMemoryTable,
  createVersionGuard,
  integerVersions,
  type InboundMessage,
} from '@m3mage/runtime';
import type { DocumentVersion, UpsertSource } from '@m3mage/schemas/types';
import { createInventoryClient, type InventoryClient } from '../src/clients/inventory.client';
import { sourceHandler } from '../src/handlers/source.handler';
import { magentoSimRig, type MagentoSimRig } from './support/magento-sim';

let seq = 0;
function source(code: string, version: number, over: Partial<UpsertSource> = {}): InboundMessage<UpsertSource> {
  seq += 1;
  const value: UpsertSource = {
    meta: { commandId: `s-${seq}`, idempotencyKey: `k-${seq}`, correlationId: code, causationId: 'e', issuedAt: 0 },
    sourceCode: code,
    m3Version: String(version),
    name: 'Warehouse Uppsala',
    countryId: 'SE',
    postcode: '753 20',
    city: 'Uppsala',
    street: 'Kungsgatan 1',
    stockIds: [1],
    ...over,
  };
  return {
    topic: 'cmd.magento.source.v1',
    partition: 0,
    offset: String(seq),
    key: code,
    headers: {},
    attempt: 1,
    value,
  };
}

describe('source handler on the Magento simulator', () => {
  let rig: MagentoSimRig;
  let inventory: InventoryClient;
  let lines: Array<Record<string, unknown>>;
  let table: ReturnType<typeof createMemoryTable<DocumentVersion>>;
  beforeEach(async () => {
    rig = await magentoSimRig();
    inventory = createInventoryClient(rig.transport);
    lines = [];
    table = createMemoryTable<DocumentVersion>();
  });
  afterEach(() => rig.close());

  function handler() {
    const logger = createLogger({
      service: 'test',
      version: '0',
      level: 'info',
      destination: { write: (l: string) => void lines.push(JSON.parse(l) as Record<string, unknown>) },
    });
    const versions = createVersionGuard({ table, scheme: integerVersions, sourceSystem: 'M3' });
    return sourceHandler({ inventory, versions, logger });
  }
  const outcomes = () =>
    lines.filter((l) => l['component'] === 'source').map((l) => [l['sourceCode'], l['m3Version'], l['outcome']]);
  const writes = (since = 0) =>
    rig
      .calls()
      .slice(since)
      .filter((c) => !c.call.startsWith('GET '))
      .map((c) => c.call);

  it('creates and links a new source, then updates, keeps, refuses as stale and recognises a repeat', async () => {
    const handle = handler();
    expect(await handle(source('wh_upp', 10))).toEqual({ outcome: 'ack' });
    expect(writes()).toEqual(['POST /V1/inventory/sources', 'POST /V1/inventory/stock-source-links']);
    const linked = rig.calls().length;
    await handle(source('wh_upp', 10));
    await handle(source('wh_upp', 9, { name: 'Older' }));
    await handle(source('wh_upp', 11, { name: 'Lager Uppsala' }));
    await handle(source('wh_upp', 12, { name: 'Lager Uppsala', stockIds: [1, 1] }));
    expect(writes(linked)).toEqual(['PUT /V1/inventory/sources/wh_upp']);
    expect(outcomes()).toEqual([
      ['wh_upp', '10', 'created'],
      ['wh_upp', '10', 'duplicate'],
      ['wh_upp', '9', 'stale'],
      ['wh_upp', '11', 'updated'],
      ['wh_upp', '12', 'unchanged'],
    ]);
    expect(lines.find((l) => l['component'] === 'source')?.['msg']).toBe('source wh_upp: created');
    expect(rig.sim.state.sources.get('wh_upp')?.name).toBe('Lager Uppsala');
    expect(table.get('source:wh_upp')).toMatchObject({ documentKey: 'source:wh_upp', eventId: `s-${seq}` });
  });

  it('links a source Magento has but the stock does not serve, on the first version only', async () => {
    await inventory.createSource({
      source_code: 'wh_upp',
      enabled: true,
      name: 'Warehouse Uppsala',
      country_id: 'SE',
      postcode: '753 20',
      city: 'Uppsala',
      street: 'Kungsgatan 1',
    });
    const before = rig.calls().length;
    const handle = handler();
    await handle(source('wh_upp', 1));
    expect(writes(before)).toEqual(['POST /V1/inventory/stock-source-links']);
    expect(outcomes()).toEqual([['wh_upp', '1', 'linked']]);
  });

  it('writes nothing for a source Magento has as M3 says, already serving the stock', async () => {
    const seeded = rig.sim.state.sources.get('wh_sto')!;
    const before = rig.calls().length;
    const handle = handler();
    await handle(
      source('wh_sto', 1, {
        name: seeded.name,
        countryId: seeded.country_id,
        postcode: seeded.postcode ?? null,
        city: seeded.city ?? null,
        street: null,
      }),
    );
    expect(writes(before)).toEqual([]);
    expect(outcomes()).toEqual([['wh_sto', '1', 'unchanged']]);
  });

  it('acks a tombstone without a call or a log line', async () => {
    const handle = handler();
    expect(await handle({ ...source('wh_upp', 1), value: null })).toEqual({ outcome: 'ack' });
    expect(rig.calls()).toEqual([]);
    expect(outcomes()).toEqual([]);
  });
});
