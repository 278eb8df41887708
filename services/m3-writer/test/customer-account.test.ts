// Magento account changes (UpsertCustomer origin ACCOUNT) against the M3 simulator: created once with its
// delivery address; an update writes only the fields Magento owns (a phone changed in M3 survives); an older
// version changes nothing; an account without an address is not created but updates an existing customer
// without blanking its address; an e-mail change keeps the M3 number (reported); a delete deactivates.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, createMemoryTable, createMetrics, createVersionGuard, integerVersions } from '@m3mage/runtime';
import type { CustomerXref, DocumentVersion, UpsertCustomer } from '@m3mage/schemas/types';
import { createCustomerClient, derivedCuno } from '../src/clients/customer.client';
import { createCustomerResolver } from '../src/handlers/customer-resolver';
import { customerHandler } from '../src/handlers/customer.handler';
import { inbound } from './support/commands';
import { m3Rig, type M3Rig } from './support/m3';

const OWNED = ['CUNM', 'CUA1', 'CUA2', 'CUA3', 'CUA4', 'PONO', 'TOWN', 'CSCD', 'MAIL'];
let seq = 0;

function account(email: string, version: number, over: Partial<UpsertCustomer> = {}): UpsertCustomer {
  seq += 1;
  return {
    meta: {
      commandId: `cmd-${seq}`,
      idempotencyKey: `customer:77:${version}`,
      correlationId: email,
      causationId: `evt-${seq}`,
      issuedAt: Date.now(),
    },
    customer: {
      email,
      cunm: 'Anna Berg',
      cua1: 'Storgatan 12',
      cua2: null,
      cua3: null,
      cua4: null,
      pono: '11122',
      town: 'Stockholm',
      cscd: 'SE',
      phno: '+4681234567',
      cutm: 'TEMPLATE',
      magentoCustomerId: 77,
    },
    origin: 'ACCOUNT',
    action: 'UPSERT',
    version: String(version),
    updateFields: OWNED,
    createIfMissing: true,
    deliveryAddress: {
      adrt: '1',
      adid: 'WEB',
      cunm: 'Anna Berg',
      cua1: 'Lagervägen 3',
      cua2: null,
      cua3: null,
      cua4: null,
      pono: '16970',
      town: 'Solna',
      cscd: 'SE',
      phno: null,
    },
    deactivateStatus: null,
    ...over,
  };
}

