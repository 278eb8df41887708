// The stock and warehouse pollers over a scripted MI client: produced only on change, versions that always
// rise, the feed's cursors, unreadable records dead-lettered once.
import {
  createLogger,
  createMemoryTable,
  createMetrics,
  memoryCheckpointStore,
  type OutgoingRecord,
} from '@m3mage/runtime';
import type { MiRecord } from '@m3mage/connectors/m3';
import type { Balance, Change, DocumentVersion, Warehouse } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { describe, expect, it } from 'vitest';
import { createPolledChanges } from '../src/state/polled-changes';
import { createVariationGuard } from '../src/state/variation-guard';
import { locationSumReader, transactionFeedReader, warehouseGroupReader } from '../src/stock/balance-readers';
import { transactionAt } from '../src/stock/records';
import { createStockPoller } from '../src/stock/stock-poller';
import { createWarehousePoller } from '../src/stock/warehouse-poller';

const logger = createLogger({ service: 'test', version: '0', level: 'silent' });

function rig(now: () => number) {
  const sent: OutgoingRecord[] = [];
  const guard = createVariationGuard({ table: createMemoryTable<DocumentVersion>(), now });
  const changes = createPolledChanges({
    guard,
    produce: async (r) => void sent.push(r),
    metrics: createMetrics({ service: 'test', collectDefaults: false }),
    now,
  });
  return { sent, changes, metrics: createMetrics({ service: 'test', collectDefaults: false }) };
}

type Calls = Array<{ program: string; transaction: string; input: Record<string, unknown> }>;

function scriptedMi(answer: (program: string, transaction: string, input: Record<string, string>) => MiRecord[]) {
  const calls: Calls = [];
  return {
    calls,
    execute: async (program: string, transaction: string, input: Record<string, unknown> = {}) => {
      calls.push({ program, transaction, input });
      return answer(program, transaction, input as Record<string, string>);
    },
    bulk: async (program: string, list: readonly { transaction: string; input?: Record<string, unknown> }[]) =>
      list.map((c) => {
        calls.push({ program, transaction: c.transaction, input: c.input ?? {} });
        const input = (c.input ?? {}) as Record<string, string>;
        if (input.ITNO === 'GONE')
          return { transaction: c.transaction, error: new Error('Record does not exist') as never };
        return { transaction: c.transaction, records: answer(program, c.transaction, input) };
      }),
  };
}

const balances = (r: OutgoingRecord[]) =>
  r.filter((x) => x.topic === TOPIC.cdcM3Stock).map((x) => x.value as Change<Balance>);

