// ORNO → Magento increment id, from the compacted xref.order.v1 (keyed by increment id): loaded before the
// consumers start and kept up to date by tailing the topic (the runtime's compacted table).
import type { OrderXref } from '@m3mage/schemas/types';

export interface OrderIndex {
  /** Feed every xref record (the table's accept hook). */
  accept(value: unknown): OrderXref | undefined;
  incrementIdOf(orno: string): string | undefined;
  size(): number;
}

const isXref = (v: unknown): v is OrderXref =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as OrderXref).orno === 'string' &&
  typeof (v as OrderXref).incrementId === 'string';

export function createOrderIndex(): OrderIndex {
  const byOrno = new Map<string, string>();
  return {
    accept(value) {
      if (!isXref(value)) return undefined;
      byOrno.set(value.orno.trim(), value.incrementId);
      return value;
    },
    incrementIdOf: (orno) => byOrno.get(orno.trim()),
    size: () => byOrno.size,
  };
}