describe('Magento customer accounts → M3 customers', () => {
  let rig: M3Rig;
  let handle: (cmd: UpsertCustomer) => Promise<unknown>;
  let metrics: ReturnType<typeof createMetrics>;
  let xref: ReturnType<typeof createMemoryTable<CustomerXref>>;
  beforeEach(async () => {
    rig = await m3Rig();
    const client = createCustomerClient({ mi: rig.mi, lookupMaxrecs: 100 });
    xref = createMemoryTable<CustomerXref>();
    metrics = createMetrics({ service: 'test', collectDefaults: false });
    const h = customerHandler({
      customers: createCustomerResolver({ customers: client, xref, publish: async () => undefined }),
      client,
      versions: createVersionGuard({
        table: createMemoryTable<DocumentVersion>(),
        scheme: integerVersions,
        sourceSystem: 'MAGENTO',
      }),
      metrics,
      logger: createLogger({ service: 'test', version: '0', level: 'silent' }),
    });
    handle = (cmd) => h(inbound(cmd, cmd.customer.email));
  });
  afterEach(() => rig.close());

  const m3 = (cuno: string) => rig.sim.state.customers.get(cuno);
  const byEmail = (email: string) => [...rig.sim.state.customers.values()].filter((c) => c.rec.MAIL === email);

  it('creates the customer once with its delivery address, then updates only what Magento owns', async () => {
    const email = 'anna.berg@example.com';
    await handle(account(email, 1000));
    await handle(account(email, 1000)); // a repeat
    const cuno = derivedCuno(email, 'MG');
    expect(byEmail(email).map((c) => c.rec.CUNO)).toEqual([cuno]);
    expect(m3(cuno)?.rec).toMatchObject({ CUNM: 'Anna Berg', CUA1: 'Storgatan 12', PHNO: '+4681234567' });
    expect(m3(cuno)?.addresses).toEqual([expect.objectContaining({ ADRT: '1', ADID: 'WEB', TOWN: 'Solna' })]);

    // Someone changes the phone in M3 (M3 owns PHNO); the shopper renames herself and moves in Magento.
    await rig.mi.execute('CRS610MI', 'ChgBasicData', { CUNO: cuno, PHNO: '+46700000000' });
    const moved = account(email, 2000, {
      customer: { ...account(email, 0).customer, cunm: 'Anna Lind', phno: '+4699999999' },
      deliveryAddress: { ...account(email, 0).deliveryAddress!, cua1: 'Nya vägen 1', town: 'Uppsala', pono: '75320' },
    });
    await handle(moved);
    expect(m3(cuno)?.rec).toMatchObject({ CUNM: 'Anna Lind', PHNO: '+46700000000' });
    expect(m3(cuno)?.addresses).toEqual([
      expect.objectContaining({ ADID: 'WEB', CUA1: 'Nya vägen 1', TOWN: 'Uppsala' }),
    ]);

    // An older version arriving late (a retry, a replay) changes nothing.
    await handle(account(email, 1500, { customer: { ...account(email, 0).customer, cunm: 'Old Name' } }));
    expect(m3(cuno)?.rec.CUNM).toBe('Anna Lind');
  });

  it('does not create an account without an address, but updates an existing customer without blanking its address', async () => {
    const email = 'no.address@example.com';
    const bare = (version: number, cunm: string) =>
      account(email, version, {
        customer: { ...account(email, 0).customer, cunm, cua1: '', pono: null, town: null, cscd: null, phno: null },
        updateFields: ['CUNM', 'MAIL'],
        createIfMissing: false,
        deliveryAddress: null,
      });
    await handle(bare(1000, 'Nomad'));
    expect(byEmail(email)).toEqual([]);

    // The customer appears in M3 (e.g. from an order), then renames the account, which still has no address.
    await handle(account(email, 2000));
    const cuno = derivedCuno(email, 'MG');
    await handle(bare(3000, 'Nomad Renamed'));
    expect(m3(cuno)?.rec).toMatchObject({ CUNM: 'Nomad Renamed', CUA1: 'Storgatan 12', TOWN: 'Stockholm' });
  });

  it('keeps the M3 number when the account’s e-mail changes, and reports it', async () => {
    const old = 'before@example.com';
    await handle(account(old, 1000));
    const cuno = derivedCuno(old, 'MG');
    await handle(account('after@example.com', 2000));
    expect(byEmail('after@example.com').map((c) => c.rec.CUNO)).toEqual([cuno]);
    expect(byEmail(old)).toEqual([]);
    expect(xref.get('after@example.com')?.cuno).toBe(cuno);
    expect((await metrics.registry.getSingleMetricAsString('pipeline_identity_events_total')).trim()).toContain(
      'pipeline_identity_events_total{entity="customer",kind="email-changed"} 1',
    );
  });

  it('deactivates the M3 customer of a deleted account (never deletes it) and skips one M3 never had', async () => {
    const email = 'leaving@example.com';
    await handle(account(email, 1000));
    const cuno = derivedCuno(email, 'MG');
    const gone = (e: string) =>
      account(e, 5000, {
        action: 'DEACTIVATE',
        updateFields: ['STAT'],
        createIfMissing: false,
        deliveryAddress: null,
        deactivateStatus: '90',
      });
    await handle(gone(email));
    expect(m3(cuno)?.rec).toMatchObject({ STAT: '90', CUNM: 'Anna Berg' });
    const never = gone('never.in.m3@example.com');
    await handle({ ...never, customer: { ...never.customer, magentoCustomerId: 78 } });
    expect(byEmail('never.in.m3@example.com')).toEqual([]);
  });
});
