// cmd.m3.customer.v1 (UpsertCustomer): find the M3 customer by e-mail and update it, or create it;
// the e-mail ⇄ CUNO cross-reference goes to xref.customer.v1.
import type { Handler } from '@m3mage/runtime';
import type { UpsertCustomer } from '@m3mage/schemas/types';
import type { CustomerResolver } from './customer-resolver';

export function customerHandler(customers: CustomerResolver): Handler<UpsertCustomer> {
  return async (msg) => {
    if (msg.value === null) return { outcome: 'ack' };
    await customers.resolve(msg.value.customer, msg.value.meta, { update: true });
    return { outcome: 'ack' };
  };
}
