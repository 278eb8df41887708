// M3 customer (cdc.m3.customer.v1) → UpdateMagentoCustomer on cmd.magento.customer.v1: the fields M3 owns
// (table ownedByM3) — the phone (PHNO → the telephone of the Magento default billing address) and the
// customer type (CUTP → the Magento group, table customerGroupByType). Only customers the integration links
// to a Magento account (xref.customer.v1) are written; names, e-mail and addresses are Magento's.
import { defineMapping, from, lookup, transform } from './kit';
import { customerGroupByType } from './tables/customer-groups';
import type { M3Customer, UpdateMagentoCustomer } from '@m3mage/schemas/types';

const trimmed = transform<unknown, string>('trimmed', 'spaces around removed', (v) => String(v).trim() || null);

/** The mapping's input: the M3 customer and the Magento account it is linked to. */
export interface LinkedM3Customer {
  customer: M3Customer;
  magentoCustomerId: number;
}

export type MagentoCustomerBody = Omit<UpdateMagentoCustomer, 'meta'>;

export const m3CustomerMapping = defineMapping<LinkedM3Customer, MagentoCustomerBody>(
  {
    magentoCustomerId: from('magentoCustomerId').required(),
    cuno: from('customer.cuno').required(),
    m3Version: from('customer.changeStamp').required().describe('newest wins in magento-writer'),
    telephone: from('customer.phone')
      .via(trimmed)
      .omit()
      .describe('as M3 holds it; empty in M3: the Magento telephone is kept'),
    groupId: from('customer.customerType').via(lookup(customerGroupByType)).omit(),
  },
  {
    name: 'm3-customer',
    title: 'M3 customer (M3 customer → cmd.magento.customer.v1)',
    description:
      'A change of an M3 customer linked to a Magento account writes the fields M3 owns to that account: the phone and the customer group. Everything else of the Magento customer (names, e-mail, addresses, other attributes) is left as it is.',
  },
);
