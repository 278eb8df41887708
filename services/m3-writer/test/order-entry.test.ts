// Resumable batch entry on the M3 simulator: lost answers, locks, refused lines and warehouses, Confirm in
// status 15, the cleanup, and a degraded M3 — each counted in M3's own state (orders and batch orders).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, isAppError, type Handler } from '@m3mage/runtime';
import type { BatchOrderEntry, CreateCustomerOrder } from '@m3mage/schemas/types';
import { createOrderClient } from '../src/clients/order.client';
import { createBatchCleanup } from '../src/handlers/batch-cleanup';
import { inbound, memoryTable, orderCommand } from './support/commands';
import { m3Rig, type M3Rig } from './support/m3';
import { writerProcess } from './support/writer-process';

const ordersWithCuor = (rig: M3Rig, cuor: string) =>
  [...rig.sim.state.orders.values()].filter((o) => o.head['CUOR'] === cuor);
const batchesWithCuor = (rig: M3Rig, cuor: string) =>
  [...rig.sim.state.batchOrders.values()].filter((b) => b.head['CUOR'] === cuor);
/** Batch orders not released: orphans once a run is over. */
const openBatches = (rig: M3Rig) => [...rig.sim.state.batchOrders.values()].filter((b) => b.status !== '90');

/** Runs the handler like the retry tiers would (a new attempt after each retriable failure). */
async function untilDone(handler: Handler<CreateCustomerOrder>, cmd: CreateCustomerOrder, attempts = 20) {
  let last: unknown;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      return { result: await handler(inbound(cmd, cmd.incrementId, attempt)), attempt };
    } catch (err) {
      last = err;
      if (!isAppError(err) || !err.retriable) throw err;
    }
  }
  throw last;
}

