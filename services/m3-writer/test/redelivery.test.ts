import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCustomerClient } from '../src/clients/customer.client';
import { createOrderClient } from '../src/clients/order.client';
import { customerOrderHandler } from '../src/handlers/customer-order.handler';
import { createCustomerResolver } from '../src/handlers/customer-resolver';
import type { CustomerXref, OrderXref } from '@m3mage/schemas/types';
import { inbound, memoryTable, orderCommand } from './support/commands';
import { m3Rig, type M3Rig } from './support/m3';

describe('redeliveries after partial failures', () => {
  let rig: M3Rig;
  beforeEach(async () => {
    rig = await m3Rig();
  });
  afterEach(() => rig.close());

  it('publishes xref.order again when the first publish failed', async () => {
    const published: OrderXref[] = [];
    let failNext = true;
    const customers = createCustomerResolver({
      customers: createCustomerClient({ mi: rig.mi, defaultTemplate: 'TEMPLATE', lookupMaxrecs: 100 }),
      xref: memoryTable<CustomerXref>(),
      publish: async () => undefined,
    });
    const handler = customerOrderHandler({
      customers,
      orders: createOrderClient(rig.mi, { orderType: 'A01', warehouse: '100' }, 100),
      xref: memoryTable<OrderXref>(),
      publish: async (x) => {
        if (failNext) {
          failNext = false;
          throw new Error('KAFKA_PRODUCE_FAILED');
        }
        published.push(x);
      },
    });
    const cmd = orderCommand('000000901', 'r1@example.com', [['ITM000001', '1', '1']]);
    await expect(handler(inbound(cmd, cmd.incrementId))).rejects.toThrow();
    // the retry tier delivers it again to the same process
    expect(await handler(inbound(cmd, cmd.incrementId, 2))).toEqual({ outcome: 'ack' });
    expect(published).toHaveLength(1);
  });

  it('publishes xref.customer again when the first publish failed', async () => {
    const published: CustomerXref[] = [];
    let failNext = true;
    const customers = createCustomerResolver({
      customers: createCustomerClient({ mi: rig.mi, defaultTemplate: 'TEMPLATE', lookupMaxrecs: 100 }),
      xref: memoryTable<CustomerXref>(),
      publish: async (x) => {
        if (failNext) {
          failNext = false;
          throw new Error('KAFKA_PRODUCE_FAILED');
        }
        published.push(x);
      },
    });
    const cmd = orderCommand('000000902', 'r1b@example.com', [['ITM000001', '1', '1']]);
    await expect(customers.resolve(cmd.customer, cmd.meta)).rejects.toThrow();
    await customers.resolve(cmd.customer, cmd.meta);
    expect(published).toHaveLength(1);
  });

  it('finds the order by CUOR on redelivery though the customer has more orders than one lookup page', async () => {
    const maxrecs = 3;
    const mk = () => {
      const customers = createCustomerResolver({
        customers: createCustomerClient({ mi: rig.mi, defaultTemplate: 'TEMPLATE', lookupMaxrecs: maxrecs }),
        xref: memoryTable<CustomerXref>(),
        publish: async () => undefined,
      });
      return customerOrderHandler({
        customers,
        orders: createOrderClient(rig.mi, { orderType: 'A01', warehouse: '100' }, maxrecs),
        xref: memoryTable<OrderXref>(),
        publish: async () => undefined,
      });
    };
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
