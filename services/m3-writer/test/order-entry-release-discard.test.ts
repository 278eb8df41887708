// The order entry's two questions about a batch order in progress, on the M3 simulator: was it released
// already (a Confirm whose answer was lost: GetOrderNo), and discarding it (an order that exists already).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchOrderEntry } from '@m3mage/schemas/types';
import { createOrderClient } from '../src/clients/order.client';
import { createOrderEntry } from '../src/handlers/order-entry';
import { orderCommand } from './support/commands';
import { m3Rig, type M3Rig } from './support/m3';
import { miCalls, recordingTable } from './support/observe';

const CUNO = 'C000001';

describe('order entry: released before, and discarding a batch order in progress', () => {
  let rig: M3Rig;
  beforeEach(async () => {
    rig = await m3Rig();
  });
  afterEach(() => rig.close());

  function setup(cuor: string) {
    const orders = createOrderClient(rig.mi, 100);
    const batches = recordingTable<BatchOrderEntry>();
    const entry = createOrderEntry({ orders, batches, now: () => 1_000 });
    const cmd = orderCommand(cuor, `${cuor}@example.com`, [['ITM000001', '1', '1']]);
    const line = cmd.lines[0];
    if (!line) throw new Error('no line');
    /** A batch order of `cmd` in M3 (with its line), named by the entry. */
    const inProgress = async (tempOrno?: string) => {
      const temp = tempOrno ?? (await orders.addBatchHead(CUNO, cmd.head));
      if (!tempOrno) await orders.addBatchLine(temp, line, cmd.head, 1);
      const e = { cuor, cuno: CUNO, tempOrno: temp, startedAt: 42, commandId: `cmd-${cuor}` };
      batches.remember(cuor, e);
      return e;
    };
    return { orders, batches, entry, cmd, line, inProgress };
  }
  const metaOf = (cuor: string) => ({
    correlationId: cuor,
    causationId: `cmd-${cuor}`,
    eventType: 'BatchOrderEntry',
    sourceSystem: 'M3',
  });

  it('answers the real ORNO of a batch order whose Confirm answer was lost', async () => {
    const { entry, batches, cmd } = setup('000000801');
    rig.sim.miFaults.set({ lostAnswerRate: 1, transactions: ['OIS100MI/Confirm'] });
    await expect(entry.enter(cmd, CUNO)).rejects.toMatchObject({ code: 'HTTP_5XX' });
    rig.sim.miFaults.clear();
    const temp = batches.get('000000801')?.tempOrno ?? '';
    const real = rig.sim.state.batchOrders.get(temp)?.orno;
    expect(real).toMatch(/^\d+$/);
    const since = miCalls(rig).length;
    expect(await entry.releasedBefore('000000801')).toBe(real);
    expect(miCalls(rig).slice(since)).toEqual([{ tx: 'OIS100MI/GetOrderNo', fields: { ORNO: temp } }]);
  });

  it('answers undefined without asking M3 when there is no entry or only an intent', async () => {
    const { entry, batches } = setup('000000802');
    expect(await entry.releasedBefore('000000802')).toBeUndefined();
    batches.remember('000000802', { cuor: '000000802', cuno: CUNO, tempOrno: null, startedAt: 1, commandId: 'c' });
    expect(await entry.releasedBefore('000000802')).toBeUndefined();
    expect(miCalls(rig)).toEqual([]);
  });

  it('answers undefined for a batch order not released yet, and leaves its entry as it is', async () => {
    const { entry, batches, inProgress } = setup('000000803');
    const e = await inProgress();
    expect(await entry.releasedBefore('000000803')).toBeUndefined();
    expect(batches.get('000000803')).toEqual(e);
    expect(batches.writes).toEqual([]);
  });

  it('starts the entry afresh when its batch order is gone from M3 (deleted by hand)', async () => {
    const { entry, batches, inProgress } = setup('000000804');
    const e = await inProgress();
    await rig.mi.execute('OIS100MI', 'DelBatchHead', { ORNO: e.tempOrno });
    expect(await entry.releasedBefore('000000804')).toBeUndefined();
    const restart = { ...e, tempOrno: null };
    expect(batches.writes).toEqual([{ op: 'set', key: '000000804', value: restart, meta: metaOf('000000804') }]);
    expect(batches.get('000000804')).toEqual(restart);
  });

  it('throws when M3 cannot say, and keeps the entry', async () => {
    const { entry, batches, inProgress } = setup('000000805');
    const e = await inProgress();
    rig.sim.faults.setProfile({ errorRate: 1 });
    await expect(entry.releasedBefore('000000805')).rejects.toMatchObject({ code: 'HTTP_5XX' });
    rig.sim.faults.setProfile({});
    expect(batches.get('000000805')).toEqual(e);
    expect(batches.writes).toEqual([]);
  });

  it('discard: deletes the batch order its entry names and forgets the entry', async () => {
    const { entry, batches, inProgress } = setup('000000806');
    const e = await inProgress();
    const since = miCalls(rig).length;
    await entry.discard('000000806');
    expect(miCalls(rig).slice(since)).toEqual([{ tx: 'OIS100MI/DelBatchHead', fields: { ORNO: e.tempOrno } }]);
    expect(rig.sim.state.batchOrders.has(e.tempOrno)).toBe(false);
    expect(batches.writes).toEqual([{ op: 'delete', key: '000000806', meta: metaOf('000000806') }]);
    expect(batches.size()).toBe(0);
  });

  it('discard: forgets an entry whose batch order is gone from M3 already', async () => {
    const { entry, batches, inProgress } = setup('000000807');
    const e = await inProgress();
    await rig.mi.execute('OIS100MI', 'DelBatchHead', { ORNO: e.tempOrno });
    await entry.discard('000000807');
    expect(batches.size()).toBe(0);
  });

  it('discard: throws and keeps the entry and the batch order when M3 is unwell', async () => {
    const { entry, batches, inProgress } = setup('000000808');
    const e = await inProgress();
    rig.sim.faults.setProfile({ errorRate: 1 });
    await expect(entry.discard('000000808')).rejects.toMatchObject({ code: 'HTTP_5XX' });
    rig.sim.faults.setProfile({});
    expect(rig.sim.state.batchOrders.get(e.tempOrno)?.status).toBe('10');
    expect(batches.get('000000808')).toEqual(e);
  });

  it('discard: a locked batch order (NOK on ORNO, category locked) is not taken as gone — entry and batch kept', async () => {
    const { entry, batches, inProgress } = setup('000000815');
    const e = await inProgress();
    rig.sim.miFaults.set({ lockedRate: 1, transactions: ['OIS100MI/DelBatchHead'] });
    await expect(entry.discard('000000815')).rejects.toMatchObject({ code: 'M3_NOK' });
    rig.sim.miFaults.clear();
    expect(rig.sim.state.batchOrders.get(e.tempOrno)?.status).toBe('10');
    expect(batches.get('000000815')).toEqual(e);
  });

  it('discard: nothing to do, and nothing asked of M3, without an entry', async () => {
    const { entry, batches } = setup('000000809');
    await entry.discard('000000809');
    expect(miCalls(rig)).toEqual([]);
    expect(batches.writes).toEqual([]);
  });

  it('discard of an intent without number: deletes the open heads of the CUOR, not a released one', async () => {
    const { entry, batches, orders, cmd, line } = setup('000000810');
    const released = await orders.addBatchHead(CUNO, cmd.head);
    await orders.addBatchLine(released, line, cmd.head, 1);
    const real = await orders.confirm(released);
    const lost1 = await orders.addBatchHead(CUNO, cmd.head);
    const lost2 = await orders.addBatchHead(CUNO, cmd.head);
    batches.remember('000000810', {
      cuor: '000000810',
      cuno: CUNO,
      tempOrno: null,
      startedAt: 42,
      commandId: 'cmd-000000810',
    });
    const since = miCalls(rig).length;
    await entry.discard('000000810');
    expect(miCalls(rig).slice(since)).toEqual([
      expect.objectContaining({ tx: 'OIS100MI/LstBatchHead', fields: { CUNO } }),
      { tx: 'OIS100MI/DelBatchHead', fields: { ORNO: lost1 } },
      { tx: 'OIS100MI/DelBatchHead', fields: { ORNO: lost2 } },
    ]);
    expect(rig.sim.state.batchOrders.get(released)?.orno).toBe(real);
    expect([...rig.sim.state.batchOrders.keys()]).toEqual([released]);
    expect(batches.writes).toEqual([{ op: 'delete', key: '000000810', meta: metaOf('000000810') }]);
  });
});
