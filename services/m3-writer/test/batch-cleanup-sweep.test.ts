// The abandoned batch order cleanup on the M3 simulator: which entries are due (grace period, busy CUORs),
// what each action asks of M3 (GetOrderNo, LstBatchHead, DelBatchHead), what the table is told, what is
// logged, and that one failure does not stop the sweep.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '@m3mage/runtime';
import type { BatchOrderEntry } from '@m3mage/schemas/types';
import { createOrderClient } from '../src/clients/order.client';
import { createBatchCleanup, type BatchCleanupOptions } from '../src/handlers/batch-cleanup';
import { orderCommand } from './support/commands';
import { m3Rig, type M3Rig } from './support/m3';
import { miCalls, recordingTable } from './support/observe';

const CUNO = 'C000001';
const HOUR = 60 * 60_000;

describe('batch order cleanup sweep', () => {
  let rig: M3Rig;
  beforeEach(async () => {
    rig = await m3Rig();
  });
  afterEach(() => rig.close());

  function setup(opts: Partial<BatchCleanupOptions> = {}) {
    const orders = createOrderClient(rig.mi, 100);
    const batches = recordingTable<BatchOrderEntry>();
    const logs: Array<Record<string, unknown>> = [];
    const logger = createLogger({
      service: 'test',
      version: '0',
      level: 'warn',
      destination: { write: (l: string) => void logs.push(JSON.parse(l) as Record<string, unknown>) },
    });
    const cleanup = createBatchCleanup({
      orders,
      batches,
      logger,
      graceMs: HOUR,
      action: 'delete',
      now: () => rig.clock.now,
      ...opts,
    });
    /** An entry of `cuor` started `age` ago; `batch` says what M3 holds for it. */
    async function entry(cuor: string, age: number, batch: 'open' | 'released' | 'intent' | 'gone') {
      const cmd = orderCommand(cuor, `${cuor}@example.com`, [['ITM000001', '1', '1']]);
      const line = cmd.lines[0];
      if (!line) throw new Error('no line');
      let tempOrno: string | null = null;
      if (batch !== 'intent') {
        tempOrno = await orders.addBatchHead(CUNO, cmd.head);
        await orders.addBatchLine(tempOrno, line, cmd.head, 1);
        if (batch === 'released') await orders.confirm(tempOrno);
        if (batch === 'gone') await orders.deleteBatch(tempOrno);
      }
      const e = { cuor, cuno: CUNO, tempOrno, startedAt: rig.clock.now - age, commandId: `cmd-${cuor}` };
      batches.remember(cuor, e);
      return { e, cmd, line };
    }
    return { orders, batches, logs, cleanup, entry };
  }
  const metaOf = (cuor: string) => ({
    correlationId: cuor,
    causationId: `cmd-${cuor}`,
    eventType: 'BatchOrderEntry',
    sourceSystem: 'M3',
  });

  it('deletes an entry exactly at the grace period, not one a millisecond younger, nor a busy one', async () => {
    const { cleanup, batches, entry } = setup({ busy: (cuor) => cuor === '000000703' });
    const due = await entry('000000701', HOUR, 'open');
    const young = await entry('000000702', HOUR - 1, 'open');
    const busy = await entry('000000703', 5 * HOUR, 'open');
    const since = miCalls(rig).length;
    expect(await cleanup.sweep()).toEqual({ deleted: ['000000701'], reported: [], released: [], gone: [], failed: [] });
    expect(miCalls(rig).slice(since)).toEqual([
      { tx: 'OIS100MI/GetOrderNo', fields: { ORNO: due.e.tempOrno } },
      { tx: 'OIS100MI/DelBatchHead', fields: { ORNO: due.e.tempOrno } },
    ]);
    expect(batches.writes).toEqual([{ op: 'delete', key: '000000701', meta: metaOf('000000701') }]);
    expect(rig.sim.state.batchOrders.has(due.e.tempOrno ?? '')).toBe(false);
    expect(batches.get('000000702')).toEqual(young.e);
    expect(batches.get('000000703')).toEqual(busy.e);
  });

  it('logs each deletion at warn with the CUOR, the temporary numbers and when the entry started', async () => {
    const { cleanup, logs, entry } = setup();
    const { e } = await entry('000000704', 2 * HOUR, 'open');
    await cleanup.sweep();
    expect(logs).toEqual([
      expect.objectContaining({
        level: 'warn',
        component: 'batch-cleanup',
        cuor: '000000704',
        tempOrnos: [e.tempOrno],
        startedAt: e.startedAt,
        msg: 'abandoned batch order deleted from M3',
      }),
    ]);
  });

  it('forgets an entry whose batch order was released, deleting nothing', async () => {
    const { cleanup, batches, logs, entry } = setup();
    const { e } = await entry('000000705', 2 * HOUR, 'released');
    const since = miCalls(rig).length;
    expect(await cleanup.sweep()).toEqual({ deleted: [], reported: [], released: ['000000705'], gone: [], failed: [] });
    expect(
      miCalls(rig)
        .slice(since)
        .map((c) => c.tx),
    ).toEqual(['OIS100MI/GetOrderNo']);
    expect(rig.sim.state.batchOrders.get(e.tempOrno ?? '')?.status).toBe('90');
    expect(batches.writes).toEqual([{ op: 'delete', key: '000000705', meta: metaOf('000000705') }]);
    expect(logs).toEqual([
      expect.objectContaining({
        level: 'warn',
        cuor: '000000705',
        tempOrno: e.tempOrno,
        msg: 'abandoned order entry: its batch order was released; forgotten',
      }),
    ]);
  });

  it('an intent without number: deletes the open heads of its CUOR found by LstBatchHead, not a released one', async () => {
    const { cleanup, batches, orders, entry } = setup();
    const { cmd, line } = await entry('000000706', 2 * HOUR, 'intent');
    const released = await orders.addBatchHead(CUNO, cmd.head);
    await orders.addBatchLine(released, line, cmd.head, 1);
    await orders.confirm(released);
    const lost1 = await orders.addBatchHead(CUNO, cmd.head);
    const lost2 = await orders.addBatchHead(CUNO, cmd.head);
    const since = miCalls(rig).length;
    expect((await cleanup.sweep()).deleted).toEqual(['000000706']);
    expect(miCalls(rig).slice(since)).toEqual([
      expect.objectContaining({ tx: 'OIS100MI/LstBatchHead', fields: { CUNO } }),
      { tx: 'OIS100MI/DelBatchHead', fields: { ORNO: lost1 } },
      { tx: 'OIS100MI/DelBatchHead', fields: { ORNO: lost2 } },
    ]);
    expect([...rig.sim.state.batchOrders.keys()]).toEqual([released]);
    expect(batches.size()).toBe(0);
  });

  it('an intent whose head never reached M3: nothing to delete, the entry is forgotten as released', async () => {
    const { cleanup, batches, entry } = setup();
    await entry('000000707', 2 * HOUR, 'intent');
    expect(await cleanup.sweep()).toEqual({ deleted: [], reported: [], released: ['000000707'], gone: [], failed: [] });
    expect(batches.size()).toBe(0);
  });

  it('action report: logs the open batch order on every sweep, deletes nothing and keeps the entry', async () => {
    const { cleanup, batches, logs, entry } = setup({ action: 'report' });
    const { e } = await entry('000000708', 2 * HOUR, 'open');
    const first = await cleanup.sweep();
    const second = await cleanup.sweep();
    expect(first).toEqual({ deleted: [], reported: ['000000708'], released: [], gone: [], failed: [] });
    expect(second).toEqual(first);
    expect(miCalls(rig).map((c) => c.tx)).not.toContain('OIS100MI/DelBatchHead');
    expect(rig.sim.state.batchOrders.get(e.tempOrno ?? '')?.status).toBe('10');
    expect(batches.get('000000708')).toEqual(e);
    expect(batches.writes).toEqual([]);
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatchObject({
      level: 'warn',
      cuor: '000000708',
      tempOrnos: [e.tempOrno],
      startedAt: e.startedAt,
      msg: 'abandoned batch order left in M3 (OIS275)',
    });
  });

  it('a failure is logged and reported, the entry kept, and the sweep goes on with the next entry', async () => {
    const { cleanup, batches, logs, entry } = setup();
    const locked = await entry('000000709', 3 * HOUR, 'intent');
    const next = await entry('000000710', 2 * HOUR, 'open');
    rig.sim.miFaults.set({ lockedRate: 1, transactions: ['OIS100MI/LstBatchHead'] });
    expect(await cleanup.sweep()).toEqual({
      deleted: ['000000710'],
      reported: [],
      released: [],
      gone: [],
      failed: ['000000709'],
    });
    expect(batches.get('000000709')).toEqual(locked.e);
    expect(rig.sim.state.batchOrders.has(next.e.tempOrno ?? '')).toBe(false);
    expect(logs[0]).toMatchObject({
      level: 'warn',
      cuor: '000000709',
      err: expect.objectContaining({ code: 'M3_NOK' }) as unknown,
      msg: 'batch order cleanup failed; tried again on the next sweep',
    });
    rig.sim.miFaults.clear();
    expect((await cleanup.sweep()).released).toEqual(['000000709']);
  });

  it.each(['delete', 'report'] as const)(
    'forgets an entry whose batch order was deleted in M3 by a person (%s), once, with a warning',
    async (action) => {
      const { cleanup, batches, entry, logs } = setup({ action });
      await entry('000000712', 2 * HOUR, 'gone');
      expect(await cleanup.sweep()).toEqual({
        deleted: [],
        reported: [],
        released: [],
        gone: ['000000712'],
        failed: [],
      });
      expect(batches.get('000000712')).toBeUndefined();
      expect(logs.at(-1)).toMatchObject({
        level: 'warn',
        cuor: '000000712',
        msg: expect.stringContaining('no longer has') as unknown,
      });
      expect(await cleanup.sweep()).toEqual({ deleted: [], reported: [], released: [], gone: [], failed: [] });
    },
  );

  it('with GetOrderNo failing, a batch order is taken as open: M3 refuses to delete a released one', async () => {
    const { cleanup, batches, entry } = setup();
    const { e } = await entry('000000711', 2 * HOUR, 'released');
    rig.sim.miFaults.set({ lockedRate: 1, transactions: ['OIS100MI/GetOrderNo'] });
    expect(await cleanup.sweep()).toEqual({ deleted: [], reported: [], released: [], gone: [], failed: ['000000711'] });
    expect(rig.sim.state.batchOrders.get(e.tempOrno ?? '')?.status).toBe('90');
    expect(batches.get('000000711')).toEqual(e);
  });
});
