import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
