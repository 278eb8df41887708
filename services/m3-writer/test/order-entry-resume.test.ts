// Order entry on the M3 simulator, seen from M3: the MI transactions a new, a resumed and an adopted batch
// order get (and which they must not get), and what the batch-orders table is told on the way.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchOrderEntry } from '@m3mage/schemas/types';
import { createOrderClient } from '../src/clients/order.client';
import { createOrderEntry } from '../src/handlers/order-entry';
import { orderCommand } from './support/commands';
import { m3Rig, type M3Rig } from './support/m3';
import { miCalls, miTransactions, recordingTable } from './support/observe';

const CUNO = 'C000001';

describe('order entry: the MI calls of a new and of a resumed batch order', () => {
  let rig: M3Rig;
  beforeEach(async () => {
    rig = await m3Rig();
  });
  afterEach(() => rig.close());

  function entryOn(batches = recordingTable<BatchOrderEntry>(), now = () => 1_000) {
    const orders = createOrderClient(rig.mi, 100);
    return { orders, batches, entry: createOrderEntry({ orders, batches, now }) };
  }

  it('a new order: head, one line per order line numbered by CUPO, the address, Confirm, and no reads', async () => {
    let clock = 5_000;
    const { entry, batches } = entryOn(undefined, () => (clock += 1_000));
    const cmd = orderCommand('000000701', 'new@example.com', [
      ['ITM000001', '2', '9'],
      ['ITM000002', '3', '4'],
    ]);
    cmd.meta.correlationId = 'corr-701';
    const orno = await entry.enter(cmd, CUNO);

    const calls = miCalls(rig);
    expect(calls.map((c) => c.tx)).toEqual([
      'OIS100MI/AddBatchHead',
      'OIS100MI/AddBatchLine',
      'OIS100MI/AddBatchLine',
      'OIS100MI/AddBatchAddress',
      'OIS100MI/Confirm',
    ]);
    const temp = calls[1]?.fields['ORNO'] ?? '';
    expect(calls[0]?.fields).toMatchObject({ CUNO, CUOR: '000000701', WHLO: '100', CUCD: 'EUR' });
    expect(
      calls.slice(1, 3).map((c) => [c.fields['ORNO'], c.fields['CUPO'], c.fields['ITNO'], c.fields['ORQT']]),
    ).toEqual([
      [temp, '1', 'ITM000001', '2'],
      [temp, '2', 'ITM000002', '3'],
    ]);
    expect(calls[3]?.fields).toMatchObject({ ORNO: temp, ADRT: '1', TOWN: 'Göteborg', PONO: '41103' });
    expect(calls[4]?.fields).toEqual({ ORNO: temp });

    const batch = rig.sim.state.batchOrders.get(temp);
    expect(batch?.status).toBe('90');
    expect(orno).toBe(batch?.orno);
    expect(orno).not.toBe(temp);

    // the intent is written before AddBatchHead, the temporary number right after it; both started at once
    const meta = {
      correlationId: 'corr-701',
      causationId: 'cmd-000000701',
      eventType: 'BatchOrderEntry',
      sourceSystem: 'M3',
    };
    const base = { cuor: '000000701', cuno: CUNO, startedAt: 6_000, commandId: 'cmd-000000701' };
    expect(batches.writes).toEqual([
      { op: 'set', key: '000000701', value: { ...base, tempOrno: null }, meta },
      { op: 'set', key: '000000701', value: { ...base, tempOrno: temp }, meta },
    ]);
  });

  it('sends no AddBatchAddress for an order without a ship-to address', async () => {
    const { entry } = entryOn();
    const cmd = orderCommand('000000702', 'noship@example.com', [['ITM000001', '1', '1']]);
    cmd.shipTo = null;
    const orno = await entry.enter(cmd, CUNO);
    expect(miTransactions(rig)).toEqual(['OIS100MI/AddBatchHead', 'OIS100MI/AddBatchLine', 'OIS100MI/Confirm']);
    expect(rig.sim.state.orders.get(orno)?.addresses).toEqual([]);
  });

  it('resumes the batch order its entry names: no new head, no search, only the lines not on it yet', async () => {
    const { entry, orders, batches } = entryOn();
    const cmd = orderCommand('000000703', 'resume@example.com', [
      ['ITM000001', '1', '1'],
      ['ITM000002', '2', '2'],
    ]);
    const temp = await orders.addBatchHead(CUNO, cmd.head);
    const [first] = cmd.lines;
    if (!first) throw new Error('no line');
    await orders.addBatchLine(temp, first, cmd.head, 1);
    const entered = { cuor: '000000703', cuno: CUNO, tempOrno: temp, startedAt: 42, commandId: 'cmd-000000703' };
    batches.remember('000000703', entered);
    const since = miCalls(rig).length;

    const orno = await entry.enter(cmd, CUNO);
    const calls = miCalls(rig).slice(since);
    expect(calls.map((c) => c.tx)).toEqual([
      'OIS100MI/LstBatchLine',
      'OIS100MI/AddBatchLine',
      'OIS100MI/AddBatchAddress',
      'OIS100MI/Confirm',
    ]);
    expect(calls[1]?.fields).toMatchObject({ ORNO: temp, CUPO: '2', ITNO: 'ITM000002' });
    expect(rig.sim.state.orders.get(orno)?.lines.map((l) => [l.ITNO, l.ORQT])).toEqual([
      ['ITM000001', 1],
      ['ITM000002', 2],
    ]);
    expect(batches.writes).toEqual([]);
    expect(batches.get('000000703')).toEqual(entered);
  });

  it('adopts the oldest open head of an intent without number, deletes the other open ones, never a released one', async () => {
    const { entry, orders, batches } = entryOn();
    const cmd = orderCommand('000000704', 'adopt@example.com', [
      ['ITM000001', '1', '1'],
      ['ITM000002', '1', '1'],
    ]);
    const [first] = cmd.lines;
    if (!first) throw new Error('no line');
    // an earlier order of this CUOR, released (entered by hand), then two heads whose answers were lost
    const released = await orders.addBatchHead(CUNO, cmd.head);
    await orders.addBatchLine(released, first, cmd.head, 1);
    const earlierOrno = await orders.confirm(released);
    const adopted = await orders.addBatchHead(CUNO, cmd.head);
    await orders.addBatchLine(adopted, first, cmd.head, 1);
    const extra = await orders.addBatchHead(CUNO, cmd.head);
    batches.remember('000000704', {
      cuor: '000000704',
      cuno: CUNO,
      tempOrno: null,
      startedAt: 42,
      commandId: 'cmd-000000704',
    });
    const since = miCalls(rig).length;

    const orno = await entry.enter(cmd, CUNO);
    const calls = miCalls(rig).slice(since);
    expect(calls.map((c) => [c.tx, c.fields['ORNO'] ?? c.fields['CUNO']])).toEqual([
      ['OIS100MI/LstBatchHead', CUNO],
      ['OIS100MI/DelBatchHead', extra],
      ['OIS100MI/LstBatchLine', adopted],
      ['OIS100MI/AddBatchLine', adopted],
      ['OIS100MI/AddBatchAddress', adopted],
      ['OIS100MI/Confirm', adopted],
    ]);
    expect(calls[3]?.fields['CUPO']).toBe('2');
    expect(orno).toBe(rig.sim.state.batchOrders.get(adopted)?.orno);
    expect(rig.sim.state.orders.get(orno)?.lines.map((l) => l.ITNO)).toEqual(['ITM000001', 'ITM000002']);
    expect(rig.sim.state.batchOrders.has(extra)).toBe(false);
    expect(rig.sim.state.batchOrders.get(released)?.orno).toBe(earlierOrno);
    // the adopted number is kept, and so is the time the entry started
    expect(batches.writes.map((w) => (w.op === 'set' ? w.value : undefined))).toEqual([
      { cuor: '000000704', cuno: CUNO, tempOrno: adopted, startedAt: 42, commandId: 'cmd-000000704' },
    ]);
  });

  it('keeps the batch order and its entry when a line is locked: nothing is deleted, the next attempt resumes', async () => {
    const { entry, batches } = entryOn();
    const cmd = orderCommand('000000705', 'locked@example.com', [['ITM000001', '1', '1']]);
    rig.sim.miFaults.set({ lockedRate: 1, transactions: ['OIS100MI/AddBatchLine'] });
    const err = await entry.enter(cmd, CUNO).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'M3_NOK', retriable: true, details: { m3Category: 'locked' } });
    expect(miTransactions(rig)).toEqual(['OIS100MI/AddBatchHead', 'OIS100MI/AddBatchLine']);
    const temp = batches.get('000000705')?.tempOrno ?? '';
    expect(rig.sim.state.batchOrders.get(temp)?.status).toBe('10');

    rig.sim.miFaults.clear();
    const since = miCalls(rig).length;
    const orno = await entry.enter(cmd, CUNO);
    expect(miTransactions(rig, since)).toEqual([
      'OIS100MI/LstBatchLine',
      'OIS100MI/AddBatchLine',
      'OIS100MI/AddBatchAddress',
      'OIS100MI/Confirm',
    ]);
    expect(rig.sim.state.batchOrders.get(temp)?.orno).toBe(orno);
  });
});