describe('stock poller (LstItmWhsByWhgr)', () => {
  it('produces a balance when its quantities change, with M3 transaction time as version, always rising', async () => {
    let t = Date.UTC(2026, 11, 7, 12, 0, 0);
    const now = () => t;
    const { sent, changes, metrics } = rig(now);
    const rows: MiRecord[] = [
      { WHLO: '100', ITNO: 'A', STQT: '10.000000', ALQT: '2', AVAL: '8', AV01: '8', TRDT: '20261207', TRTM: '115900' },
      { WHLO: '100', ITNO: 'B', STQT: '0', ALQT: '0', AVAL: '0', AV01: '0', TRDT: '20261207', TRTM: '110000' },
    ];
    const mi = scriptedMi(() => rows.map((r) => ({ ...r })));
    const poller = createStockPoller({
      reader: warehouseGroupReader(mi, ['ALL']),
      changes,
      metrics,
      logger,
      now,
      intervalMs: 1000,
      concurrency: 8,
    });
    expect(await poller.pollOnce()).toMatchObject({ read: 2, produced: 2, skipped: 0 });
    expect(mi.calls[0]).toMatchObject({
      transaction: 'LstItmWhsByWhgr',
      input: { WHGR: 'ALL', INZO: '1' },
    });
    const first = balances(sent);
    expect(first.map((c) => c.after)).toEqual([
      expect.objectContaining({
        itno: 'A',
        whlo: '100',
        onHand: '10',
        allocated: '2',
        allocatable: '8',
        changeStamp: String(transactionAt('20261207', '115900')),
      }),
      expect.objectContaining({ itno: 'B', onHand: '0', reader: 'MMS200MI/LstItmWhsByWhgr' }),
    ]);
    expect(sent[0]?.key).toBe('A@100');

    t += 1000;
    expect(await poller.pollOnce()).toMatchObject({ produced: 0, skipped: 2 });

    // Two changes within the same second of TRTM: the second still gets a higher version.
    rows[0] = { ...rows[0], STQT: '9', TRTM: '115900' };
    expect(await poller.pollOnce()).toMatchObject({ produced: 1 });
    const [a1, a2] = balances(sent).filter((c) => c.after?.itno === 'A');
    expect(BigInt(a2!.after!.changeStamp)).toBeGreaterThan(BigInt(a1!.after!.changeStamp));
  });

  it('a record with a quantity that is not a number is dead-lettered once, the others go on', async () => {
    const now = () => Date.UTC(2026, 11, 7);
    const { sent, changes, metrics } = rig(now);
    const mi = scriptedMi(() => [
      { WHLO: '100', ITNO: 'BAD', STQT: 'n/a', ALQT: '0' },
      { WHLO: '100', ITNO: 'OK', STQT: '1', ALQT: '0' },
    ]);
    const poller = createStockPoller({
      reader: warehouseGroupReader(mi, ['ALL']),
      changes,
      metrics,
      logger,
      now,
      intervalMs: 1000,
      concurrency: 4,
    });
    expect(await poller.pollOnce()).toMatchObject({ produced: 1, deadLettered: 1 });
    expect(await poller.pollOnce()).toMatchObject({ produced: 0, deadLettered: 0, skipped: 2 });
    const dlq = sent.filter((r) => r.topic === TOPIC.m3IonIngestDlq);
    expect(dlq).toHaveLength(1);
    expect(dlq[0]?.key).toBe('stock:BAD@100');
  });
});

describe('stock poller (MWS070MI feed)', () => {
  it('re-reads only the items that moved since the cursor, saves the cursor, dead-letters an unreadable one', async () => {
    let t = Date.UTC(2026, 11, 7, 12, 0, 0);
    const now = () => t;
    const { sent, changes, metrics } = rig(now);
    const checkpoints = memoryCheckpointStore();
    let trans: MiRecord[] = [
      { WHLO: '100', ITNO: 'A', RGDT: '20261207', RGTM: '120001', TRQT: '-1', NSTQ: '9' },
      { WHLO: '100', ITNO: 'A', RGDT: '20261207', RGTM: '120002', TRQT: '-1', NSTQ: '8' },
      { WHLO: '100', ITNO: 'GONE', RGDT: '20261207', RGTM: '120003', TRQT: '-1', NSTQ: '0' },
    ];
    const mi = scriptedMi((_p, tx, input) =>
      tx === 'ListTransByDate'
        ? trans
        : [{ WHLO: input.WHLO ?? '', ITNO: input.ITNO ?? '', STQT: '8', ALQT: '0', AVAL: '8', AV01: '8' }],
    );
    const poller = createStockPoller({
      reader: transactionFeedReader({ mi, warehouses: ['100'], checkpoints, now }),
      changes,
      metrics,
      logger,
      now,
      intervalMs: 1000,
      concurrency: 4,
    });
    expect(await poller.pollOnce()).toMatchObject({ read: 1, produced: 1, deadLettered: 1, missing: 1 });
    expect(mi.calls[0]).toMatchObject({
      transaction: 'ListTransByDate',
      input: { WHLO: '100', RGDT: '20261207', RGTM: '120000' },
    });
    expect(mi.calls.filter((c) => c.transaction === 'GetItmWhsBal').map((c) => c.input.ITNO)).toEqual(['A', 'GONE']);
    expect(checkpoints.get('m3-stock-feed:100')?.cursor).toBe('20261207120003');
    expect(balances(sent)[0]?.after).toMatchObject({ itno: 'A', onHand: '8', reader: 'MMS200MI/GetItmWhsBal' });

    t += 5000;
    trans = [];
    mi.calls.length = 0;
    expect(await poller.pollOnce()).toMatchObject({ read: 0, produced: 0 });
    expect(mi.calls[0]?.input).toMatchObject({ RGDT: '20261207', RGTM: '120003' });
  });
});