describe('resumable order entry on the M3 simulator', () => {
  let rig: M3Rig;
  beforeEach(async () => {
    rig = await m3Rig();
  });
  afterEach(() => rig.close());

  it('adopts the batch order of an AddBatchHead whose answer was lost, after a restart', async () => {
    const batches = memoryTable<BatchOrderEntry>();
    const cmd = orderCommand('000000401', 'head@example.com', [['ITM000001', '1', '9']]);
    rig.sim.miFaults.set({ lostAnswerRate: 1, transactions: ['OIS100MI/AddBatchHead'] });
    await expect(writerProcess(rig, { batches }).handler(inbound(cmd, cmd.incrementId))).rejects.toMatchObject({
      code: 'HTTP_5XX',
    });
    expect(batchesWithCuor(rig, '000000401')).toHaveLength(1); // M3 did make it
    rig.sim.miFaults.clear();
    // a new process (its memory gone, the Kafka state shared) gets the command again
    expect(await writerProcess(rig, { batches }).handler(inbound(cmd, cmd.incrementId, 2))).toEqual({
      outcome: 'ack',
    });
    expect(batchesWithCuor(rig, '000000401')).toHaveLength(1);
    expect(ordersWithCuor(rig, '000000401')).toHaveLength(1);
    expect(openBatches(rig)).toEqual([]);
    expect(batches.get('000000401')).toBeUndefined();
  });

  it('does not add a line twice when the AddBatchLine answer was lost', async () => {
    const batches = memoryTable<BatchOrderEntry>();
    const cmd = orderCommand('000000402', 'line@example.com', [
      ['ITM000001', '2', '9'],
      ['ITM000002', '3', '4'],
    ]);
    rig.sim.miFaults.set({ lostAnswerRate: 1, transactions: ['OIS100MI/AddBatchLine'] });
    await expect(writerProcess(rig, { batches }).handler(inbound(cmd, cmd.incrementId))).rejects.toMatchObject({
      code: 'HTTP_5XX',
    });
    rig.sim.miFaults.clear();
    await writerProcess(rig, { batches }).handler(inbound(cmd, cmd.incrementId, 2));
    const [order] = ordersWithCuor(rig, '000000402');
    expect(order?.lines.map((l) => [l.ITNO, l.ORQT])).toEqual([
      ['ITM000001', 2],
      ['ITM000002', 3],
    ]);
    expect(batchesWithCuor(rig, '000000402')).toHaveLength(1);
  });

  it('resumes in place when a record is locked, and a lock is never a dead letter', async () => {
    const batches = memoryTable<BatchOrderEntry>();
    const cmd = orderCommand('000000403', 'lock@example.com', [['ITM000003', '1', '1']]);
    rig.sim.miFaults.set({ lockedRate: 1, transactions: ['OIS100MI/AddBatchLine'] });
    const noResume = await writerProcess(rig, { batches })
      .handler(inbound(cmd, cmd.incrementId))
      .catch((e: unknown) => e);
    expect(noResume).toMatchObject({ code: 'M3_NOK', retriable: true, details: { m3Category: 'locked' } });
    const waits: number[] = [];
    const p = writerProcess(rig, {
      batches,
      resumeRetries: 3,
      sleep: (ms) => {
        waits.push(ms);
        rig.sim.miFaults.clear(); // the other job lets go
        return Promise.resolve();
      },
    });
    expect(await p.handler(inbound(cmd, cmd.incrementId, 2))).toEqual({ outcome: 'ack' });
    expect(waits).toHaveLength(1);
    expect(ordersWithCuor(rig, '000000403')).toHaveLength(1);
    expect(openBatches(rig)).toEqual([]);
  });

  it('dead-letters an unknown warehouse at once and leaves nothing behind', async () => {
    const batches = memoryTable<BatchOrderEntry>();
    const cmd = orderCommand('000000404', 'whs@example.com', [['ITM000001', '1', '1']]);
    cmd.head.whlo = 'ZZZ';
    const err = await writerProcess(rig, { batches })
      .handler(inbound(cmd, cmd.incrementId))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'M3_NOK', retriable: false, details: { nokAction: 'dead-letter' } });
    expect((err as Error).message).toMatch(/Warehouse ZZZ is not known to M3/);
    expect(rig.sim.state.batchOrders.size).toBe(0);
    expect(batches.size()).toBe(0);
  });

  it('never publishes a temporary number: Confirm in status 15 deletes the batch order and names M3’s errors', async () => {
    const batches = memoryTable<BatchOrderEntry>();
    const p = writerProcess(rig, { batches });
    rig.sim.miFaults.set({ confirmErrorItems: ['ITM000007'] });
    const cmd = orderCommand('000000405', 'fifteen@example.com', [['ITM000007', '1', '1']]);
    const err = await p.handler(inbound(cmd, cmd.incrementId)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'M3_BATCH_ORDER_REFUSED', retriable: false });
    expect((err as Error).message).toMatch(/status 15/);
    expect((err as Error).message).toMatch(/ITM000007/);
    expect(p.published).toEqual([]);
    expect(ordersWithCuor(rig, '000000405')).toHaveLength(0);
    expect(batchesWithCuor(rig, '000000405')).toHaveLength(0);
    expect(batches.size()).toBe(0);
  });

  it('discards a batch order with a refused line and starts afresh once the item is there', async () => {
    const batches = memoryTable<BatchOrderEntry>();
    const item = rig.sim.state.items.get('ITM000006');
    if (!item) throw new Error('seed has no ITM000006');
    item.STAT = '90';
    const cmd = orderCommand('000000406', 'later@example.com', [
      ['ITM000001', '1', '1'],
      ['ITM000006', '1', '1'],
    ]);
    await expect(writerProcess(rig, { batches }).handler(inbound(cmd, cmd.incrementId))).rejects.toMatchObject({
      code: 'MAPPING_NOT_YET',
    });
    expect(openBatches(rig)).toEqual([]);
    item.STAT = '20';
    await writerProcess(rig, { batches }).handler(inbound(cmd, cmd.incrementId, 2));
    expect(ordersWithCuor(rig, '000000406')[0]?.lines.map((l) => l.ITNO)).toEqual(['ITM000001', 'ITM000006']);
    expect(openBatches(rig)).toEqual([]);
  });

  it('matches CUOR exactly: an order of a longer CUOR with the same start is another order', async () => {
    const p = writerProcess(rig);
    const longer = orderCommand('0000004071', 'cuor@example.com', [['ITM000001', '1', '1']]);
    const shorter = orderCommand('000000407', 'cuor@example.com', [['ITM000002', '1', '1']]);
    await p.handler(inbound(longer, longer.incrementId));
    await p.handler(inbound(shorter, shorter.incrementId));
    expect(ordersWithCuor(rig, '000000407')).toHaveLength(1);
    expect(p.published.map((x) => x.incrementId)).toEqual(['0000004071', '000000407']);
    expect(p.published[0]?.orno).not.toBe(p.published[1]?.orno);
  });

  it('with M3 answering 20 % of calls with 500 and losing 10 % of answers: every order once, no orphan', async () => {
    rig.sim.faults.setProfile({ errorRate: 0.2 });
    rig.sim.miFaults.set({ lostAnswerRate: 0.1 });
    const batches = memoryTable<BatchOrderEntry>();
    const p = writerProcess(rig, { batches, resumeRetries: 4 });
    const cmds = Array.from({ length: 30 }, (_, i) =>
      orderCommand(`00000050${String(i).padStart(2, '0')}`, `deg${i % 7}@example.com`, [
        ['ITM000001', '1', '1'],
        ['ITM000002', '2', '2'],
      ]),
    );
    const runs = await Promise.all(cmds.map((c) => untilDone(p.handler, c)));
    expect(runs.every((r) => r.result.outcome === 'ack')).toBe(true);
    rig.sim.faults.setProfile({});
    rig.sim.miFaults.clear();
    for (const c of cmds) {
      const orders = ordersWithCuor(rig, c.incrementId);
      expect(orders, c.incrementId).toHaveLength(1);
      expect(orders[0]?.lines.map((l) => [l.ITNO, l.ORQT])).toEqual([
        ['ITM000001', 1],
        ['ITM000002', 2],
      ]);
    }
    expect(openBatches(rig)).toEqual([]);
    expect(batches.size()).toBe(0);
    for (let i = 0; i < 7; i += 1) {
      const mails = [...rig.sim.state.customers.values()].filter((c) => c.rec['MAIL'] === `deg${i}@example.com`);
      expect(mails).toHaveLength(1);
    }
  });
});

