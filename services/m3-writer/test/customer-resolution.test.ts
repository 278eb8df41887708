// Finding or creating the M3 customer of an e-mail, on the M3 simulator: which CRS610MI transactions each way
// takes (cross-reference, look-up, creation), what an update sends, and what is published to xref.customer.v1.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandMeta, CustomerData, CustomerXref } from '@m3mage/schemas/types';
import { createCustomerClient, derivedCuno } from '../src/clients/customer.client';
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

describe('customer resolution on the M3 simulator', () => {
  let rig: M3Rig;
  beforeEach(async () => {
    rig = await m3Rig();
  });
  afterEach(() => rig.close());

  function resolver(xref = memoryTable<CustomerXref>()) {
    const published: Array<{ xref: CustomerXref; meta: CommandMeta }> = [];
    const r = createCustomerResolver({
      customers: createCustomerClient({ mi: rig.mi, lookupMaxrecs: 100 }),
      xref,
      publish: async (x, m) => void published.push({ xref: x, meta: m }),
      now: () => 7_000,
    });
    return { r, xref, published };
  }

  /** A customer M3 has (seeded, numbered by M3), as a command would carry it. */
  function seeded(cuno = 'C000003'): CustomerData {
    const rec = rig.sim.state.customers.get(cuno)?.rec;
    if (!rec?.['MAIL'] || !rec['CUNM']) throw new Error(`seed has no ${cuno}`);
    return { ...customer(`  ${rec['MAIL'].toUpperCase()} `, rec['CUNM']), magentoCustomerId: 31 };
  }

  it('finds an existing customer by name and e-mail, changes nothing, and cross-references it', async () => {
    const { r, xref, published } = resolver();
    const c = seeded();
    expect(await r.resolve(c, meta('o-1'))).toEqual({ cuno: 'C000003', how: 'lookup' });
    expect(miTransactions(rig)).not.toContain('CRS610MI/ChgBasicData');
    expect(miTransactions(rig)).not.toContain('CRS610MI/Add');
    const email = c.email.trim().toLowerCase();
    const x = { email, cuno: 'C000003', magentoCustomerId: 31, updatedAt: 7_000 };
    expect(published).toEqual([{ xref: x, meta: meta('o-1') }]);
    expect(xref.get(email)).toEqual(x);

    // the next resolution of this e-mail asks M3 nothing
    const since = miCalls(rig).length;
    expect(await r.resolve(c, meta('o-2'))).toEqual({ cuno: 'C000003', how: 'xref' });
    expect(miCalls(rig).length).toBe(since);
    expect(published).toHaveLength(1);
  });

  it('update true: a found customer gets every basic field (ChgBasicData)', async () => {
    const { r } = resolver();
    const c = { ...seeded(), phno: '+4600000', town: 'Malmö' };
    await r.resolve(c, meta('u-1'), { update: true });
    const chg = miCalls(rig).filter((x) => x.tx === 'CRS610MI/ChgBasicData');
    expect(chg).toHaveLength(1);
    expect(chg[0]?.fields).toMatchObject({ CUNO: 'C000003', TOWN: 'Malmö', PHNO: '+4600000', CUA1: 'Långgatan 12' });
    expect(rig.sim.state.customers.get('C000003')?.rec['TOWN']).toBe('Malmö');
  });

  it('update with a field list: only those fields; an empty list changes nothing', async () => {
    const { r } = resolver();
    const c = { ...seeded(), phno: '+4600000', town: 'Malmö' };
    await r.resolve(c, meta('u-2'), { update: ['TOWN'] });
    const chg = miCalls(rig).filter((x) => x.tx === 'CRS610MI/ChgBasicData');
    expect(chg.map((x) => x.fields)).toEqual([{ CUNO: 'C000003', TOWN: 'Malmö' }]);
    expect(rig.sim.state.customers.get('C000003')?.rec['PHNO']).not.toBe('+4600000');

    // cross-referenced now: the update still goes to M3, the empty list sends nothing
    await r.resolve({ ...c, town: 'Lund' }, meta('u-3'), { update: ['TOWN'] });
    await r.resolve({ ...c, town: 'Ystad' }, meta('u-4'), { update: [] });
    await r.resolve({ ...c, town: 'Visby' }, meta('u-5'));
    expect(
      miCalls(rig)
        .filter((x) => x.tx === 'CRS610MI/ChgBasicData')
        .map((x) => x.fields['TOWN']),
    ).toEqual(['Malmö', 'Lund']);
    expect(rig.sim.state.customers.get('C000003')?.rec['TOWN']).toBe('Lund');
  });

  it('creates an unknown customer under its derived number, without a ChgBasicData, and publishes it', async () => {
    const { r, published } = resolver();
    const c = customer('New.Person@Example.com', 'New Person');
    expect(await r.resolve(c, meta('n-1'), { update: true })).toEqual({
      cuno: derivedCuno('new.person@example.com', 'MG'),
      how: 'created',
    });
    expect(miTransactions(rig).filter((t) => t.startsWith('CRS610MI/Add') || t.endsWith('ChgBasicData'))).toEqual([
      'CRS610MI/Add',
    ]);
    expect(published.map((p) => p.xref.email)).toEqual(['new.person@example.com']);
  });

  it('an Add that finds the customer created meanwhile adopts it as "lookup", and applies only a wanted update', async () => {
    const real = createCustomerClient({ mi: rig.mi, lookupMaxrecs: 100 });
    // this instance's look-up misses the customer; another instance creates it right after (no shared memory)
    const racing = (email: string, update: false | string[]) => {
      const { r: other } = resolver();
      const published: CustomerXref[] = [];
      const r = createCustomerResolver({
        customers: {
          ...real,
          async findByEmail(c) {
            const found = await real.findByEmail(c);
            await other.resolve(customer(email, 'Other Name'), meta('other'));
            return found;
          },
        },
        xref: memoryTable<CustomerXref>(),
        publish: async (x) => void published.push(x),
        now: () => 8_000,
      });
      const since = miCalls(rig).length;
      const changes = () =>
        miCalls(rig)
          .slice(since)
          .filter((c) => c.tx === 'CRS610MI/ChgBasicData')
          .map((c) => c.fields);
      return { published, changes, resolve: () => r.resolve(customer(email, 'Own Name'), meta('own'), { update }) };
    };

    const plainCuno = derivedCuno('late@example.com', 'MG');
    const plain = racing('late@example.com', false);
    expect(await plain.resolve()).toEqual({ cuno: plainCuno, how: 'lookup' });
    expect(plain.changes()).toEqual([]);
    expect(rig.sim.state.customers.get(plainCuno)?.rec['CUNM']).toBe('Other Name');
    expect(plain.published).toEqual([
      { email: 'late@example.com', cuno: plainCuno, magentoCustomerId: null, updatedAt: 8_000 },
    ]);

    const updCuno = derivedCuno('later@example.com', 'MG');
    const updating = racing('later@example.com', ['CUNM']);
    expect(await updating.resolve()).toEqual({ cuno: updCuno, how: 'lookup' });
    expect(updating.changes()).toEqual([{ CUNO: updCuno, CUNM: 'Own Name' }]);
    expect(rig.sim.state.customers.get(updCuno)?.rec['CUNM']).toBe('Own Name');
  });
});
