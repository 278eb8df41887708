// The poller against the Magento simulator over HTTP (real searchCriteria paging, including Magento's
// "a page past the end answers the last page again"), with in-memory state and a recording producer.
import { AppError, type DeadLetter, type OutgoingRecord } from '@m3mage/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MagentoOrderChange } from '@m3mage/schemas/types';
import type { ChangedQuery, OrdersClient } from '../src/clients/magento-orders.client';
import { orderEntity, ORDER_POLLER as POLLER_NAME } from '../src/entities/order.entity';
import { magentoTime } from '../src/poller/poller';
import { memoryCheckpointStore } from '../src/state/stores';
import { T0 } from './support/harness';
import { livePoller, liveSimulator } from './support/live-sim';

let live: Awaited<ReturnType<typeof liveSimulator>>;
let produced: OutgoingRecord<MagentoOrderChange>[];
let deadLetters: OutgoingRecord<DeadLetter>[];
let failure: AppError | undefined;
let checkpoints: ReturnType<typeof memoryCheckpointStore>;

function poller(
  overlapMs = 0,
  startAt: string | null = magentoTime(T0),
  orders: Pick<OrdersClient, 'changedPage'> = live.oauth,
  pageSize = 2,
) {
  return livePoller(live, orderEntity({ ...live.oauth, ...orders }), {
    produce: async (r) => {
      if (failure) throw failure;
      produced.push(r as OutgoingRecord<MagentoOrderChange>);
    },
    deadLetter: async (r) => {
      if (failure) throw failure;
      deadLetters.push(r);
    },
    checkpoints,
    pageSize,
    overlapMs,
    ...(startAt !== null ? { startAt } : {}),
  });
}

beforeEach(async () => {
  live = await liveSimulator();
  produced = [];
  deadLetters = [];
  failure = undefined;
  checkpoints = memoryCheckpointStore();
});
afterEach(async () => live.close());

