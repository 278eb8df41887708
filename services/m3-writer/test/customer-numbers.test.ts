import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@m3mage/runtime';
import { createCustomerClient, derivedCuno } from '../src/clients/customer.client';
import { applyNokPolicy } from '../src/clients/nok-policy';
import { customer, inbound, orderCommand } from './support/commands';
import { m3Rig, type M3Rig } from './support/m3';
import { writerProcess } from './support/writer-process';

const customersWith = (rig: M3Rig, email: string) =>
  [...rig.sim.state.customers.values()].filter((c) => c.rec['MAIL']?.toLowerCase() === email.toLowerCase());

describe('derived customer numbers', () => {
  it('are 10 characters of prefix and base32 digest, the same for any spelling of the e-mail', () => {
    const a = derivedCuno('Zoe.O@Example.com', 'MG');
    expect(a).toMatch(/^MG[A-Z2-7]{8}$/);
    expect(derivedCuno(' zoe.o@example.COM ', 'MG')).toBe(a);
    expect(derivedCuno('zoe.p@example.com', 'MG')).not.toBe(a);
    expect(derivedCuno('zoe.o@example.com', 'W')).toMatch(/^W[A-Z2-7]{9}$/);
  });
});

describe('customer creation on the M3 simulator', () => {
  let rig: M3Rig;
  beforeEach(async () => {
    rig = await m3Rig();
  });
  afterEach(() => rig.close());

  it('creates a new customer once when two writer processes race for it (no shared memory)', async () => {
    const [a, b] = [writerProcess(rig), writerProcess(rig)];
    const one = orderCommand('000000401', 'race@example.com', [['ITM000001', '1', '1']]);
    const two = orderCommand('000000402', 'race@example.com', [['ITM000002', '1', '1']]);
    await Promise.all([a.handler(inbound(one, one.incrementId)), b.handler(inbound(two, two.incrementId))]);
    const found = customersWith(rig, 'race@example.com');
    expect(found).toHaveLength(1);
    expect(found[0]!.rec['CUNO']).toBe(derivedCuno('race@example.com', 'MG'));
    const orders = [...rig.sim.state.orders.values()].filter((o) =>
      ['000000401', '000000402'].includes(String(o.head['CUOR'])),
    );
    expect(orders.map((o) => o.head['CUNO'])).toEqual([found[0]!.rec['CUNO'], found[0]!.rec['CUNO']]);
  });

  it('adopts the customer an earlier Add created when its answer was lost', async () => {
    const client = createCustomerClient({ mi: rig.mi, lookupMaxrecs: 100 });
    const first = await client.add(customer('lost.answer@example.com'));
    expect(first.existed).toBe(false);
    expect(await client.add(customer('lost.answer@example.com'))).toEqual({ cuno: first.cuno, existed: true });
    expect(customersWith(rig, 'lost.answer@example.com')).toHaveLength(1);
  });

  it("falls back to M3's number series when the derived number belongs to another e-mail", async () => {
    const client = createCustomerClient({ mi: rig.mi, lookupMaxrecs: 100 });
    const taken = derivedCuno('collide@example.com', 'MG');
    await rig.mi.execute('CRS610MI', 'Add', {
      CUTM: 'TEMPLATE',
      CUNO: taken,
      CUNM: 'Someone Else',
      CUA1: 'x',
      MAIL: 'else@example.com',
    });
    const { cuno } = await client.add(customer('collide@example.com'));
    expect(cuno).not.toBe(taken);
    expect(customersWith(rig, 'collide@example.com').map((c) => c.rec['CUNO'])).toEqual([cuno]);
  });

  it("uses M3's number series when configured to", async () => {
    const client = createCustomerClient({
      mi: rig.mi,
      lookupMaxrecs: 100,
      numbering: 'series',
    });
    const { cuno } = await client.add(customer('series@example.com'));
    expect(cuno).not.toBe(derivedCuno('series@example.com', 'MG'));
    expect(customersWith(rig, 'series@example.com')).toHaveLength(1);
  });
});

describe('customer look-up with derived numbers', () => {
  let rig: M3Rig;
  beforeEach(async () => {
    rig = await m3Rig();
  });
  afterEach(() => rig.close());

  it('finds a customer it created by number though M3 renamed it since', async () => {
    const client = createCustomerClient({ mi: rig.mi, lookupMaxrecs: 100 });
    const { cuno } = await client.add(customer('renamed@example.com'));
    await rig.mi.execute('CRS610MI', 'ChgBasicData', { CUNO: cuno, CUNM: 'Renamed In M3' });
    expect(await client.findByEmail(customer('renamed@example.com'))).toBe(cuno);
  });

  it('still finds a customer M3 numbered itself, by name and e-mail', async () => {
    const series = createCustomerClient({
      mi: rig.mi,
      lookupMaxrecs: 100,
      numbering: 'series',
    });
    const { cuno } = await series.add(customer('older@example.com'));
    const client = createCustomerClient({ mi: rig.mi, lookupMaxrecs: 100 });
    expect(await client.findByEmail(customer('older@example.com'))).toBe(cuno);
    expect(await client.findByEmail(customer('nobody@example.com'))).toBeUndefined();
  });
});

describe('an M3 that refuses manual customer numbers', () => {
  it('dead-letters with the remedy (allow manual numbers, or M3_CUSTOMER_NUMBERING=series)', () => {
    const nok = new AppError('M3_NOK', 'Customer number must not be entered', {
      details: { m3Field: 'CUNO', m3Category: 'invalid', m3Code: 'WCU0103' },
      kind: 'validation',
      retriable: false,
    });
    const err = applyNokPolicy(nok, 'CRS610MI/Add', { CUNO: 'MGABCDEFGH', CUTM: 'TEMPLATE' });
    expect(err).toMatchObject({ code: 'M3_NOK', retriable: false, details: { nokAction: 'dead-letter' } });
    expect(err.message).toContain('MGABCDEFGH');
    expect(err.message).toContain('M3_CUSTOMER_NUMBERING=series');
  });
});
