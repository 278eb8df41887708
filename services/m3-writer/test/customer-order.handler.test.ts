import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreateCustomerOrder } from '@m3mage/schemas/types';
import { inbound, orderCommand } from './support/commands';
import { m3Rig, type M3Rig } from './support/m3';
import { writerProcess } from './support/writer-process';

const ordersWithCuor = (rig: M3Rig, cuor: string) =>
  [...rig.sim.state.orders.values()].filter((o) => o.head['CUOR'] === cuor);

describe('customer order handler on the M3 simulator', () => {
  let rig: M3Rig;
  beforeEach(async () => {
    rig = await m3Rig();
  });
  afterEach(() => rig.close());

  it('creates the customer and a confirmed order with lines, prices and ship-to address', async () => {
    const p = writerProcess(rig);
    const cmd = orderCommand('000000101', 'Zoe.O@Example.com', [
      ['ITM000001', '2', '19.90'],
      ['ITM000002', '1', '5.00'],
    ]);
    expect(await p.handler(inbound(cmd, cmd.incrementId))).toEqual({ outcome: 'ack' });
    const [order] = ordersWithCuor(rig, '000000101');
    const cust = rig.sim.state.customers.get(order?.head['CUNO'] ?? '');
    expect(cust?.rec['MAIL']).toBe('Zoe.O@Example.com');
    expect(cust?.rec['CUNM']).toBe('Zoë Østergaard-Çelik');
    expect(order?.lines.map((l) => [l.ITNO, l.ORQT, l.SAPR])).toEqual([
      ['ITM000001', 2, 19.9],
      ['ITM000002', 1, 5],
    ]);
    expect(order?.addresses).toEqual([
      expect.objectContaining({ ADRT: '1', CUA1: 'Leveransvägen 3', TOWN: 'Göteborg' }),
    ]);
    expect(p.published).toEqual([expect.objectContaining({ incrementId: '000000101', orno: order?.ORNO })]);
  });

  it('creates one order when a crash hits between Confirm and the offset commit (redelivery to a new process)', async () => {
    const cmd = orderCommand('000000102', 'crash@example.com', [['ITM000003', '1', '10']]);
    const first = writerProcess(rig);
    await first.handler(inbound(cmd, cmd.incrementId));
    // the process dies before committing and before any xref reached Kafka; a new one gets the command again
    const second = writerProcess(rig);
    expect(await second.handler(inbound(cmd, cmd.incrementId, 1))).toEqual({ outcome: 'ack' });
    expect(ordersWithCuor(rig, '000000102')).toHaveLength(1);
    expect(second.published[0]?.orno).toBe(first.published[0]?.orno);
    const mails = [...rig.sim.state.customers.values()].filter((c) => c.rec['MAIL'] === 'crash@example.com');
    expect(mails).toHaveLength(1);
  });

  it('creates a new customer once when several of its orders run at the same time', async () => {
    const p = writerProcess(rig);
    const cmds = ['201', '202', '203', '204'].map((n) =>
      orderCommand(`000000${n}`, 'same@example.com', [['ITM000004', '1', '1']]),
    );
    await Promise.all(cmds.map((c) => p.handler(inbound(c, c.incrementId))));
    const mails = [...rig.sim.state.customers.values()].filter((c) => c.rec['MAIL'] === 'same@example.com');
    expect(mails).toHaveLength(1);
    for (const c of cmds) expect(ordersWithCuor(rig, c.incrementId)).toHaveLength(1);
  });

  it('confirms the same batch order again when the Confirm answer was lost', async () => {
    const p = writerProcess(rig);
    const cmd = orderCommand('000000301', 'lost@example.com', [['ITM000005', '3', '7.5']]);
    const { http } = rig;
    let failConfirm = true;
    const original = http.request.bind(http);
    http.request = async (req) => {
      if (failConfirm && req.operation === 'OIS100MI/Confirm') {
        failConfirm = false;
        const { AppError } = await import('@m3mage/runtime');
        throw new AppError('HTTP_TIMEOUT', 'timeout (test)');
      }
      return original(req);
    };
    await expect(p.handler(inbound(cmd, cmd.incrementId))).rejects.toMatchObject({ code: 'HTTP_TIMEOUT' });
    await p.handler(inbound(cmd, cmd.incrementId, 2));
    expect(ordersWithCuor(rig, '000000301')).toHaveLength(1);
    const batches = [...rig.sim.state.batchOrders.values()].filter((b) => b.head['CUOR'] === '000000301');
    expect(batches).toHaveLength(1);
  });
});

describe('customer order handler: what it acknowledges without M3, and what it resumes in place', () => {
  let rig: M3Rig;
  beforeEach(async () => {
    rig = await m3Rig();
  });
  afterEach(() => rig.close());
  const m3Calls = () => rig.sim.recorder.list().filter((c) => c.path.includes('/execute/')).length;

  it('acknowledges a tombstone and refuses an order without lines, without calling M3', async () => {
    const p = writerProcess(rig);
    expect(await p.handler(inbound<CreateCustomerOrder | null>(null, '000000111'))).toEqual({ outcome: 'ack' });
    const empty = orderCommand('000000112', 'empty@example.com', []);
    const err = await p.handler(inbound(empty, empty.incrementId)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'MAPPING_UNMAPPABLE', retriable: false });
    expect((err as Error).message).toBe('Order 000000112 has no lines: nothing to create in M3');
    expect(m3Calls()).toBe(0);
    expect(p.published).toEqual([]);
  });

  it('acknowledges a redelivery to the same process from its xref cache: no M3 call, no second xref', async () => {
    const p = writerProcess(rig);
    const cmd = orderCommand('000000113', 'cached@example.com', [['ITM000001', '1', '1']]);
    await p.handler(inbound(cmd, cmd.incrementId));
    const calls = m3Calls();
    expect(await p.handler(inbound(cmd, cmd.incrementId, 2))).toEqual({ outcome: 'ack' });
    expect(m3Calls()).toBe(calls);
    expect(p.published).toHaveLength(1);
  });

  it('does not resume a refusal in place: an unknown warehouse fails at once, without a wait', async () => {
    const waits: number[] = [];
    const p = writerProcess(rig, {
      resumeRetries: 3,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    const cmd = orderCommand('000000114', 'nowait@example.com', [['ITM000001', '1', '1']]);
    cmd.head.whlo = 'ZZZ';
    await expect(p.handler(inbound(cmd, cmd.incrementId))).rejects.toMatchObject({ code: 'M3_NOK', retriable: false });
    expect(waits).toEqual([]);
  });

  it('waits out a lock with the jittered backoff of its resume policy', async () => {
    const waits: number[] = [];
    rig.sim.miFaults.set({ lockedRate: 1, transactions: ['OIS100MI/AddBatchLine'] });
    const p = writerProcess(rig, {
      resume: { retries: 3, baseDelayMs: 100, maxDelayMs: 1_000, budgetMs: 10_000 },
      random: () => 0.5,
      sleep: (ms) => {
        waits.push(ms);
        if (waits.length === 2) rig.sim.miFaults.clear();
        return Promise.resolve();
      },
    });
    const cmd = orderCommand('000000115', 'jitter@example.com', [['ITM000001', '1', '1']]);
    expect(await p.handler(inbound(cmd, cmd.incrementId))).toEqual({ outcome: 'ack' });
    expect(waits).toEqual([50, 100]); // half of 100, then of 200
    expect(ordersWithCuor(rig, '000000115')).toHaveLength(1);
  });
});
