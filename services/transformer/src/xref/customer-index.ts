// CUNO → the Magento account it is linked to, from the compacted xref.customer.v1 (keyed by e-mail): loaded
// before the consumers start and kept up to date by tailing the topic. An account whose e-mail changed has
// two records for one CUNO; the newest (updatedAt) wins. A link without a Magento id (a guest's orders) is
// no account.
import type { CustomerXref } from '@m3mage/schemas/types';

export interface CustomerIndex {
  /** Feed every xref record (the table's accept hook). */
  accept(value: unknown): CustomerXref | undefined;
  /** The Magento customer id linked to this M3 customer, if any. */
  magentoIdOf(cuno: string): number | undefined;
  size(): number;
}

const isXref = (v: unknown): v is CustomerXref =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as CustomerXref).cuno === 'string' &&
  typeof (v as CustomerXref).email === 'string';

export function createCustomerIndex(): CustomerIndex {
  const byCuno = new Map<string, CustomerXref>();
  return {
    accept(value) {
      if (!isXref(value)) return undefined;
      const cuno = value.cuno.trim();
      const known = byCuno.get(cuno);
      if (!known || value.updatedAt >= known.updatedAt) byCuno.set(cuno, value);
      return value;
    },
    magentoIdOf(cuno) {
      const id = byCuno.get(cuno.trim())?.magentoCustomerId;
      return id === null || id === undefined ? undefined : Number(id);
    },
    size: () => byCuno.size,
  };
}
