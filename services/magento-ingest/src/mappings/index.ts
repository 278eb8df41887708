// magento-ingest's mappings, in the order docs/mappings.md presents them: each top-level mapping, then the
// mappings it nests.
import type { Mapping } from '@m3mage/runtime/mapping';
import { customerAddressMapping, postalAddressMapping } from './customer-address.mapping';
import { customerMapping } from './customer.mapping';
import { orderAddressMapping } from './order-address.mapping';
import { orderLineMapping } from './order-line.mapping';
import { orderMapping } from './order.mapping';
import { paymentMapping } from './payment.mapping';

export const magentoIngestMappings = [
  orderMapping,
  orderLineMapping,
  orderAddressMapping,
  paymentMapping,
  customerMapping,
  customerAddressMapping,
  postalAddressMapping,
] as unknown as readonly Mapping<never, unknown>[];

export { customerMapping, mapCustomer } from './customer.mapping';
export { isCompleteOrder, mapOrder, orderMapping } from './order.mapping';
