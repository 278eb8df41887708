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

export interface ResolveOptions {
  /**
   * An existing customer gets the command's data (CRS610MI ChgBasicData): `true` every basic field, a list
   * only those fields (the ones the command's side owns).
   */
  update?: boolean | readonly string[];
}

export interface CustomerResolver {
  resolve(customer: CustomerData, meta: CommandMeta, opts?: ResolveOptions): Promise<ResolvedCustomer>;
  /**
   * The cross-reference of a Magento customer id under another e-mail than `email` (the account's e-mail
   * changed in Magento); read only when the e-mail has none (a scan of the table).
   */
  previousEmail(magentoCustomerId: number, email: string): CustomerXref | undefined;
  /** `cuno` is this customer now (its e-mail changed): updated as `opts` say and cross-referenced. */
  adopt(cuno: string, customer: CustomerData, meta: CommandMeta, opts?: ResolveOptions): Promise<ResolvedCustomer>;
  /** The M3 customer of this e-mail (cross-reference, derived number, name + e-mail) without creating one. */
  find(customer: CustomerData, meta: CommandMeta, opts?: ResolveOptions): Promise<ResolvedCustomer | undefined>;
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

  const change = async (cuno: string, c: CustomerData, update: ResolveOptions['update']): Promise<void> => {
    if (update === true) await opts.customers.change(cuno, c);
    else if (update && update.length > 0) await opts.customers.change(cuno, c, update);
  };

  async function lookup(
    c: CustomerData,
    meta: CommandMeta,
    update: ResolveOptions['update'],
  ): Promise<ResolvedCustomer | undefined> {
    const email = normalEmail(c.email);
    const known = opts.xref.get(email);
    if (known) {
      await change(known.cuno, c, update);
      return { cuno: known.cuno, how: 'xref' };
    }
    const found = await opts.customers.findByEmail(c);
    if (!found) return undefined;
    await change(found, c, update);
    await remember(c, found, meta);
    return { cuno: found, how: 'lookup' };
  }

  async function run(c: CustomerData, meta: CommandMeta, update: ResolveOptions['update']): Promise<ResolvedCustomer> {
    const found = await lookup(c, meta, update);
    if (found) return found;
    const { cuno, existed } = await opts.customers.add(c);
    // Lost a creation race (or an earlier answer): the customer is someone else's creation, so an update
    // still has to bring this command's data.
    if (existed) await change(cuno, c, update);
    await remember(c, cuno, meta);
    return { cuno, how: existed ? 'lookup' : 'created' };
  }

  return {
    // One per e-mail: the second caller starts after the first finished (and finds its xref).
    resolve: (c, meta, o = {}) => perEmail.run(normalEmail(c.email), () => run(c, meta, o.update ?? false)),
    previousEmail(magentoCustomerId, email) {
      const wanted = normalEmail(email);
      if (opts.xref.get(wanted)) return undefined;
      for (const [key, x] of opts.xref.entries())
        if (x.magentoCustomerId === magentoCustomerId && key !== wanted) return x;
      return undefined;
    },
    adopt: (cuno, c, meta, o = {}) =>
      perEmail.run(normalEmail(c.email), async () => {
        await change(cuno, c, o.update ?? false);
        await remember(c, cuno, meta);
        return { cuno, how: 'xref' as const };
      }),
    find: (c, meta, o = {}) => perEmail.run(normalEmail(c.email), () => lookup(c, meta, o.update ?? false)),
  };
}
