import type { ConditionType, Filter } from './criteria';

/** SQL-like comparison: numbers numerically, strings case-insensitively (MySQL's default collation). */
export function compare(a: unknown, b: unknown): number {
  const an = toNumber(a);
  const bn = toNumber(b);
  if (an !== undefined && bn !== undefined) return an - bn;
  const as = text(a).toLowerCase();
  const bs = text(b).toLowerCase();
  return as < bs ? -1 : as > bs ? 1 : 0;
}

/** Whether one entity value satisfies one filter. NULL never matches a comparison, as in SQL. */
export function matches(actual: unknown, filter: Filter): boolean {
  const cond: ConditionType = filter.condition_type;
  const v = filter.value;
  if (cond === 'null') return actual === null || actual === undefined;
  if (cond === 'notnull') return actual !== null && actual !== undefined;
  if (actual === null || actual === undefined) return false;
  switch (cond) {
    case 'eq':
      return compare(actual, v) === 0;
    case 'neq':
      return compare(actual, v) !== 0;
    case 'gt':
      return compare(actual, v) > 0;
    case 'gteq':
    case 'moreq':
    case 'from':
      return compare(actual, v) >= 0;
    case 'lt':
      return compare(actual, v) < 0;
    case 'lteq':
    case 'to':
      return compare(actual, v) <= 0;
    case 'in':
      return csv(v).some((x) => compare(actual, x) === 0);
    case 'nin':
      return !csv(v).some((x) => compare(actual, x) === 0);
    case 'like':
      return likeToRegExp(v).test(text(actual));
    case 'nlike':
      return !likeToRegExp(v).test(text(actual));
    case 'finset':
      return csv(text(actual)).some((x) => compare(x, v) === 0);
    case 'nfinset':
      return !csv(text(actual)).some((x) => compare(x, v) === 0);
  }
}

function toNumber(x: unknown): number | undefined {
  if (typeof x === 'number') return x;
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (typeof x === 'string' && /^-?\d+(\.\d+)?$/.test(x.trim())) return Number(x);
  return undefined;
}

/** Scalar as SQL would see it. */
const text = (x: unknown): string => {
  if (typeof x === 'string') return x;
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  return JSON.stringify(x) ?? '';
};

const csv = (s: string): string[] => s.split(',').map((x) => x.trim());

/** SQL LIKE: `%` any run, `_` one character; case-insensitive. */
export function likeToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('')
    .map((ch) => (ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'is');
}
