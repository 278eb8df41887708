// The Magento customer handler's outcome per command, as logged (updated, unchanged, not-in-magento, stale,
// duplicate), the calls it makes for each, and the version it keeps (customer:<id>, caused by the command).
import { describe, expect, it } from 'vitest';
import {
  createLogger,
  createMemoryTable,
  createVersionGuard,
  integerVersions,
  type CompactedTable,
  type RecordMeta,
} from '@m3mage/runtime';
import type { DocumentVersion, UpdateMagentoCustomer } from '@m3mage/schemas/types';
import type { CustomersClient, MagentoCustomer } from '../src/clients/customers.client';
import { customerHandler } from '../src/handlers/customer.handler';

const cmd = (version: number, over: Partial<UpdateMagentoCustomer> = {}): UpdateMagentoCustomer => ({
  meta: { commandId: `c${version}`, idempotencyKey: `k${version}`, correlationId: '5', causationId: 'e', issuedAt: 0 },
  magentoCustomerId: 5,
  cuno: 'MG0000001',
  m3Version: String(version),
  telephone: null,
  groupId: 2,
  ...over,
});
const msg = (value: UpdateMagentoCustomer | null) => ({
  topic: 't',
  partition: 0,
  offset: '0',
  key: '5',
  value,
  headers: {},
  attempt: 1,
});

function setup(start: MagentoCustomer | undefined) {
  let current = start;
  const gets: number[] = [];
  const puts: Array<[number, MagentoCustomer]> = [];
  const customers: CustomersClient = {
    get: async (id) => {
      gets.push(id);
      return current;
    },
    update: async (id, c) => {
      puts.push([id, c]);
      current = c;
      return c;
    },
  };
  const table = createMemoryTable<DocumentVersion>();
  const versionWrites: Array<{ key: string; meta: RecordMeta }> = [];
  const versions: CompactedTable<DocumentVersion> = {
    ...table,
    set: (key, value, encoded, meta) => {
      versionWrites.push({ key, meta });
      return table.set(key, value, encoded, meta);
    },
  };
  const logs: Array<Record<string, unknown>> = [];
  const handle = customerHandler({
    customers,
    versions: createVersionGuard({ table: versions, scheme: integerVersions, sourceSystem: 'M3' }),
    logger: createLogger({
      service: 'test',
      version: '0',
      level: 'info',
      destination: { write: (l: string) => void logs.push(JSON.parse(l) as Record<string, unknown>) },
    }),
  });
  const outcomes = () => logs.map((l) => l['outcome']);
  return { handle, gets, puts, logs, outcomes, versionWrites, table };
}

describe('Magento customer handler outcomes', () => {
  it('updated, then duplicate, then stale — one save, logged with the M3 number and version', async () => {
    const s = setup({ id: 5, email: 'a@example.com', group_id: 1 });
    expect(await s.handle(msg(cmd(2000)))).toEqual({ outcome: 'ack' });
    await s.handle(msg(cmd(2000)));
    await s.handle(msg(cmd(1000, { groupId: 3 })));
    expect(s.outcomes()).toEqual(['updated', 'duplicate', 'stale']);
    expect(s.puts).toEqual([[5, { id: 5, email: 'a@example.com', group_id: 2 }]]);
    expect(s.logs[0]).toMatchObject({
      level: 'info',
      component: 'customer',
      magentoCustomerId: 5,
      cuno: 'MG0000001',
      m3Version: '2000',
      msg: 'customer 5 (M3 MG0000001): updated',
    });
  });

  it('keeps the version under customer:<id>, caused by the command', async () => {
    const s = setup({ id: 5, email: 'a@example.com', group_id: 1 });
    await s.handle(msg(cmd(2000)));
    expect(s.versionWrites).toEqual([
      { key: 'customer:5', meta: expect.objectContaining({ correlationId: '5', causationId: 'c2000' }) as unknown },
    ]);
    expect(s.table.get('customer:5')?.eventId).toBe('c2000');
  });

  it('unchanged: Magento holds the values, no save', async () => {
    const s = setup({ id: 5, email: 'a@example.com', group_id: 2 });
    await s.handle(msg(cmd(2000)));
    expect(s.puts).toEqual([]);
    expect(s.outcomes()).toEqual(['unchanged']);
  });

  it('not-in-magento: a customer Magento no longer has is skipped', async () => {
    const s = setup(undefined);
    await s.handle(msg(cmd(2000)));
    expect(s.gets).toEqual([5]);
    expect(s.puts).toEqual([]);
    expect(s.outcomes()).toEqual(['not-in-magento']);
  });

  it('a tombstone is acknowledged without a call', async () => {
    const s = setup({ id: 5, email: 'a@example.com' });
    expect(await s.handle(msg(null))).toEqual({ outcome: 'ack' });
    expect(s.gets).toEqual([]);
    expect(s.logs).toEqual([]);
  });
});
