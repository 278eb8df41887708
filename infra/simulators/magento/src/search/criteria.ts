import { errors } from '../http/errors';

/** Magento's searchCriteria condition types (FORMAT-NOTES 30). */
export const CONDITION_TYPES = [
  'eq',
  'finset',
  'from',
  'gt',
  'gteq',
  'in',
  'like',
  'lt',
  'lteq',
  'moreq',
  'neq',
  'nfinset',
  'nin',
  'nlike',
  'notnull',
  'null',
  'to',
] as const;
export type ConditionType = (typeof CONDITION_TYPES)[number];

export interface Filter {
  field: string;
  value: string;
  condition_type: ConditionType;
}
export interface SortOrder {
  field: string;
  direction: 'ASC' | 'DESC';
}
/** Parsed criteria, in the snake_case shape Magento echoes back as `search_criteria`. */
export interface SearchCriteria {
  filter_groups: Array<{ filters: Filter[] }>;
  sort_orders?: SortOrder[];
  page_size?: number;
  current_page?: number;
}

const FILTER = /^searchCriteria\[(?:filter_groups|filterGroups)\]\[(\d+)\]\[filters\]\[(\d+)\]\[(\w+)\]$/;
const SORT = /^searchCriteria\[(?:sortOrders|sort_orders)\]\[(\d+)\]\[(\w+)\]$/;

type RawFilter = Partial<Record<'field' | 'value' | 'condition_type', string>>;

/** Reads `searchCriteria[...]` keys of a flat query object (as fastify parses it). */
export function parseSearchCriteria(query: Record<string, unknown>): SearchCriteria {
  const groups = new Map<number, Map<number, RawFilter>>();
  const sorts = new Map<number, Partial<SortOrder>>();
  const criteria: SearchCriteria = { filter_groups: [] };

  for (const [key, raw] of Object.entries(query)) {
    const value = Array.isArray(raw) ? String(raw[raw.length - 1]) : String(raw);
    const f = FILTER.exec(key);
    if (f) {
      const group = groups.get(Number(f[1])) ?? new Map<number, RawFilter>();
      groups.set(Number(f[1]), group);
      const filter = group.get(Number(f[2])) ?? {};
      group.set(Number(f[2]), filter);
      const prop = f[3] === 'conditionType' ? 'condition_type' : f[3];
      if (prop === 'field' || prop === 'value' || prop === 'condition_type') filter[prop] = value;
      continue;
    }
    const s = SORT.exec(key);
    if (s) {
      const sort = sorts.get(Number(s[1])) ?? {};
      sorts.set(Number(s[1]), sort);
      if (s[2] === 'field') sort.field = value;
      if (s[2] === 'direction') sort.direction = value.toUpperCase() === 'DESC' ? 'DESC' : 'ASC';
      continue;
    }
    if (key === 'searchCriteria[pageSize]' || key === 'searchCriteria[page_size]')
      criteria.page_size = toInt(value, 'pageSize');
    if (key === 'searchCriteria[currentPage]' || key === 'searchCriteria[current_page]')
      criteria.current_page = toInt(value, 'currentPage');
  }

  for (const [, group] of [...groups].sort(byKey)) {
    const filters = [...group].sort(byKey).map(([, f]) => toFilter(f));
    criteria.filter_groups.push({ filters });
  }
  if (sorts.size > 0) {
    criteria.sort_orders = [...sorts]
      .sort(byKey)
      .filter(([, s]) => s.field !== undefined)
      .map(([, s]) => ({ field: s.field ?? '', direction: s.direction ?? 'ASC' }));
  }
  return criteria;
}

function toFilter(raw: RawFilter): Filter {
  if (raw.field === undefined || raw.field === '') throw errors.required('field');
  const condition = (raw.condition_type ?? 'eq').toLowerCase();
  if (!isCondition(condition)) throw errors.invalidValue(condition, 'condition_type');
  return { field: raw.field, value: raw.value ?? '', condition_type: condition };
}

function isCondition(c: string): c is ConditionType {
  return (CONDITION_TYPES as readonly string[]).includes(c);
}

function toInt(value: string, field: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw errors.invalidValue(value, field);
  return n;
}

const byKey = <T>(a: [number, T], b: [number, T]): number => a[0] - b[0];
