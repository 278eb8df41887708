// One m3-writer "process" on the M3 simulator: its own memory (xref caches, in-flight state), the same M3.
import { createCustomerClient } from '../../src/clients/customer.client';
import { createOrderClient } from '../../src/clients/order.client';
import { customerOrderHandler } from '../../src/handlers/customer-order.handler';
import { createCustomerResolver } from '../../src/handlers/customer-resolver';
import type { CustomerXref, OrderXref } from '@m3mage/schemas/types';
import { memoryTable } from './commands';
import type { M3Rig } from './m3';

export interface WriterProcessOptions {
  lookupMaxrecs?: number;
  publishOrder?: (x: OrderXref) => Promise<void>;
  publishCustomer?: (x: CustomerXref) => Promise<void>;
}

export function writerProcess(rig: M3Rig, o: WriterProcessOptions = {}) {
  const maxrecs = o.lookupMaxrecs ?? 100;
  const published: OrderXref[] = [];
  const customers = createCustomerResolver({
    customers: createCustomerClient({ mi: rig.mi, defaultTemplate: 'TEMPLATE', lookupMaxrecs: maxrecs }),
    xref: memoryTable<CustomerXref>(),
    publish: o.publishCustomer ?? (async () => undefined),
  });
  const handler = customerOrderHandler({
    customers,
    orders: createOrderClient(rig.mi, { orderType: 'A01', warehouse: '100' }, maxrecs),
    xref: memoryTable<OrderXref>(),
    publish: o.publishOrder ?? (async (x) => void published.push(x)),
  });
  return { handler, customers, published };
}

/** A publish that fails once (a Kafka produce timeout), then records what it is given. */
export function failingOnce<T>(): { publish: (x: T) => Promise<void>; published: T[] } {
  let failNext = true;
  const published: T[] = [];
  return {
    published,
    publish: async (x) => {
      if (failNext) {
        failNext = false;
        throw new Error('KAFKA_PRODUCE_FAILED');
      }
      published.push(x);
    },
  };
}