describe('order poller', () => {
  it('produces every order changed since the checkpoint once, over several pages, and moves the checkpoint', async () => {
    live.sim.placeOrders(3);
    live.advance(2000);
    live.sim.placeOrders(2);
    const p = poller();
    const first = await p.pollOnce();
    expect(first).toMatchObject({ seen: 5, produced: 5, failed: 0, cursor: magentoTime(T0 + 2000) });
    expect(produced.map((r) => r.key)).toEqual(['000000001', '000000002', '000000003', '000000004', '000000005']);
    expect(produced.every((r) => r.value?.op === 'c')).toBe(true);
    expect(checkpoints.rows.get(POLLER_NAME)).toEqual({ cursor: magentoTime(T0 + 2000), lastEntityId: '5' });

    const second = await p.pollOnce();
    expect(second).toMatchObject({ seen: 2, produced: 0, duplicates: 2 }); // gteq re-reads the checkpoint second
    expect(produced).toHaveLength(5);
  });

  it('loses no order when one changes during a pass (keyset pages, not page numbers)', async () => {
    for (let i = 0; i < 4; i++) {
      live.sim.placeOrders(1);
      live.advance(1000);
    }
    let reads = 0;
    const orders = {
      changedPage: async (query: ChangedQuery, size: number) => {
        const list = await live.oauth.changedPage(query, size);
        // after the first page, order 2 changes: it moves to the end of the updated_at order
        if (++reads === 1) live.sim.state.orderByIncrementId('000000002')!.updated_at = magentoTime(T0 + 9000);
        return list;
      },
    };
    const report = await poller(0, magentoTime(T0), orders).pollOnce();
    expect(new Set(produced.map((r) => r.key))).toEqual(new Set(['000000001', '000000002', '000000003', '000000004']));
    expect(report.failed).toBe(0);
  });

  it('loses no order of a burst within one second while earlier ones change during the pass', async () => {
    live.sim.placeOrders(12); // all in the same second, more than two pages of 5
    let reads = 0;
    const orders = {
      changedPage: async (query: ChangedQuery, size: number) => {
        const list = await live.oauth.changedPage(query, size);
        // after the first page, orders 1–3 change (a comment written back): they move to a later second;
        // with page numbers, orders of the next page would shift onto the page already read and be missed
        if (++reads === 1)
          for (const id of ['000000001', '000000002', '000000003'])
            live.sim.state.orderByIncrementId(id)!.updated_at = magentoTime(T0 + 2000);
        return list;
      },
    };
    const p = poller(0, magentoTime(T0), orders, 5);
    await p.pollOnce();
    const keys = new Set(produced.map((r) => r.key));
    expect(Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(9, '0')).filter((id) => !keys.has(id))).toEqual(
      [],
    );
  });

  it('produces an update (op u) when an order changes later', async () => {
    live.sim.placeOrders(2);
    const p = poller();
    await p.pollOnce();
    live.advance(3000);
    const order = live.sim.state.orders.get(2)!;
    order.status = 'holded';
    order.updated_at = magentoTime(live.now());
    const report = await p.pollOnce();
    expect(report.produced).toBe(1);
    expect(produced.at(-1)).toMatchObject({ key: '000000002', value: { op: 'u', after: { status: 'holded' } } });
  });

  it('does not move the checkpoint when Kafka fails, and catches up on the next pass', async () => {
    live.sim.placeOrders(1);
    live.advance(1000);
    live.sim.placeOrders(1);
    failure = new AppError('KAFKA_PRODUCE_FAILED', 'down');
    const p = poller();
    await expect(p.pollOnce()).rejects.toMatchObject({ code: 'KAFKA_PRODUCE_FAILED' });
    expect(checkpoints.rows.size).toBe(0);
    failure = undefined;
    expect((await p.pollOnce()).produced).toBe(2);
  });

  it('keeps the start of its first pass when that pass fails, so orders placed meanwhile are caught', async () => {
    const p = poller(0, null); // no POLL_START_AT: starts at its first pass
    failure = new AppError('KAFKA_PRODUCE_FAILED', 'down');
    live.sim.placeOrders(1);
    await expect(p.pollOnce()).rejects.toMatchObject({ code: 'KAFKA_PRODUCE_FAILED' });
    live.advance(30_000); // the next passes come much later
    live.sim.placeOrders(1);
    failure = undefined;
    expect((await p.pollOnce()).produced).toBe(2);
  });

  it('reads back the overlap window before the checkpoint without producing twice', async () => {
    live.sim.placeOrders(2);
    const p = poller(60_000);
    await p.pollOnce();
    live.advance(10_000);
    live.sim.placeOrders(1);
    const report = await p.pollOnce();
    expect(report).toMatchObject({ seen: 3, produced: 1, duplicates: 2 });
  });

  it('dead-letters an order it cannot map once per version, with a reference and the reason, and goes on', async () => {
    live.sim.placeOrders(3);
    let fixedInMagento = false;
    const broken = (items: unknown[]) =>
      items.map((i) => {
        const o = i as Record<string, unknown>;
        return o.increment_id === '000000002' && !fixedInMagento
          ? { ...o, grand_total: 'twelve', payment: { cc_number: 'x' } }
          : o;
      });
    const orders = {
      changedPage: async (query: ChangedQuery, size: number) => {
        const list = await live.oauth.changedPage(query, size);
        return { ...list, items: broken(list.items) };
      },
    };
    const p = poller(60_000, magentoTime(T0), orders);
    expect(await p.pollOnce()).toMatchObject({ seen: 3, produced: 2, deadLettered: 1 });
    expect(produced.map((r) => r.key)).toEqual(['000000001', '000000003']);
    expect(deadLetters).toHaveLength(1);
    const [letter] = deadLetters;
    expect(letter).toMatchObject({ topic: 'magento-ingest.dlq', key: '000000002' });
    const value = letter!.value!;
    const entityId = live.sim.state.orderByIncrementId('000000002')!.entity_id;
    expect(value).toMatchObject({
      originalTopic: `magento-rest:/V1/orders/${entityId}`,
      originalPartition: -1,
      originalOffset: -1,
      errorCode: 'MAPPING_UNMAPPABLE',
      stage: 'map',
      service: 'magento-ingest',
    });
    expect(value.errorMessage).toBe(
      'Magento order: grandTotal is not a decimal ("twelve"); payment.method is missing; payment.amountOrdered is missing',
    );
    const reference = JSON.parse(value.originalValue!.toString()) as Record<string, unknown>;
    expect(reference).toEqual({ entity: 'order', entityId, incrementId: '000000002', updatedAt: magentoTime(T0) });
    expect(letter!.value!.originalValue!.toString()).not.toContain('cc_number');
    expect(letter!.headers).toMatchObject({ 'x-error-code': 'MAPPING_UNMAPPABLE', 'x-error-stage': 'map' });
    const dlqCount = (await live.metrics.dlqTotal.get()).values.find(
      (v) => v.labels.service === 'magento-ingest' && v.labels.code === 'MAPPING_UNMAPPABLE',
    );
    expect(dlqCount?.value).toBe(1);

    // the overlap reads it again: not dead-lettered twice; once fixed in Magento (a new version), it flows
    expect(await p.pollOnce()).toMatchObject({ seen: 3, produced: 0, deadLettered: 0 });
    expect(deadLetters).toHaveLength(1);
    live.advance(1000);
    fixedInMagento = true;
    live.sim.state.orders.get(entityId)!.updated_at = magentoTime(live.now());
    expect(await p.pollOnce()).toMatchObject({ produced: 1, deadLettered: 0 });
    // op u: a version of the order was met before (the dead-lettered one)
    expect(produced.at(-1)).toMatchObject({ key: '000000002', value: { op: 'u' } });
  });

  it('runs on its interval until stopped (injected timer)', async () => {
    live.sim.placeOrders(1);
    const timers: Array<() => void> = [];
    const p = livePoller(live, orderEntity(live.oauth), {
      produce: async (r) => void produced.push(r as OutgoingRecord<MagentoOrderChange>),
      deadLetter: async (r) => void deadLetters.push(r),
      checkpoints,
      intervalMs: 5000,
      pageSize: 10,
      overlapMs: 0,
      startAt: magentoTime(T0),
      schedule: (fn, ms) => {
        expect(ms).toBe(5000);
        timers.push(fn);
        return { cancel: () => undefined };
      },
    });
    p.start();
    expect(timers).toHaveLength(1);
    timers[0]!();
    await p.stop();
    expect(produced).toHaveLength(1);
    expect(timers).toHaveLength(1); // stopped: not rescheduled
  });
});
