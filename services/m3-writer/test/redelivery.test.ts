import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerXref, OrderXref } from '@m3mage/schemas/types';
import { inbound, orderCommand } from './support/commands';
import { m3Rig, type M3Rig } from './support/m3';
import { failingOnce, writerProcess } from './support/writer-process';

describe('redeliveries after partial failures', () => {
  let rig: M3Rig;
  beforeEach(async () => {
    rig = await m3Rig();
  });
  afterEach(() => rig.close());

  it('publishes xref.order again when the first publish failed', async () => {
    const { publish, published } = failingOnce<OrderXref>();
    const { handler } = writerProcess(rig, { publishOrder: publish });
    const cmd = orderCommand('000000901', 'r1@example.com', [['ITM000001', '1', '1']]);
    await expect(handler(inbound(cmd, cmd.incrementId))).rejects.toThrow();
    // the retry tier delivers it again to the same process
    expect(await handler(inbound(cmd, cmd.incrementId, 2))).toEqual({ outcome: 'ack' });
    expect(published).toHaveLength(1);
  });

  it('publishes xref.customer again when the first publish failed', async () => {
    const { publish, published } = failingOnce<CustomerXref>();
    const { customers } = writerProcess(rig, { publishCustomer: publish });
    const cmd = orderCommand('000000902', 'r1b@example.com', [['ITM000001', '1', '1']]);
    await expect(customers.resolve(cmd.customer, cmd.meta)).rejects.toThrow();
    await customers.resolve(cmd.customer, cmd.meta);
    expect(published).toHaveLength(1);
  });

  it('finds the order by CUOR on redelivery though the customer has more orders than one lookup page', async () => {
    const mk = () => writerProcess(rig, { lookupMaxrecs: 3 }).handler;
    const first = mk();
    for (const n of ['1', '2', '3']) {
      const c = orderCommand(`00000093${n}`, 'loyal@example.com', [['ITM000001', '1', '1']]);
      await first(inbound(c, c.incrementId));
    }
    const cmd = orderCommand('000000939', 'loyal@example.com', [['ITM000001', '1', '1']]);
    await first(inbound(cmd, cmd.incrementId));
    // crash before commit; a new process gets the same command
    const second = mk();
    await second(inbound(cmd, cmd.incrementId, 1));
    const n = [...rig.sim.state.orders.values()].filter((o) => o.head['CUOR'] === '000000939').length;
    expect(n).toBe(1);
  });
});
