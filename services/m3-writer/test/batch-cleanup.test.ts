// The abandoned batch order cleanup on the M3 simulator: which entries are due, what happens to the batch
// orders of an entry with and without a temporary number, a failing M3, and the warn log of every action.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '@m3mage/runtime';
import type { BatchOrderEntry, CreateCustomerOrder } from '@m3mage/schemas/types';
import { createOrderClient } from '../src/clients/order.client';
import { createBatchCleanup, type BatchCleanupOptions } from '../src/handlers/batch-cleanup';
import { inbound, orderCommand, recordingTable } from './support/commands';
import { callsOf } from './support/m3-answers';
import { m3Rig, type M3Rig } from './support/m3';
import { writerProcess } from './support/writer-process';

const GRACE = 60 * 60_000;

describe('abandoned batch order cleanup on the M3 simulator', () => {
  let rig: M3Rig;
  let batches: ReturnType<typeof recordingTable<BatchOrderEntry>>;
  let logs: Array<Record<string, unknown>>;
  const now = () => rig.clock.now;

  beforeEach(async () => {
    rig = await m3Rig();
    batches = recordingTable<BatchOrderEntry>();
    logs = [];
  });
  afterEach(() => rig.close());

  const cleanup = (o: Partial<BatchCleanupOptions> = {}) =>
    createBatchCleanup({
      orders: createOrderClient(rig.mi, { orderType: 'A01', warehouse: '100' }, 100),
      batches,
      logger: createLogger({
        service: 'test',
        version: '0',
        level: 'warn',
        destination: { write: (l: string) => void logs.push(JSON.parse(l) as Record<string, unknown>) },
      }),
      graceMs: GRACE,
      action: 'delete',
      now,
      ...o,
    });
  const command = (cuor: string): CreateCustomerOrder =>
    orderCommand(cuor, `${cuor}@example.com`, [['ITM000001', '1', '1']]);
  const batchesWithCuor = (cuor: string) =>
    [...rig.sim.state.batchOrders.values()].filter((b) => b.head['CUOR'] === cuor);
  /** Runs the command once with `transaction` failing as `fault` says; the entry it leaves, made `age` old. */
  async function leftBehind(cuor: string, fault: 'locked' | 'lost', transaction: string, age = 2 * GRACE) {
    rig.sim.miFaults.set({ [fault === 'locked' ? 'lockedRate' : 'lostAnswerRate']: 1, transactions: [transaction] });
    const cmd = command(cuor);
    await expect(writerProcess(rig, { batches, now }).handler(inbound(cmd, cuor))).rejects.toThrow();
    rig.sim.miFaults.clear();
    const e = batches.get(cuor);
    if (!e) throw new Error(`no entry for ${cuor}`);
    batches.remember(cuor, { ...e, startedAt: rig.clock.now - age });
    return { cmd, entry: { ...e, startedAt: rig.clock.now - age } };
  }
  const warns = (msg: string) => logs.filter((l) => l['level'] === 'warn' && l['msg'] === msg);

  it('deletes an abandoned batch order with the entry’s lineage and says so at warn', async () => {
    const { entry } = await leftBehind('000000611', 'locked', 'OIS100MI/Confirm');
    batches.writes.length = 0;
    expect(await cleanup().sweep()).toEqual({ deleted: ['000000611'], reported: [], released: [], failed: [] });
    expect(batchesWithCuor('000000611')).toEqual([]);
    expect(batches.writes).toEqual([
      {
        key: '000000611',
        value: null,
        meta: {
          correlationId: '000000611',
          causationId: 'cmd-000000611',
          eventType: 'BatchOrderEntry',
          sourceSystem: 'M3',
        },
      },
    ]);
    expect(warns('abandoned batch order deleted from M3')).toEqual([
      expect.objectContaining({
        component: 'batch-cleanup',
        cuor: '000000611',
        tempOrnos: [entry.tempOrno],
        startedAt: entry.startedAt,
      }),
    ]);
  });

  it('reports one at warn, with action report, and keeps its entry', async () => {
    const { entry } = await leftBehind('000000612', 'locked', 'OIS100MI/Confirm');
    const sweep = cleanup({ action: 'report' });
    expect((await sweep.sweep()).reported).toEqual(['000000612']);
    expect((await sweep.sweep()).reported).toEqual(['000000612']);
    expect(batches.get('000000612')).toBeDefined();
    expect(batchesWithCuor('000000612').map((b) => b.status)).toEqual(['10']);
    expect(warns('abandoned batch order left in M3 (OIS275)')).toEqual([
      expect.objectContaining({ component: 'batch-cleanup', cuor: '000000612', tempOrnos: [entry.tempOrno] }),
      expect.objectContaining({ cuor: '000000612', startedAt: entry.startedAt }),
    ]);
  });

  it('forgets an entry whose batch order was released (a lost Confirm answer): the order stays', async () => {
    const { entry } = await leftBehind('000000613', 'lost', 'OIS100MI/Confirm');
    expect(await cleanup().sweep()).toEqual({ deleted: [], reported: [], released: ['000000613'], failed: [] });
    expect(batches.get('000000613')).toBeUndefined();
    expect(callsOf(rig, 'OIS100MI/DelBatchHead')).toBe(0);
    expect(batchesWithCuor('000000613').map((b) => b.status)).toEqual(['90']);
    expect(warns('abandoned order entry: its batch order was released; forgotten')).toEqual([
      expect.objectContaining({ component: 'batch-cleanup', cuor: '000000613', tempOrno: entry.tempOrno }),
    ]);
  });

  it('finds the head of an entry without a temporary number by CUOR, and deletes only the open one', async () => {
    const { cmd } = await leftBehind('000000614', 'lost', 'OIS100MI/AddBatchHead');
    expect(batches.get('000000614')?.tempOrno).toBeNull();
    const [lost] = batchesWithCuor('000000614');
    // the order was entered after all, by a process that did not share this entry
    await writerProcess(rig, { now }).handler(inbound(cmd, cmd.incrementId, 2));
    expect(await cleanup().sweep()).toEqual({ deleted: ['000000614'], reported: [], released: [], failed: [] });
    expect(rig.sim.state.batchOrders.has(lost?.tempOrno ?? '')).toBe(false);
    expect(batchesWithCuor('000000614').map((b) => b.status)).toEqual(['90']);
    expect(warns('abandoned batch order deleted from M3')[0]).toMatchObject({ tempOrnos: [lost?.tempOrno] });
  });

  it('forgets an entry without a temporary number whose batch orders are all released', async () => {
    const { cmd } = await leftBehind('000000615', 'lost', 'OIS100MI/AddBatchHead');
    const [lost] = batchesWithCuor('000000615');
    await rig.mi.execute('OIS100MI', 'DelBatchHead', { ORNO: lost?.tempOrno });
    await writerProcess(rig, { now }).handler(inbound(cmd, cmd.incrementId, 2));
    expect(await cleanup().sweep()).toEqual({ deleted: [], reported: [], released: ['000000615'], failed: [] });
    expect(batches.get('000000615')).toBeUndefined();
  });

  it('takes an entry exactly at the end of its grace period, not one a handler is working on', async () => {
    await leftBehind('000000616', 'locked', 'OIS100MI/Confirm', GRACE);
    await leftBehind('000000617', 'locked', 'OIS100MI/Confirm', GRACE - 1);
    await leftBehind('000000618', 'locked', 'OIS100MI/Confirm');
    const busy = (cuor: string) => cuor === '000000618';
    expect(await cleanup({ busy }).sweep()).toEqual({ deleted: ['000000616'], reported: [], released: [], failed: [] });
    expect([...batches.entries()].map(([k]) => k).sort()).toEqual(['000000617', '000000618']);
    expect(await cleanup().sweep()).toMatchObject({ deleted: ['000000618'] });
  });

  it('keeps the entry when M3 fails, says so at warn, and deletes the batch order on a later sweep', async () => {
    const { entry } = await leftBehind('000000619', 'locked', 'OIS100MI/Confirm');
    rig.sim.faults.setProfile({ errorRate: 1 });
    expect(await cleanup().sweep()).toEqual({ deleted: [], reported: [], released: [], failed: ['000000619'] });
    expect(batches.get('000000619')).toEqual(entry);
    expect(warns('batch order cleanup failed; tried again on the next sweep')).toEqual([
      expect.objectContaining({ component: 'batch-cleanup', cuor: '000000619', err: expect.anything() }),
    ]);
    rig.sim.faults.setProfile({});
    expect(await cleanup().sweep()).toMatchObject({ deleted: ['000000619'], failed: [] });
    expect(batchesWithCuor('000000619')).toEqual([]);
  });
});