describe('stock poller (MMS060MI LstSumQty)', () => {
  it('sums an item over its locations, exactly', async () => {
    const now = () => Date.UTC(2026, 11, 7);
    const { sent, changes, metrics } = rig(now);
    const mi = scriptedMi((_p, _t, input) =>
      input.WHLO === '100'
        ? [
            { WHLO: '100', ITNO: 'A', WHSL: 'A-01', STQT: '1.1', ALQT: '0.1' },
            { WHLO: '100', ITNO: 'A', WHSL: 'B-02', STQT: '2.2', ALQT: '' },
            { WHLO: '100', ITNO: 'B', WHSL: 'A-01', STQT: '5', ALQT: '5' },
          ]
        : [],
    );
    const poller = createStockPoller({
      reader: locationSumReader(mi, ['100', '200']),
      changes,
      metrics,
      logger,
      now,
      intervalMs: 1000,
      concurrency: 4,
    });
    expect(await poller.pollOnce()).toMatchObject({ read: 2, produced: 2 });
    expect(balances(sent).map((c) => c.after)).toEqual([
      expect.objectContaining({
        itno: 'A',
        whlo: '100',
        onHand: '3.3',
        allocated: '0.1',
        reader: 'MMS060MI/LstSumQty',
      }),
      expect.objectContaining({ itno: 'B', onHand: '5', allocated: '5', allocatable: null }),
    ]);
    expect(mi.calls.map((c) => c.input.WHLO)).toEqual(['100', '200']);
  });
});

describe('warehouse poller', () => {
  it('produces each warehouse once per content; a record without WHLO is dead-lettered once', async () => {
    let t = Date.UTC(2026, 11, 7);
    const now = () => t;
    const { sent, changes, metrics } = rig(now);
    const list: MiRecord[] = [
      {
        WHLO: '100',
        WHNM: 'Stockholm warehouse',
        CSCD: 'SE',
        PONO: '111 47',
        TOWN: 'Stockholm',
        ADR1: '1 Hamngatan',
        ADR2: ' ',
      },
      { WHLO: ' ', WHNM: 'broken' },
    ];
    const mi = scriptedMi(() => list);
    const poller = createWarehousePoller({ mi, changes, metrics, logger, now, intervalMs: 1000 });
    expect(await poller.pollOnce()).toMatchObject({ produced: 1, deadLettered: 1 });
    t += 1000;
    expect(await poller.pollOnce()).toMatchObject({ produced: 0, deadLettered: 0 });
    list[0] = { ...list[0], WHNM: 'Stockholm central warehouse' };
    expect(await poller.pollOnce()).toMatchObject({ produced: 1 });
    const whs = sent.filter((r) => r.topic === TOPIC.cdcM3Warehouse).map((r) => (r.value as Change<Warehouse>).after);
    expect(whs.map((w) => w?.name)).toEqual(['Stockholm warehouse', 'Stockholm central warehouse']);
    expect(whs[0]).toMatchObject({ whlo: '100', country: 'SE', postcode: '111 47', addressLines: ['1 Hamngatan'] });
    expect(BigInt(whs[1]!.changeStamp)).toBeGreaterThan(BigInt(whs[0]!.changeStamp));
  });
});
