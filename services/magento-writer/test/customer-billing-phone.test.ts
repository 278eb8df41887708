// Which address of a Magento customer gets M3's telephone: the one flagged default_billing, else the one the
// customer's default_billing id names (a string or a number), else none — and no change when it holds it.
import { describe, expect, it } from 'vitest';
import type { UpdateMagentoCustomer } from '@m3mage/schemas/types';
import type { MagentoCustomer } from '../src/clients/customers.client';
import { customerChanges } from '../src/handlers/customer.handler';

const cmd = (over: Partial<UpdateMagentoCustomer> = {}): UpdateMagentoCustomer => ({
  meta: { commandId: 'c1', idempotencyKey: 'k1', correlationId: '5', causationId: 'e', issuedAt: 0 },
  magentoCustomerId: 5,
  cuno: 'MG0000001',
  m3Version: '1',
  telephone: '+4699',
  groupId: 1,
  ...over,
});
const customer = (over: Partial<MagentoCustomer> = {}): MagentoCustomer => ({
  id: 5,
  email: 'anna@example.com',
  group_id: 1,
  addresses: [
    { id: 10, telephone: '+4610', city: 'Solna' },
    { id: 11, telephone: '+4611', city: 'Stockholm' },
  ],
  ...over,
});
const phones = (c: MagentoCustomer | undefined) => c?.addresses?.map((a) => a.telephone);

describe('the default billing address gets the telephone', () => {
  it('the first address, when it is the one flagged', () => {
    const c = customer({
      addresses: [
        { id: 10, telephone: '+4610', default_billing: true },
        { id: 11, telephone: '+4611' },
      ],
    });
    expect(phones(customerChanges(c, cmd()))).toEqual(['+4699', '+4611']);
  });

  it('the flagged one, not an address flagged false nor the one default_billing names', () => {
    const c = customer({
      default_billing: '10',
      addresses: [
        { id: 10, telephone: '+4610', default_billing: false },
        { id: 11, telephone: '+4611', default_billing: true },
      ],
    });
    expect(phones(customerChanges(c, cmd()))).toEqual(['+4610', '+4699']);
  });

  it('without flags, the address whose id default_billing names (ids compared as text)', () => {
    expect(phones(customerChanges(customer({ default_billing: '11' }), cmd()))).toEqual(['+4610', '+4699']);
    const numeric = customer({ default_billing: 10 as unknown as string });
    expect(phones(customerChanges(numeric, cmd()))).toEqual(['+4699', '+4611']);
  });

  it('none without flags and without default_billing: no telephone is written', () => {
    expect(customerChanges(customer(), cmd())).toBeUndefined();
    expect(customerChanges(customer({ default_billing: '12' }), cmd())).toBeUndefined();
  });

  it('an address without a telephone and a blank M3 telephone agree: nothing to send', () => {
    const c = customer({ default_billing: '10', addresses: [{ id: 10 }, { id: 11, telephone: '+4611' }] });
    expect(customerChanges(c, cmd({ telephone: '' }))).toBeUndefined();
    expect(phones(customerChanges(c, cmd()))).toEqual(['+4699', '+4611']);
  });
});
