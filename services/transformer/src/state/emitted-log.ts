// What the transformer last sent per order, kept in the compacted topic state.transformer.emitted.v1 through
// the runtime's version guard. It makes the loop rule hold when a change event carries no `before` (ingest
// does not keep old versions, and replays start anywhere): a command whose content equals the last one sent
// is not sent again (key `customer-order:<increment id>`, version the command's content hash), and a payment
// is posted only when the amount paid rises above the last amount posted (key `payment:<increment id>`,
// version the total paid, compared as a decimal).
import {
  createMemoryTable,
  createVersionGuard,
  type CompactedTable,
  type VersionGuard,
  type VersionScheme,
} from '@m3mage/runtime';
import type { DocumentVersion } from '@m3mage/schemas/types';
import { compare, formatDecimal, parseDecimal } from '@m3mage/runtime/mapping';

export interface EmittedLog {
  commands: VersionGuard<string>;
  payments: VersionGuard<string>;
}

/** Content hashes: one equal to the last is a duplicate, any other is a change (content has no "older"). */
export const contentVersions: VersionScheme<string> = {
  parse: (s) => (s === '' ? undefined : s),
  format: (s) => s,
  compare: (a, b) => (a === b ? 0 : 1),
};

function decimalText(s: string): string | undefined {
  try {
    return formatDecimal(parseDecimal(s));
  } catch {
    return undefined;
  }
}

/** Amounts as decimal text: a higher total is a change, the same a duplicate, a lower one stale. */
export const amountVersions: VersionScheme<string> = {
  parse: decimalText,
  format: (s) => s,
  compare: (a, b) => compare(parseDecimal(a), parseDecimal(b)),
};

export function emittedLog(table: CompactedTable<DocumentVersion>, now?: () => number): EmittedLog {
  const common = { table, sourceSystem: 'MAGENTO' as const, ...(now ? { now } : {}) };
  return {
    commands: createVersionGuard({ ...common, scheme: contentVersions }),
    payments: createVersionGuard({ ...common, scheme: amountVersions }),
  };
}

/** For tests and callers without a state topic: remembers for the life of the handler only. */
export const memoryEmittedLog = (): EmittedLog => emittedLog(createMemoryTable<DocumentVersion>());
