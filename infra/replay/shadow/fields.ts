// Pure: the field-level differences of two decoded records, as paths (`head.whlo`, `lines[2].qty`) with both
// values. A missing field and null are the same (Avro's optional fields); `meta.issuedAt` (when the command
// was built) is never a difference, and `ignore` leaves out more paths.
export interface FieldDiff {
  path: string;
  live: unknown;
  shadow: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

const same = (a: unknown, b: unknown): boolean => {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return Object.is(a, b);
};

export const ALWAYS_IGNORED = ['meta.issuedAt'];

export function fieldDiffs(live: unknown, shadow: unknown, ignore: readonly string[] = [], path = ''): FieldDiff[] {
  if ([...ALWAYS_IGNORED, ...ignore].includes(path)) return [];
  if (Array.isArray(live) && Array.isArray(shadow)) {
    const out: FieldDiff[] = [];
    for (let i = 0; i < Math.max(live.length, shadow.length); i += 1)
      out.push(...fieldDiffs(live[i], shadow[i], ignore, `${path}[${i}]`));
    return out;
  }
  if (isObject(live) && isObject(shadow)) {
    const keys = [...new Set([...Object.keys(live), ...Object.keys(shadow)])].sort();
    return keys.flatMap((k) => fieldDiffs(live[k], shadow[k], ignore, join(path, k)));
  }
  return same(live, shadow) ? [] : [{ path: path === '' ? '(value)' : path, live, shadow }];
}
