// ADR 0008 (derived CUNO): a customer upsert that loses the Add race adopts the customer the other instance
// created, and still applies its own data (ChgBasicData) before its command is acknowledged.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandMeta, CustomerXref } from '@m3mage/schemas/types';
import { createCustomerClient, derivedCuno, type CustomerClient } from '../src/clients/customer.client';
import { createCustomerResolver } from '../src/handlers/customer-resolver';
import { customer, memoryTable } from './support/commands';
import { m3Rig, type M3Rig } from './support/m3';

const meta = (id: string): CommandMeta => ({
  commandId: `cmd-${id}`,
  idempotencyKey: id,
  correlationId: id,
  causationId: `evt-${id}`,
  issuedAt: Date.now(),
});

describe('two instances racing to create the same new customer', () => {
  let rig: M3Rig;
  beforeEach(async () => {
    rig = await m3Rig();
  });
  afterEach(() => rig.close());

  it("applies the customer upsert's data when its Add lost the race and adopted the other instance's customer", async () => {
    const email = 'upsert.race@example.com';
    const client = () => createCustomerClient({ mi: rig.mi, lookupMaxrecs: 100 });
    // instance A: an order of the new customer (no update, the order's billing name)
    const a = createCustomerResolver({
      customers: client(),
      xref: memoryTable<CustomerXref>(),
      publish: async () => undefined,
    });
    // instance B: the customer's UpsertCustomer (update: true, the account's name). Its look-up runs before
    // A's Add, its own Add after it: the interleaving two processes without shared memory can have.
    let afterLookup: () => Promise<unknown> = async () => undefined;
    const real = client();
    const racing: CustomerClient = {
      ...real,
      async findByEmail(c) {
        const found = await real.findByEmail(c);
        await afterLookup();
        return found;
      },
    };
    const b = createCustomerResolver({
      customers: racing,
      xref: memoryTable<CustomerXref>(),
      publish: async () => undefined,
    });
    afterLookup = () => a.resolve(customer(email, 'Billing Name From Order'), meta('order-1'));

    const upserted = await b.resolve(customer(email, 'Account Name'), meta('customer-1'), { update: true });

    const cuno = derivedCuno(email, 'MG');
    expect(upserted.cuno).toBe(cuno);
    const all = [...rig.sim.state.customers.values()].filter((c) => c.rec['MAIL'] === email);
    expect(all).toHaveLength(1);
    // the UpsertCustomer was acknowledged: M3 must hold its data
    expect(all[0]!.rec['CUNM']).toBe('Account Name');
  });
});