describe('abandoned batch order cleanup', () => {
  let rig: M3Rig;
  beforeEach(async () => {
    rig = await m3Rig();
  });
  afterEach(() => rig.close());

  async function abandoned(cuor: string, batches: ReturnType<typeof memoryTable<BatchOrderEntry>>) {
    // the command dies in the retry tiers after AddBatchHead and one line: its batch order stays open
    const cmd = orderCommand(cuor, `${cuor}@example.com`, [
      ['ITM000001', '1', '1'],
      ['ITM000002', '1', '1'],
    ]);
    rig.sim.miFaults.set({ lockedRate: 1, transactions: ['OIS100MI/Confirm'] });
    await expect(writerProcess(rig, { batches }).handler(inbound(cmd, cuor))).rejects.toMatchObject({
      code: 'M3_NOK',
    });
    rig.sim.miFaults.clear();
    return cmd;
  }

  const cleanup = (batches: ReturnType<typeof memoryTable<BatchOrderEntry>>, action: 'delete' | 'report') =>
    createBatchCleanup({
      orders: createOrderClient(rig.mi, 100),
      batches,
      logger: createLogger({ service: 'test', version: '0', level: 'silent' }),
      graceMs: 60 * 60_000,
      action,
      now: () => rig.clock.now,
    });

  it('deletes a batch order abandoned past the grace period, not one still in its grace period', async () => {
    const batches = memoryTable<BatchOrderEntry>();
    await abandoned('000000601', batches);
    const entry = batches.get('000000601');
    if (!entry) throw new Error('no entry');
    batches.remember('000000601', { ...entry, startedAt: rig.clock.now - 2 * 60 * 60_000 });
    await abandoned('000000602', batches); // started "now": within the grace period
    expect(openBatches(rig)).toHaveLength(2);
    expect(await cleanup(batches, 'delete').sweep()).toEqual({
      deleted: ['000000601'],
      reported: [],
      released: [],
      gone: [],
      failed: [],
    });
    expect(openBatches(rig).map((b) => b.head['CUOR'])).toEqual(['000000602']);
    expect(batches.get('000000601')).toBeUndefined();
    expect(batches.get('000000602')).toBeDefined();
  });

  it('reports only, with action report; forgets an entry whose batch order was released', async () => {
    const batches = memoryTable<BatchOrderEntry>();
    await abandoned('000000603', batches);
    const old = rig.clock.now - 2 * 60 * 60_000;
    const e = batches.get('000000603');
    if (!e) throw new Error('no entry');
    batches.remember('000000603', { ...e, startedAt: old });
    expect((await cleanup(batches, 'report').sweep()).reported).toEqual(['000000603']);
    expect(openBatches(rig)).toHaveLength(1);
    // the order is then completed after all (a replay), but its entry stayed behind
    const cmd = orderCommand('000000603', '000000603@example.com', [
      ['ITM000001', '1', '1'],
      ['ITM000002', '1', '1'],
    ]);
    await writerProcess(rig, { batches: memoryTable<BatchOrderEntry>() }).handler(inbound(cmd, '000000603', 2));
    expect((await cleanup(batches, 'delete').sweep()).deleted).toEqual(['000000603']); // the old batch, not the order
    expect(ordersWithCuor(rig, '000000603')).toHaveLength(1);
    expect(openBatches(rig)).toEqual([]);
  });
});
