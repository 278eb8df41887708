import type { MagentoState } from '../state/store';
import type { Product } from '../state/types';
import type { SearchCriteria } from './criteria';

const NUMERIC = /^-?\d+(\.\d+)?$/;

/**
 * The products a search can match, found the way MySQL uses the unique index on `sku`: a filter group made only
 * of `sku eq|in` filters (AND across groups) restricts the result to those skus, compared case-insensitively as
 * the collation does. Anything else — and a numeric value, which the comparison matches numerically — reads every
 * product. applySearch then applies the whole criteria to what is returned, so the answer is the same either way;
 * only a backfill's `sku in (…100 skus)` no longer builds a view of every product.
 */
export function productsBySku(state: MagentoState, criteria: SearchCriteria): Product[] {
  for (const group of criteria.filter_groups) {
    const bySku =
      group.filters.length > 0 &&
      group.filters.every((f) => f.field === 'sku' && (f.condition_type === 'eq' || f.condition_type === 'in'));
    if (!bySku) continue;
    const values = group.filters.flatMap((f) =>
      f.condition_type === 'in' ? f.value.split(',').map((v) => v.trim()) : [f.value],
    );
    if (values.some((v) => NUMERIC.test(v.trim()))) break;
    const skus = new Set(values.flatMap((v) => state.skuByLowerCase.get(v.toLowerCase()) ?? []));
    // In the order a full read lists them (creation order, which is id order).
    return [...skus].flatMap((sku) => state.products.get(sku) ?? []).sort((a, b) => a.id - b.id);
  }
  return [...state.products.values()];
}
