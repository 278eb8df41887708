// The customer handler's routes on the M3 simulator, and what each one reports: an order's customer (no
// version), an account without a Magento id, a deleted account under its previous e-mail, the default status,
// the version table's key and record, and the outcome logged per command (created, updated, deactivated,
// skipped, stale, duplicate).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, createMetrics, createVersionGuard, integerVersions } from '@m3mage/runtime';
import type { CommandMeta, CustomerXref, DocumentVersion, UpsertCustomer } from '@m3mage/schemas/types';
import { createCustomerClient, derivedCuno } from '../src/clients/customer.client';
import { createCustomerResolver } from '../src/handlers/customer-resolver';
import { customerHandler } from '../src/handlers/customer.handler';
import { customer, inbound, memoryTable } from './support/commands';
import { m3Rig, type M3Rig } from './support/m3';
import { miCalls, recordingTable } from './support/observe';

let seq = 0;
function account(email: string, version: number | null, over: Partial<UpsertCustomer> = {}): UpsertCustomer {
  seq += 1;
  const meta: CommandMeta = {
    commandId: `cmd-${seq}`,
    idempotencyKey: `customer:${seq}`,
    correlationId: email,
    causationId: `evt-${seq}`,
    issuedAt: 0,
  };
  return {
    meta,
    customer: { ...customer(email, 'Anna Berg'), magentoCustomerId: 77 },
    origin: 'ACCOUNT',
    action: 'UPSERT',
    version: version === null ? null : String(version),
    updateFields: ['CUNM', 'MAIL'],
    createIfMissing: true,
    deliveryAddress: null,
    deactivateStatus: null,
    ...over,
  };
}
const deactivate = (email: string, version: number, over: Partial<UpsertCustomer> = {}) =>
  account(email, version, { action: 'DEACTIVATE', updateFields: ['STAT'], createIfMissing: true, ...over });

