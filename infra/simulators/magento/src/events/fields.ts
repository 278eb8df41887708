/**
 * `<fields>` of a hook or an event subscription (FORMAT-NOTES 39, 44, 50): each field is a path
 * (`increment_id`, `order.items[].sku`, `data.order.addresses`), or `{name, source}` where `source` is the
 * path read and `name` the path written (Commerce hooks; without `source`, `name` is both). `[]` after a
 * segment selects inside every element of an array. Only the listed paths are sent.
 */
export type FieldSpec = string | { name: string; source?: string | undefined };

type Json = unknown;
const segments = (path: string): string[] => path.split('.').filter((s) => s !== '');
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function extract(value: Json, segs: readonly string[]): Json {
  const [head, ...rest] = segs;
  if (head === undefined) return value;
  if (!isObject(value)) return undefined;
  const list = head.endsWith('[]');
  const child = value[list ? head.slice(0, -2) : head];
  if (!list) return extract(child, rest);
  return Array.isArray(child) ? child.map((x: unknown) => extract(x, rest)) : undefined;
}

function place(segs: readonly string[], value: Json): Json {
  const [head, ...rest] = segs;
  if (head === undefined) return value;
  if (!head.endsWith('[]')) return { [head]: place(rest, value) };
  return { [head.slice(0, -2)]: Array.isArray(value) ? value.map((x: unknown) => place(rest, x)) : [] };
}

function merge(a: Json, b: Json): Json {
  if (Array.isArray(a) && Array.isArray(b)) return b.map((x: unknown, i) => merge(a[i], x));
  if (isObject(a) && isObject(b)) {
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = k in out ? merge(out[k], v) : v;
    return out;
  }
  return b === undefined ? a : b;
}

const hasValue = (v: Json): boolean => v !== undefined && !(Array.isArray(v) && v.every((x) => x === undefined));

/** `root` reduced to the listed fields; a path that does not exist is left out. */
export function selectFields(root: Record<string, unknown>, fields: readonly FieldSpec[]): Record<string, unknown> {
  let out: Json = {};
  for (const f of fields) {
    const { name, source } =
      typeof f === 'string' ? { name: f, source: f } : { name: f.name, source: f.source ?? f.name };
    const value = extract(root, segments(source));
    if (hasValue(value)) out = merge(out, place(segments(name), value));
  }
  return out as Record<string, unknown>;
}
