// The fields M3 owns reach the Magento customer and nothing else changes: the group, the default billing
// address's telephone (the other addresses sent back as they are), no call when Magento holds the values,
// an older M3 version ignored, a customer Magento no longer has skipped.
import { createLogger, createMemoryTable, createVersionGuard, integerVersions } from '@m3mage/runtime';
import type { DocumentVersion, UpdateMagentoCustomer } from '@m3mage/schemas/types';
import { describe, expect, it } from 'vitest';
import type { CustomersClient, MagentoCustomer } from '../src/clients/customers.client';
import { customerChanges, customerHandler } from '../src/handlers/customer.handler';

const stored = (): MagentoCustomer => ({
  id: 5,
  email: 'anna@example.com',
  firstname: 'Anna',
  lastname: 'Berg',
  group_id: 1,
  default_billing: '11',
  custom_attributes: [{ attribute_code: 'loyalty', value: 'gold' }],
  addresses: [
    { id: 10, telephone: '+4611', default_shipping: true, city: 'Solna' },
    { id: 11, telephone: '+4622', default_billing: true, city: 'Stockholm' },
  ],
});
const cmd = (version: number, over: Partial<UpdateMagentoCustomer> = {}): UpdateMagentoCustomer => ({
  meta: { commandId: `c${version}`, idempotencyKey: `k${version}`, correlationId: '5', causationId: 'e', issuedAt: 0 },
  magentoCustomerId: 5,
  cuno: 'MG0000001',
  m3Version: String(version),
  telephone: '+4699',
  groupId: 2,
  ...over,
});

describe('customer changes', () => {
  it('changes the group and the default billing telephone, keeping every other address and attribute', () => {
    const next = customerChanges(stored(), cmd(1));
    expect(next).toMatchObject({ group_id: 2, firstname: 'Anna', custom_attributes: stored().custom_attributes });
    expect(next?.addresses).toEqual([stored().addresses![0], { ...stored().addresses![1], telephone: '+4699' }]);
  });

  it('sends no addresses when only the group changes, and nothing when Magento holds the values', () => {
    expect(customerChanges(stored(), cmd(1, { telephone: '+4622' }))).not.toHaveProperty('addresses');
    expect(customerChanges(stored(), cmd(1, { telephone: '+4622', groupId: 1 }))).toBeUndefined();
    expect(customerChanges(stored(), cmd(1, { telephone: null, groupId: null }))).toBeUndefined();
  });

  it('writes no telephone for a customer without a default billing address', () => {
    const { default_billing: _b, ...rest } = stored();
    const none: MagentoCustomer = { ...rest, addresses: [{ id: 10, telephone: '+4611' }] };
    expect(customerChanges(none, cmd(1, { groupId: 1 }))).toBeUndefined();
  });
});

describe('customer handler', () => {
  it('applies the newest M3 version once and skips a customer Magento no longer has', async () => {
    let current: MagentoCustomer | undefined = stored();
    const puts: MagentoCustomer[] = [];
    const customers: CustomersClient = {
      get: async () => current,
      update: async (_id, c) => {
        puts.push(c);
        current = c;
        return c;
      },
    };
    const handle = customerHandler({
      customers,
      versions: createVersionGuard({
        table: createMemoryTable<DocumentVersion>(),
        scheme: integerVersions,
        sourceSystem: 'M3',
      }),
      logger: createLogger({ service: 'test', version: '0', level: 'silent' }),
    });
    const msg = (value: UpdateMagentoCustomer) => ({
      topic: 't',
      partition: 0,
      offset: '0',
      key: '5',
      value,
      headers: {},
      attempt: 1,
    });
    await handle(msg(cmd(2000)));
    await handle(msg(cmd(1000, { telephone: '+4600', groupId: 3 })));
    await handle(msg(cmd(2000)));
    expect(puts).toHaveLength(1);
    expect(current?.group_id).toBe(2);
    current = undefined;
    expect(await handle(msg(cmd(3000, { groupId: 3 })))).toEqual({ outcome: 'ack' });
    expect(puts).toHaveLength(1);
  });
});
