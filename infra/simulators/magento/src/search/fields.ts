/** Magento's `fields=` response projection, e.g. `items[entity_id,increment_id,items[sku]],total_count`. */
export type FieldTree = Map<string, FieldTree | null>;

export function parseFields(spec: string): FieldTree {
  let pos = 0;
  const parseList = (): FieldTree => {
    const tree: FieldTree = new Map();
    let name = '';
    const flush = (sub: FieldTree | null): void => {
      if (name.trim()) tree.set(name.trim(), sub);
      name = '';
    };
    while (pos < spec.length) {
      const ch = spec[pos++];
      if (ch === '[') flush(parseList());
      else if (ch === ']') break;
      else if (ch === ',') flush(null);
      else name += ch;
      if (ch === '[' && spec[pos] === ',') pos++;
    }
    flush(null);
    return tree;
  };
  return parseList();
}

export function project(value: unknown, tree: FieldTree): unknown {
  if (Array.isArray(value)) return value.map((v) => project(v, tree));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, sub] of tree) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = sub ? project(v, sub) : v;
  }
  return out;
}

/** Applies `?fields=` when present. */
export function withFields(body: unknown, query: unknown): unknown {
  const spec = (query as Record<string, unknown> | undefined)?.fields;
  return typeof spec === 'string' && spec !== '' ? project(body, parseFields(spec)) : body;
}
