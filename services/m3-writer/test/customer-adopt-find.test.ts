// The customer resolver beyond find-or-create, on the M3 simulator: the cross-reference of a Magento
// customer under its previous e-mail, adopting an M3 number for a new e-mail, finding without creating,
// and a failed publish that must be done again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandMeta, CustomerXref } from '@m3mage/schemas/types';
import { createCustomerClient } from '../src/clients/customer.client';
import { createCustomerResolver } from '../src/handlers/customer-resolver';
import { customer, memoryTable } from './support/commands';
import { m3Rig, type M3Rig } from './support/m3';
import { miCalls, miTransactions } from './support/observe';

const meta = (id: string): CommandMeta => ({
  commandId: `cmd-${id}`,
  idempotencyKey: id,
  correlationId: id,
  causationId: `evt-${id}`,
  issuedAt: 1,
});
const xrefOf = (email: string, cuno: string, magentoCustomerId: number | null): CustomerXref => ({
  email,
  cuno,
  magentoCustomerId,
  updatedAt: 1,
});

describe('customer resolver: previous e-mail, adopt, find', () => {
  let rig: M3Rig;
  beforeEach(async () => {
    rig = await m3Rig();
  });
  afterEach(() => rig.close());

  function resolver(xref = memoryTable<CustomerXref>(), publish?: (x: CustomerXref) => Promise<void>) {
    const published: CustomerXref[] = [];
    const r = createCustomerResolver({
      customers: createCustomerClient({ mi: rig.mi, lookupMaxrecs: 100 }),
      xref,
      publish: publish ?? (async (x) => void published.push(x)),
      now: () => 9_000,
    });
    return { r, xref, published };
  }

  it('previousEmail: the entry of the same Magento customer under another e-mail, else none', () => {
    const xref = memoryTable<CustomerXref>();
    xref.remember('other@example.com', xrefOf('other@example.com', 'C000002', 12));
    xref.remember('old@example.com', xrefOf('old@example.com', 'C000001', 11));
    const { r } = resolver(xref);
    expect(r.previousEmail(11, ' New@Example.com ')).toEqual(xrefOf('old@example.com', 'C000001', 11));
    expect(r.previousEmail(13, 'new@example.com')).toBeUndefined();
    // the e-mail itself is not a previous one
    expect(r.previousEmail(11, 'OLD@example.com')).toBeUndefined();
    // an e-mail with an entry of its own has no previous one, whichever customer id asks
    xref.remember('new@example.com', xrefOf('new@example.com', 'C000004', 99));
    expect(r.previousEmail(11, 'new@example.com')).toBeUndefined();
  });

  it('adopt: cross-references the new e-mail to the M3 number, with the update asked for', async () => {
    const { r, xref, published } = resolver();
    const c = { ...customer('Renamed@Example.com', 'Anna Berg'), magentoCustomerId: 11 };
    expect(await r.adopt('C000001', c, meta('ad-1'), { update: ['MAIL'] })).toEqual({ cuno: 'C000001', how: 'xref' });
    expect(miCalls(rig)).toEqual([
      { tx: 'CRS610MI/ChgBasicData', fields: { CUNO: 'C000001', MAIL: 'Renamed@Example.com' } },
    ]);
    expect(rig.sim.state.customers.get('C000001')?.rec['MAIL']).toBe('Renamed@Example.com');
    const x = { email: 'renamed@example.com', cuno: 'C000001', magentoCustomerId: 11, updatedAt: 9_000 };
    expect(published).toEqual([x]);
    expect(xref.get('renamed@example.com')).toEqual(x);
  });

  it('adopt without an update sends nothing to M3', async () => {
    const { r, published } = resolver();
    await r.adopt('C000001', customer('quiet@example.com'), meta('ad-2'));
    expect(miCalls(rig)).toEqual([]);
    expect(published.map((x) => x.cuno)).toEqual(['C000001']);
  });

  it('find: an unknown e-mail is not created', async () => {
    const { r, published } = resolver();
    expect(await r.find(customer('nobody@example.com', 'No Body'), meta('f-1'))).toBeUndefined();
    expect(miTransactions(rig)).not.toContain('CRS610MI/Add');
    expect(published).toEqual([]);
  });

  it('find: a known customer, updated as asked, then from the cross-reference', async () => {
    const rec = rig.sim.state.customers.get('C000005')?.rec;
    if (!rec?.['MAIL'] || !rec['CUNM']) throw new Error('seed has no C000005');
    const { r, published } = resolver();
    const c = { ...customer(rec['MAIL'], rec['CUNM']), town: 'Kiruna' };
    expect(await r.find(c, meta('f-2'), { update: ['TOWN'] })).toEqual({ cuno: 'C000005', how: 'lookup' });
    expect(rig.sim.state.customers.get('C000005')?.rec['TOWN']).toBe('Kiruna');
    const since = miCalls(rig).length;
    expect(await r.find(c, meta('f-3'))).toEqual({ cuno: 'C000005', how: 'xref' });
    expect(miCalls(rig).length).toBe(since); // no update asked: nothing sent
    expect(published).toHaveLength(1);
  });

  it('a failed publish leaves no cross-reference, so the next resolution publishes again', async () => {
    let fail = true;
    const published: CustomerXref[] = [];
    const { r, xref } = resolver(memoryTable<CustomerXref>(), async (x) => {
      if (fail) throw new Error('KAFKA_PRODUCE_FAILED');
      published.push(x);
    });
    const c = customer('flaky@example.com', 'Flaky Person');
    await expect(r.resolve(c, meta('p-1'))).rejects.toThrow('KAFKA_PRODUCE_FAILED');
    expect(xref.size()).toBe(0);
    fail = false;
    const again = await r.resolve(c, meta('p-2'));
    expect(again.how).toBe('lookup'); // created by the first attempt, found by its derived number
    expect(published.map((x) => x.cuno)).toEqual([again.cuno]);
    expect(xref.get('flaky@example.com')?.cuno).toBe(again.cuno);
  });
});
