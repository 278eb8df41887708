// Find-or-create of an M3 customer by e-mail, shared by the order and customer handlers:
// xref.customer.v1 cache → CRS610MI LstByName (name + e-mail) → CRS610MI Add; the result is published to
// xref.customer.v1 (key: lower-case e-mail). One resolution per e-mail at a time in this instance, so two
// orders of a new customer running concurrently (different keys) do not create it twice.
import type { CustomerClient } from '../clients/customer.client';
import { normalEmail } from '../clients/customer.client';
import { createKeyedLock, type CompactedTable } from '@m3mage/runtime';
import type { CommandMeta, CustomerData, CustomerXref } from '@m3mage/schemas/types';

export interface ResolvedCustomer {
  cuno: string;
  how: 'xref' | 'lookup' | 'created';
}

export interface CustomerResolver {
  /** `update`: an existing customer gets the command's data (CRS610MI ChgBasicData). */
  resolve(customer: CustomerData, meta: CommandMeta, opts?: { update?: boolean }): Promise<ResolvedCustomer>;
}

export interface CustomerResolverOptions {
  customers: CustomerClient;
  xref: CompactedTable<CustomerXref>;
  publish(xref: CustomerXref, meta: CommandMeta): Promise<void>;
  now?: () => number;
}

export function createCustomerResolver(opts: CustomerResolverOptions): CustomerResolver {
  const now = opts.now ?? Date.now;
  const perEmail = createKeyedLock();

  async function remember(c: CustomerData, cuno: string, meta: CommandMeta): Promise<void> {
    const email = normalEmail(c.email);
    const xref: CustomerXref = { email, cuno, magentoCustomerId: c.magentoCustomerId, updatedAt: now() };
    // Publish first: a failed publish must leave no local entry, so the retry publishes again.
    await opts.publish(xref, meta);
    opts.xref.remember(email, xref);
  }

  async function run(c: CustomerData, meta: CommandMeta, update: boolean): Promise<ResolvedCustomer> {
    const email = normalEmail(c.email);
    const known = opts.xref.get(email);
    if (known) {
      if (update) await opts.customers.change(known.cuno, c);
      return { cuno: known.cuno, how: 'xref' };
    }
    const found = await opts.customers.findByEmail(c);
    if (found) {
      if (update) await opts.customers.change(found, c);
      await remember(c, found, meta);
      return { cuno: found, how: 'lookup' };
    }
    const { cuno, existed } = await opts.customers.add(c);
    // Lost a creation race (or an earlier answer): the customer is someone else's creation, so an update
    // still has to bring this command's data.
    if (existed && update) await opts.customers.change(cuno, c);
    await remember(c, cuno, meta);
    return { cuno, how: existed ? 'lookup' : 'created' };
  }

  return {
    // One per e-mail: the second caller starts after the first finished (and finds its xref).
    resolve: (c, meta, o = {}) => perEmail.run(normalEmail(c.email), () => run(c, meta, o.update ?? false)),
  };
}