describe('customer handler: routes and outcomes', () => {
  let rig: M3Rig;
  let h: ReturnType<typeof customerHandler>;
  let logs: Array<Record<string, unknown>>;
  let xref: ReturnType<typeof memoryTable<CustomerXref>>;
  let versions: ReturnType<typeof recordingTable<DocumentVersion>>;
  let metrics: ReturnType<typeof createMetrics>;
  beforeEach(async () => {
    rig = await m3Rig();
    logs = [];
    const client = createCustomerClient({ mi: rig.mi, lookupMaxrecs: 100 });
    xref = memoryTable<CustomerXref>();
    versions = recordingTable<DocumentVersion>();
    metrics = createMetrics({ service: 'test', collectDefaults: false });
    h = customerHandler({
      customers: createCustomerResolver({ customers: client, xref, publish: async () => undefined }),
      client,
      versions: createVersionGuard({ table: versions, scheme: integerVersions, sourceSystem: 'MAGENTO' }),
      metrics,
      logger: createLogger({
        service: 'test',
        version: '0',
        level: 'info',
        destination: { write: (l: string) => void logs.push(JSON.parse(l) as Record<string, unknown>) },
      }),
    });
  });
  afterEach(() => rig.close());

  const handle = (cmd: UpsertCustomer) => h(inbound(cmd, cmd.customer.email));
  const outcomes = () => logs.filter((l) => l['component'] === 'customer' && 'outcome' in l).map((l) => l['outcome']);
  const changes = () =>
    miCalls(rig)
      .filter((c) => c.tx === 'CRS610MI/ChgBasicData')
      .map((c) => c.fields);
  const m3 = (cuno: string) => rig.sim.state.customers.get(cuno)?.rec;

  it('logs created, updated, duplicate and stale, with the Magento id and the action', async () => {
    expect(await handle(account('one@example.com', 1000))).toEqual({ outcome: 'ack' });
    expect(
      await handle(
        account('one@example.com', 2000, {
          customer: { ...customer('one@example.com', 'New Name'), magentoCustomerId: 77 },
        }),
      ),
    ).toEqual({ outcome: 'ack' });
    const repeat = account('one@example.com', 2000, {
      customer: { ...customer('one@example.com', 'New Name'), magentoCustomerId: 77 },
    });
    expect(await handle(repeat)).toEqual({ outcome: 'ack' });
    expect(await handle(account('one@example.com', 1500))).toEqual({ outcome: 'ack' });
    expect(outcomes()).toEqual(['created', 'updated', 'duplicate', 'stale']);
    expect(logs.at(-1)).toMatchObject({
      level: 'info',
      component: 'customer',
      magentoCustomerId: 77,
      action: 'UPSERT',
      outcome: 'stale',
      msg: 'Magento customer 77: stale',
    });
    expect(m3(derivedCuno('one@example.com', 'MG'))?.['CUNM']).toBe('New Name');
  });

  it('keeps the applied version under customer:<Magento id>, caused by the command', async () => {
    const cmd = account('two@example.com', 1000);
    await handle(cmd);
    expect(versions.writes).toEqual([
      {
        op: 'set',
        key: 'customer:77',
        value: expect.objectContaining({
          documentKey: 'customer:77',
          version: expect.stringMatching(/^1000#/) as unknown,
          eventId: cmd.meta.commandId,
        }) as unknown,
        meta: expect.objectContaining({ correlationId: '77', causationId: cmd.meta.commandId }) as unknown,
      },
    ]);
  });

  it('an order’s customer (no origin ACCOUNT): found or created and updated in full, no version kept', async () => {
    const rec = m3('C000004');
    if (!rec?.['MAIL'] || !rec['CUNM']) throw new Error('seed has no C000004');
    const order = account(rec['MAIL'], null, {
      origin: 'ORDER',
      customer: { ...customer(rec['MAIL'], rec['CUNM']), magentoCustomerId: null, town: 'Luleå' },
    });
    expect(await handle(order)).toEqual({ outcome: 'ack' });
    expect(changes()).toEqual([expect.objectContaining({ CUNO: 'C000004', TOWN: 'Luleå', CUA1: 'Långgatan 12' })]);
    expect(m3('C000004')?.['TOWN']).toBe('Luleå');
    expect(versions.writes).toEqual([]);
    expect(outcomes()).toEqual([]);
  });

  it('an account without a Magento id is its own customer, never another one without id', async () => {
    // a customer known from an order only (no Magento id) is cross-referenced under its e-mail
    await handle(
      account('guest@example.com', null, {
        origin: 'ORDER',
        customer: { ...customer('guest@example.com'), magentoCustomerId: null },
      }),
    );
    const anonymous = account('member@example.com', 5, {
      customer: { ...customer('member@example.com', 'Member'), magentoCustomerId: null },
    });
    await handle(anonymous);
    const guest = derivedCuno('guest@example.com', 'MG');
    const member = derivedCuno('member@example.com', 'MG');
    expect(xref.get('member@example.com')?.cuno).toBe(member);
    expect(m3(guest)?.['MAIL']).toBe('guest@example.com');
    expect(m3(member)?.['MAIL']).toBe('member@example.com');
    expect(outcomes()).toEqual(['created']);
    expect(versions.writes.map((w) => w.key)).toEqual(['customer:none']);
  });

  it('an e-mail change: the M3 number gets the new MAIL with the owned fields, and a warning names both numbers', async () => {
    await handle(account('old@example.com', 1000));
    const cuno = derivedCuno('old@example.com', 'MG');
    const since = changes().length;
    await handle(account('new@example.com', 2000, { updateFields: ['CUNM'] }));
    expect(changes().slice(since)).toEqual([{ CUNO: cuno, CUNM: 'Anna Berg', MAIL: 'new@example.com' }]);
    expect(m3(cuno)?.['MAIL']).toBe('new@example.com');
    expect(logs.find((l) => l['level'] === 'warn')).toMatchObject({
      component: 'customer',
      magentoCustomerId: 77,
      cuno,
      msg: `Magento customer 77 changed its e-mail: M3 customer ${cuno} keeps its number and gets the new e-mail`,
    });
    expect(outcomes()).toEqual(['created', 'updated']);
  });

  it('a deleted account is deactivated under the number of its previous e-mail, with status 90 by default', async () => {
    await handle(account('before@example.com', 1000));
    const cuno = derivedCuno('before@example.com', 'MG');
    const since = miCalls(rig).length;
    await handle(deactivate('after@example.com', 2000));
    expect(miCalls(rig).slice(since)).toEqual([{ tx: 'CRS610MI/ChgBasicData', fields: { CUNO: cuno, STAT: '90' } }]);
    expect(m3(cuno)).toMatchObject({ STAT: '90', MAIL: 'before@example.com' });
    expect((await metrics.registry.getSingleMetricAsString('pipeline_identity_events_total')).trim()).not.toContain(
      'email-changed"} 1',
    );
    expect(outcomes()).toEqual(['created', 'deactivated']);
  });

  it('a deleted account under its own e-mail: only the status changes, to the one the command names', async () => {
    await handle(account('stay@example.com', 1000));
    const cuno = derivedCuno('stay@example.com', 'MG');
    const since = miCalls(rig).length;
    await handle(deactivate('stay@example.com', 2000, { deactivateStatus: '80' }));
    expect(
      miCalls(rig)
        .slice(since)
        .filter((c) => c.tx === 'CRS610MI/ChgBasicData'),
    ).toEqual([{ tx: 'CRS610MI/ChgBasicData', fields: { CUNO: cuno, STAT: '80' } }]);
    expect(m3(cuno)?.['STAT']).toBe('80');
  });

  it('a deleted account M3 never had is skipped, and not created though the command allows creation', async () => {
    await handle(
      deactivate('never@example.com', 1000, { customer: { ...customer('never@example.com'), magentoCustomerId: 78 } }),
    );
    expect(miCalls(rig).map((c) => c.tx)).not.toContain('CRS610MI/Add');
    expect(outcomes()).toEqual(['skipped-not-in-m3']);
  });

  it('an account that may not be created and is not in M3 is skipped', async () => {
    await handle(account('nomad@example.com', 1000, { createIfMissing: false }));
    expect(miCalls(rig).map((c) => c.tx)).not.toContain('CRS610MI/Add');
    expect(outcomes()).toEqual(['skipped-no-address']);
  });

  it('a tombstone is acknowledged and changes nothing', async () => {
    expect(await h({ ...inbound(account('x@example.com', 1), 'x'), value: null })).toEqual({ outcome: 'ack' });
    expect(miCalls(rig)).toEqual([]);
    expect(logs).toEqual([]);
  });
});
