// One m3-writer "process" on the M3 simulator: its own memory (xref caches, in-flight state), the same M3.
import { createCustomerClient } from '../../src/clients/customer.client';
import { createOrderClient } from '../../src/clients/order.client';
import { customerOrderHandler } from '../../src/handlers/customer-order.handler';
import { createCustomerResolver } from '../../src/handlers/customer-resolver';
import type { BatchOrderEntry, CustomerXref, OrderXref } from '@m3mage/schemas/types';
import type { CompactedTable } from '@m3mage/runtime';
import { memoryTable } from './commands';
import type { M3Rig } from './m3';

export interface WriterProcessOptions {
  lookupMaxrecs?: number;
  publishOrder?: (x: OrderXref) => Promise<void>;
  publishCustomer?: (x: CustomerXref) => Promise<void>;
  /** The batch orders in progress: in Kafka, so shared by the processes of one test (pass the same table). */
  batches?: CompactedTable<BatchOrderEntry>;
  /** In-place resume of failed steps (default: none, so a test sees each failure). */
  resumeRetries?: number;
  /** Waits of the in-place resume (a test may change M3 meanwhile). */
  sleep?: (ms: number) => Promise<void>;
  warehouse?: string;
}

export function writerProcess(rig: M3Rig, o: WriterProcessOptions = {}) {
  const maxrecs = o.lookupMaxrecs ?? 100;
  const published: OrderXref[] = [];
  const batches = o.batches ?? memoryTable<BatchOrderEntry>();
  const customers = createCustomerResolver({
    customers: createCustomerClient({ mi: rig.mi, lookupMaxrecs: maxrecs }),
    xref: memoryTable<CustomerXref>(),
    publish: o.publishCustomer ?? (async () => undefined),
  });
  const handler = customerOrderHandler({
    customers,
    orders: createOrderClient(rig.mi, maxrecs),
    xref: memoryTable<OrderXref>(),
    batches,
    publish: o.publishOrder ?? (async (x) => void published.push(x)),
    resume: { retries: o.resumeRetries ?? 0, baseDelayMs: 1, maxDelayMs: 5, budgetMs: 5_000 },
    ...(o.sleep ? { sleep: o.sleep } : {}),
  });
  return { handler, customers, published, batches };
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
