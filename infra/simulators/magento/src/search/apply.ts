import type { SearchCriteria } from './criteria';
import { compare, matches } from './match';

/** Magento's list envelope (FORMAT-NOTES 31). */
export interface SearchResult<T> {
  items: T[];
  search_criteria: SearchCriteria;
  total_count: number;
}

export interface ApplyOptions {
  /** Columns filterable/sortable beyond those present on the entities. */
  columns?: readonly string[];
  /** Columns answered under another name (customers: the `entity_id` column is the answer's `id`). */
  aliases?: Readonly<Record<string, string>>;
}

/**
 * Filters (OR inside a group, AND across groups), sorts, pages. No pageSize → all matches. A currentPage past
 * the last page answers the last page again, as Magento's collections do (a classic infinite-loop trap).
 * An unknown column fails like the SQL error it is in Magento (500).
 */
export function applySearch<T extends object>(
  all: readonly T[],
  criteria: SearchCriteria,
  opts: ApplyOptions = {},
): SearchResult<T> {
  const aliases = opts.aliases ?? {};
  const get = (item: T, field: string): unknown => (item as Record<string, unknown>)[aliases[field] ?? field];
  const known = new Set([...(opts.columns ?? []), ...Object.keys(aliases)]);
  const check = (field: string): void => {
    if (known.has(field) || all.length === 0 || all.some((i) => field in i)) return;
    throw new Error(`SQLSTATE[42S22]: Column not found: 1054 Unknown column '${field}' in 'where clause'`);
  };
  criteria.filter_groups.forEach((g) => g.filters.forEach((f) => check(f.field)));
  criteria.sort_orders?.forEach((s) => check(s.field));

  const matched = all.filter((item) =>
    criteria.filter_groups.every(
      (group) => group.filters.length === 0 || group.filters.some((f) => matches(get(item, f.field), f)),
    ),
  );
  const sorts = criteria.sort_orders ?? [];
  const sorted =
    sorts.length === 0
      ? matched
      : [...matched].sort((a, b) => {
          for (const s of sorts) {
            const d = compareNullsFirst(get(a, s.field), get(b, s.field));
            if (d !== 0) return s.direction === 'DESC' ? -d : d;
          }
          return 0;
        });

  const size = criteria.page_size ?? 0;
  let items = sorted;
  if (size > 0) {
    const lastPage = Math.max(1, Math.ceil(sorted.length / size));
    const page = Math.min(Math.max(1, criteria.current_page ?? 1), lastPage);
    items = sorted.slice((page - 1) * size, page * size);
  }
  return { items, search_criteria: criteria, total_count: matched.length };
}

function compareNullsFirst(a: unknown, b: unknown): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an === bn ? 0 : an ? -1 : 1;
  return compare(a, b);
}
