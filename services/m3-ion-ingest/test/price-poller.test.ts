// The price-list change poll over a scripted OIS017MI: the first pass takes the list as applied; a changed
// list price, an item added to the list and one taken off it each make one re-read item change (version
// above the item's last), and an unchanged list costs no item read.
import {
  createLogger,
  createMemoryTable,
  createMetrics,
  memoryCheckpointStore,
  type OutgoingRecord,
} from '@m3mage/runtime';
import type { MiRecord } from '@m3mage/connectors/m3';
import type { Change, DocumentVersion, Item } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { describe, expect, it } from 'vitest';
import { createPricePoller } from '../src/items/price-poller';
import { createPolledChanges } from '../src/state/polled-changes';
import { createVariationGuard } from '../src/state/variation-guard';

const TODAY = Date.UTC(2026, 11, 7, 12);

describe('price poller', () => {
  it('re-reads exactly the items whose list price changed, joined or left the list', async () => {
    let clock = TODAY;
    const now = () => clock;
    const sent: OutgoingRecord[] = [];
    const produce = async (r: OutgoingRecord) => void sent.push(r);
    const metrics = createMetrics({ service: 'test', collectDefaults: false });
    const table = createMemoryTable<DocumentVersion>();
    const guard = createVariationGuard({ table, now });
    const list = new Map<string, string>([
      ['A', '10.00'],
      ['B', '20.00'],
      ['C', '30.00'],
    ]);
    const reads: string[] = [];
    const mi = {
      execute: async (program: string, transaction: string, input: Record<string, string> = {}) => {
        const key = `${program}/${transaction}`;
        if (key === 'OIS017MI/LstPriceList')
          return [
            // Another list and an expired version of ours: M3 returns every header whatever the input.
            { PRRF: 'B2B', CUCD: 'EUR', CUNO: '', FVDT: '20260101', LVDT: '20271231' },
            { PRRF: 'WEB', CUCD: 'EUR', CUNO: '', FVDT: '20250101', LVDT: '20261130' },
            { PRRF: 'WEB', CUCD: 'EUR', CUNO: '', FVDT: '20261201', LVDT: '20271231' },
          ] as MiRecord[];
        if (key === 'OIS017MI/LstBasePrice') {
          expect(input.FVDT).toBe('20261201');
          return [...list].map(([ITNO, SAPR]) => ({
            PRRF: 'WEB',
            CUCD: 'EUR',
            CUNO: '',
            FVDT: '20261201',
            ITNO,
            SAPR,
          }));
        }
        if (key === 'MMS200MI/GetItmBasic') {
          reads.push(input.ITNO ?? '');
          return [{ ITNO: input.ITNO ?? '', ITDS: `Item ${input.ITNO}`, STAT: '20', LMDT: '20261201' }];
        }
        throw new Error(`unexpected ${key}`);
      },
    };
    const poller = createPricePoller({
      mi,
      priceList: 'WEB',
      currency: 'EUR',
      enrich: async (item) => ({
        ...item,
        price: list.has(item.itno) ? { amount: list.get(item.itno) ?? '', currency: 'EUR', source: 'OIS017MI' } : null,
      }),
      guard,
      knownKeys: () => [...table.entries()].map(([k]) => k),
      checkpoints: memoryCheckpointStore(),
      produce,
      changes: createPolledChanges({ guard, produce, metrics, now }),
      metrics,
      logger: createLogger({ service: 'test', version: '0', level: 'silent' }),
      now,
      intervalMs: 1000,
      concurrency: 2,
    });
    const items = () =>
      sent
        .filter((r) => r.topic === TOPIC.cdcM3Item)
        .map((r) => (r.value as Change<Item>).after)
        .map((i) => ({ itno: i?.itno, price: i?.price?.amount ?? null, stamp: Number(i?.changeStamp) }));

    expect(await poller.pollOnce()).toMatchObject({ list: 'WEB/EUR/20261201', read: 3, seeded: true, produced: 0 });
    expect(reads).toEqual([]);

    clock += 1000;
    expect(await poller.pollOnce()).toMatchObject({ seeded: false, changed: 0, produced: 0 });

    clock += 1000;
    list.set('B', '21.50');
    list.set('D', '40.00');
    list.delete('C');
    expect(await poller.pollOnce()).toMatchObject({ changed: 3, unlisted: 1, produced: 3 });
    expect(reads.sort()).toEqual(['B', 'C', 'D']);
    // Seen today, kept inside the item's change day (LMDT 20261201), as the item poll does.
    const endOfChangeDay = Date.UTC(2026, 11, 2) - 1;
    expect(items().sort((a, b) => String(a.itno).localeCompare(String(b.itno)))).toEqual([
      { itno: 'B', price: '21.50', stamp: endOfChangeDay },
      { itno: 'C', price: null, stamp: endOfChangeDay },
      { itno: 'D', price: '40.00', stamp: endOfChangeDay },
    ]);

    // The same list again: nothing read, nothing produced; a second change of B gets a later version.
    expect(await poller.pollOnce()).toMatchObject({ changed: 0, produced: 0 });
    list.set('B', '22.00');
    expect(await poller.pollOnce()).toMatchObject({ changed: 1, produced: 1 });
    const b = items().filter((i) => i.itno === 'B');
    expect(b.map((i) => i.price)).toEqual(['21.50', '22.00']);
    expect(b[1]!.stamp).toBe(endOfChangeDay + 1);
  });

  it('changes nothing while no version of the list is valid today', async () => {
    const sent: OutgoingRecord[] = [];
    const produce = async (r: OutgoingRecord) => void sent.push(r);
    const metrics = createMetrics({ service: 'test', collectDefaults: false });
    const guard = createVariationGuard({ table: createMemoryTable<DocumentVersion>(), now: () => TODAY });
    const poller = createPricePoller({
      mi: { execute: async () => [{ PRRF: 'WEB', CUCD: 'EUR', FVDT: '20270101', LVDT: '20271231' }] },
      priceList: 'WEB',
      currency: 'EUR',
      enrich: async (i) => i,
      guard,
      knownKeys: () => [],
      checkpoints: memoryCheckpointStore(),
      produce,
      changes: createPolledChanges({ guard, produce, metrics, now: () => TODAY }),
      metrics,
      logger: createLogger({ service: 'test', version: '0', level: 'silent' }),
      now: () => TODAY,
      intervalMs: 1000,
      concurrency: 2,
    });
    expect(await poller.pollOnce()).toMatchObject({ list: null, read: 0, produced: 0 });
    expect(sent).toEqual([]);
  });
});
