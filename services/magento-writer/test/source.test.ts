// MSI sources: what M3 owns of a source (name and address; `enabled` only on create), the links of a new
// source after the stock's own, and the handler's calls — none when nothing differs or the version is old.
import { describe, expect, it } from 'vitest';
import {
  createLogger,
  createMemoryTable,
  createVersionGuard,
  integerVersions,
  type InboundMessage,
} from '@m3mage/runtime';
import type { DocumentVersion, UpsertSource } from '@m3mage/schemas/types';
import type { InventoryClient, MagentoSource, StockSourceLink } from '../src/clients/inventory.client';
import { sourceHandler } from '../src/handlers/source.handler';
import { linksToAdd, newSourceBody, sourceChanges } from '../src/handlers/source-ownership';

const logger = createLogger({ service: 'test', version: '0', level: 'silent' });

let seq = 0;
function source(version: number, over: Partial<UpsertSource> = {}): UpsertSource {
  seq += 1;
  return {
    meta: { commandId: `s-${seq}`, idempotencyKey: `k-${seq}`, correlationId: 'WH1', causationId: 'e', issuedAt: 0 },
    sourceCode: 'WH1',
    m3Version: String(version),
    name: 'Warehouse One',
    countryId: 'SE',
    postcode: '111 57',
    city: 'Stockholm',
    street: 'Main street 1',
    stockIds: [1],
    ...over,
  };
}

const magentoSource = (over: Partial<MagentoSource> = {}): MagentoSource => ({
  source_code: 'WH1',
  name: 'Warehouse One',
  enabled: true,
  country_id: 'SE',
  postcode: '111 57',
  city: 'Stockholm',
  street: 'Main street 1',
  ...over,
});

describe('source ownership', () => {
  it('creates a source enabled with M3’s name and address; an address part M3 lacks is left out', () => {
    expect(newSourceBody(source(1, { street: null }))).toEqual({
      source_code: 'WH1',
      enabled: true,
      name: 'Warehouse One',
      country_id: 'SE',
      postcode: '111 57',
      city: 'Stockholm',
    });
  });

  it('updates only owned fields that differ, never enabled, and nothing when all agree', () => {
    expect(sourceChanges(magentoSource({ enabled: false }), source(2))).toBeUndefined();
    expect(sourceChanges(magentoSource({ enabled: false, name: 'Old' }), source(2, { city: 'Uppsala' }))).toEqual({
      name: 'Warehouse One',
      city: 'Uppsala',
    });
    // M3 without a city or street does not clear Magento's.
    expect(sourceChanges(magentoSource(), source(2, { city: null, street: null }))).toBeUndefined();
  });

  it('links a source after the links a stock has, once per stock, and not where it is linked already', () => {
    const existing = new Map<number, StockSourceLink[]>([
      [
        1,
        [
          { stock_id: 1, source_code: 'default', priority: 1 },
          { stock_id: 1, source_code: 'wh_ber', priority: 4 },
        ],
      ],
      [2, [{ stock_id: 2, source_code: 'WH1', priority: 2 }]],
      [3, []],
    ]);
    expect(linksToAdd('WH1', [1, 2, 3, 1], existing)).toEqual([
      { stock_id: 1, source_code: 'WH1', priority: 5 },
      { stock_id: 3, source_code: 'WH1', priority: 1 },
    ]);
  });
});

function fakeInventory(initial?: MagentoSource, opts: { failLinks?: number } = {}) {
  const calls: string[] = [];
  let current = initial;
  let failLinks = opts.failLinks ?? 0;
  const links: StockSourceLink[] = [{ stock_id: 1, source_code: 'default', priority: 1 }];
  const inventory: Partial<InventoryClient> = {
    getSource: async () => current && { ...current },
    createSource: async (s) => {
      calls.push(`create ${JSON.stringify(s)}`);
      current = { ...s, source_code: s.source_code };
    },
    updateSource: async (cur, changes) => {
      calls.push(`update ${JSON.stringify({ ...cur, ...changes })}`);
      current = { ...cur, ...changes };
    },
    linksOfStock: async (stockId) => links.filter((l) => l.stock_id === stockId),
    addLinks: async (add) => {
      if (failLinks-- > 0) throw new Error('link call failed');
      calls.push(`link ${JSON.stringify(add)}`);
      links.push(...add);
    },
  };
  return { inventory: inventory as InventoryClient, calls };
}

const message = (cmd: UpsertSource): InboundMessage<UpsertSource> => ({
  topic: 'cmd.magento.source.v1',
  partition: 0,
  offset: '1',
  key: cmd.sourceCode,
  headers: {},
  attempt: 1,
  value: cmd,
});

function handlerWith(fake: ReturnType<typeof fakeInventory>) {
  const table = createMemoryTable<DocumentVersion>();
  const versions = createVersionGuard({ table, scheme: integerVersions, sourceSystem: 'M3' });
  return sourceHandler({ inventory: fake.inventory, versions, logger });
}

describe('source handler', () => {
  it('creates and links a missing source once, though the command comes twice; an older one changes nothing', async () => {
    const fake = fakeInventory();
    const handle = handlerWith(fake);
    await handle(message(source(10)));
    await handle(message(source(10)));
    await handle(message(source(9, { name: 'Older' })));
    expect(fake.calls).toEqual([
      `create ${JSON.stringify(newSourceBody(source(10)))}`,
      `link ${JSON.stringify([{ stock_id: 1, source_code: 'WH1', priority: 2 }])}`,
    ]);
  });

  it('keeps Magento’s enabled=false, writes only the name that changed, and no call when nothing did', async () => {
    const fake = fakeInventory(magentoSource({ enabled: false, description: 'kept' }));
    const handle = handlerWith(fake);
    await handle(message(source(20)));
    await handle(message(source(21, { name: 'Renamed' })));
    expect(fake.calls).toEqual([
      `link ${JSON.stringify([{ stock_id: 1, source_code: 'WH1', priority: 2 }])}`,
      `update ${JSON.stringify(magentoSource({ enabled: false, description: 'kept', name: 'Renamed' }))}`,
    ]);
  });

  it('finishes a creation whose link call failed when the command is tried again', async () => {
    const fake = fakeInventory(undefined, { failLinks: 1 });
    const handle = handlerWith(fake);
    await expect(handle(message(source(30)))).rejects.toThrow('link call failed');
    await handle(message(source(30)));
    expect(fake.calls.map((c) => c.split(' ')[0])).toEqual(['create', 'link']);
  });
});
