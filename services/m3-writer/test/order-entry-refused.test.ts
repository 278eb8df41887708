// A batch order M3 will not release (Confirm leaves it in status 15): the error names what M3 keeps on it
// (LstErrMsgOrder), the batch order is deleted, and its entry forgotten.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@m3mage/runtime';
import type { BatchOrderEntry } from '@m3mage/schemas/types';
import { createOrderClient } from '../src/clients/order.client';
import { createOrderEntry } from '../src/handlers/order-entry';
import { orderCommand } from './support/commands';
import { m3Rig, type M3Rig } from './support/m3';
import { miCalls, miTransactions, recordingTable } from './support/observe';

const CUNO = 'C000001';

describe('order entry: Confirm in status 15', () => {
  let rig: M3Rig;
  beforeEach(async () => {
    rig = await m3Rig();
  });
  afterEach(() => rig.close());

  function setup() {
    const orders = createOrderClient(rig.mi, 100);
    const batches = recordingTable<BatchOrderEntry>();
    return { batches, entry: createOrderEntry({ orders, batches, now: () => 1_000 }) };
  }

  it('names every error M3 keeps on the batch order, then deletes it and forgets the entry', async () => {
    const { entry, batches } = setup();
    rig.sim.miFaults.set({ confirmErrorItems: ['ITM000007', 'ITM000008'] });
    const cmd = orderCommand('000000901', 'refused@example.com', [
      ['ITM000007', '1', '1'],
      ['ITM000008', '1', '1'],
    ]);
    const err = await entry.enter(cmd, CUNO).catch((e: unknown) => e);
    const temp = miCalls(rig).find((c) => c.tx === 'OIS100MI/Confirm')?.fields['ORNO'] ?? '';

    expect(err).toBeInstanceOf(AppError);
    const refused = err as AppError;
    expect(refused.code).toBe('M3_BATCH_ORDER_REFUSED');
    expect(refused.retriable).toBe(false);
    const m3Errors = [
      'XIT0001 ITNO: Item ITM000007 is blocked for sale',
      'XIT0001 ITNO: Item ITM000008 is blocked for sale',
    ];
    expect(refused.details).toMatchObject({ operation: 'OIS100MI/Confirm', tempOrno: temp, stat: '15', m3Errors });
    expect(refused.message).toContain(`M3 said: ${m3Errors.join('; ')} — batch order ${temp} was deleted`);
    expect(refused.message).toMatch(/^OIS100MI\/Confirm left batch order \d+ in status 15/);
    expect(refused.cause).toMatchObject({ code: 'M3_BATCH_ORDER_REFUSED', details: { stat: '15' } });

    expect(miTransactions(rig).slice(-3)).toEqual([
      'OIS100MI/Confirm',
      'OIS100MI/LstErrMsgOrder',
      'OIS100MI/DelBatchHead',
    ]);
    expect(miCalls(rig).at(-1)?.fields).toEqual({ ORNO: temp });
    expect(rig.sim.state.batchOrders.size).toBe(0);
    expect(batches.writes.at(-1)).toMatchObject({ op: 'delete', key: '000000901' });
    expect(batches.size()).toBe(0);
  });

  it('says the errors could not be read when LstErrMsgOrder fails, and still deletes the batch order', async () => {
    const { entry, batches } = setup();
    rig.sim.miFaults.set({
      confirmErrorItems: ['ITM000007'],
      lockedRate: 1,
      transactions: ['OIS100MI/LstErrMsgOrder'],
    });
    const cmd = orderCommand('000000902', 'unread@example.com', [['ITM000007', '1', '1']]);
    const err = await entry.enter(cmd, CUNO).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'M3_BATCH_ORDER_REFUSED',
      details: { stat: '15', m3Errors: ['(errors could not be read)'] },
    });
    expect((err as Error).message).toContain('M3 said: (errors could not be read) — batch order');
    expect(rig.sim.state.batchOrders.size).toBe(0);
    expect(batches.size()).toBe(0);
  });

  it('leaves an order of other items alone: only the refused CUOR is touched', async () => {
    const { entry } = setup();
    const ok = orderCommand('000000903', 'fine@example.com', [['ITM000001', '1', '1']]);
    const orno = await entry.enter(ok, CUNO);
    rig.sim.miFaults.set({ confirmErrorItems: ['ITM000007'] });
    const bad = orderCommand('000000904', 'fine@example.com', [['ITM000007', '1', '1']]);
    await expect(entry.enter(bad, CUNO)).rejects.toMatchObject({ code: 'M3_BATCH_ORDER_REFUSED' });
    expect(rig.sim.state.orders.get(orno)?.head['CUOR']).toBe('000000903');
    expect([...rig.sim.state.batchOrders.values()].map((b) => [b.head['CUOR'], b.status])).toEqual([
      ['000000903', '90'],
    ]);
  });
});
