// Which MSI source fields M3 owns (docs/mappings.md, "Inventory source"): the warehouse's name and address,
// the only fields magento-writer ever writes on an existing source. `enabled` is set once, when the source is
// created, and is Magento's from then on (custom sources cannot be deleted, only disabled: a merchant's
// "disabled" must survive every M3 update). Links to stocks are made for a new source only, after the links
// a stock already has (priority = highest + 1); they are never changed or removed.
import type { UpsertSource } from '@m3mage/schemas/types';
import type { MagentoSource, SourceFields, StockSourceLink } from '../clients/inventory.client';

export interface OwnedSourceField {
  /** Magento source field. */
  code: 'name' | 'country_id' | 'postcode' | 'city' | 'street';
  /** Where its value comes from in M3 (for the docs). */
  from: string;
  /** The command's value, or undefined when the command carries none (then it is not written). */
  value(cmd: UpsertSource): string | undefined;
}

/** Written on create and on every update where they differ. */
export const ownedSourceFields: readonly OwnedSourceField[] = Object.freeze([
  { code: 'name', from: 'MMS005 WHNM', value: (c) => c.name },
  { code: 'country_id', from: 'MMS005 CSCD', value: (c) => c.countryId },
  { code: 'postcode', from: 'MMS005 PONO', value: (c) => c.postcode },
  { code: 'city', from: 'MMS005 TOWN', value: (c) => c.city ?? undefined },
  { code: 'street', from: 'MMS005 ADR1..ADR4', value: (c) => c.street ?? undefined },
]);

/** The body of a new source: the owned fields, enabled. */
export function newSourceBody(cmd: UpsertSource): SourceFields & { source_code: string } {
  const body: SourceFields & { source_code: string } = { source_code: cmd.sourceCode, enabled: true };
  for (const f of ownedSourceFields) {
    const v = f.value(cmd);
    if (v !== undefined) body[f.code] = v;
  }
  return body;
}

/** The owned fields that differ from Magento's; undefined: nothing to write. */
export function sourceChanges(current: MagentoSource, cmd: UpsertSource): SourceFields | undefined {
  const changes: SourceFields = {};
  let changed = false;
  for (const f of ownedSourceFields) {
    const v = f.value(cmd);
    if (v === undefined || current[f.code] === v) continue;
    changes[f.code] = v;
    changed = true;
  }
  return changed ? changes : undefined;
}

/**
 * The links that make `sourceCode` serve each of `stockIds` it does not serve yet, each after the links its
 * stock already has (`existing`: the stock's current links).
 */
export function linksToAdd(
  sourceCode: string,
  stockIds: readonly number[],
  existing: ReadonlyMap<number, readonly StockSourceLink[]>,
): StockSourceLink[] {
  const add: StockSourceLink[] = [];
  for (const stockId of new Set(stockIds)) {
    const links = existing.get(stockId) ?? [];
    if (links.some((l) => l.source_code === sourceCode)) continue;
    const highest = links.reduce((max, l) => Math.max(max, Number(l.priority) || 0), 0);
    add.push({ stock_id: stockId, source_code: sourceCode, priority: highest + 1 });
  }
  return add;
}
