// The searchCriteria of a keyset read by (updated_at, id) ascending, shared by every list the poller reads
// (FORMAT-NOTES 30–31): always page 1, the cursor moves by value, so records changed while the read goes on
// cannot shift others out of sight as page numbers would.
import { searchFilter, type MagentoQuery } from '@m3mage/connectors/magento';

/** A Magento list envelope (`{items, search_criteria, total_count}`). */
export interface ChangedList {
  items: unknown[];
  total_count: number;
}

/**
 * One step of a keyset read: `from` = records with updated_at ≥ the time; `same-second` = updated_at equal to
 * the time and id above `afterEntityId`; `later` = updated_at after the time.
 */
export type ChangedQuery =
  | { kind: 'from'; updatedAt: string }
  | { kind: 'same-second'; updatedAt: string; afterEntityId: number }
  | { kind: 'later'; updatedAt: string };

/** The query of one keyset step; `idField` is the id column searchCriteria filters and sorts by. */
export function keysetQuery(q: ChangedQuery, pageSize: number, idField: string): MagentoQuery {
  const sameSecond = q.kind === 'same-second';
  return {
    ...searchFilter(0, 'updated_at', q.updatedAt, q.kind === 'from' ? 'gteq' : q.kind === 'later' ? 'gt' : 'eq'),
    ...(sameSecond ? searchFilter(1, idField, q.afterEntityId, 'gt') : {}),
    ...(sameSecond
      ? {}
      : {
          'searchCriteria[sortOrders][0][field]': 'updated_at',
          'searchCriteria[sortOrders][0][direction]': 'ASC',
        }),
    [`searchCriteria[sortOrders][${sameSecond ? 0 : 1}][field]`]: idField,
    [`searchCriteria[sortOrders][${sameSecond ? 0 : 1}][direction]`]: 'ASC',
    'searchCriteria[pageSize]': pageSize,
    'searchCriteria[currentPage]': 1,
  };
}

/** The keyset position of a listed record: its updated_at as listed ('' when absent) and its id (`idField`). */
export const listedRow =
  (idField: string) =>
  (raw: unknown): { updatedAt: string; id: number } => {
    const r = raw as Record<string, unknown>;
    return { updatedAt: typeof r.updated_at === 'string' ? r.updated_at : '', id: Number(r[idField]) };
  };
