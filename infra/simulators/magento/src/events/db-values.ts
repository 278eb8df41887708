/** Shapes entity snapshots the way Magento's event payloads carry them (FORMAT-NOTES 40, 44). */

const INTEGER = /(^id$|_id$|_count$|_flag$|^is_|_sent$|^state$|^status$|visibility|_guest$|^position$)/;
const DECIMAL = /(amount|total|price|qty|weight|percent|subtotal|tax|discount|refunded|invoiced|paid|due|quantity)/;

/** One value as the DB returns it: decimals `"58.0400"`, integers `"33"`, flags `"1"`, street lines joined by `\n`. */
export function dbValue(key: string, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return !INTEGER.test(key) && DECIMAL.test(key) ? v.toFixed(4) : String(v);
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x !== 'object' || x === null)) return v.map(String).join('\n');
    return v.map((x: unknown) => dbStyle(x));
  }
  if (typeof v === 'object') return dbStyle(v);
  return v;
}

export function dbStyle(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((x: unknown) => dbStyle(x));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = dbValue(k, v);
  return out;
}

/**
 * The thin payload of an Adobe I/O event: no extension attributes, no nested addresses or payment — only the
 * subscribed fields (`items[].sku` selects inside arrays) or, by default, the top-level scalar columns.
 */
export function thin(snapshot: Record<string, unknown>, fields?: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!fields || fields.length === 0) {
    for (const [k, v] of Object.entries(snapshot)) if (v === null || typeof v !== 'object') out[k] = v;
    return out;
  }
  for (const f of fields) {
    const m = /^(\w+)\[\]\.(\w+)$/.exec(f);
    const [, listKey, subKey] = m ?? [];
    if (listKey && subKey) {
      const list = snapshot[listKey];
      if (!Array.isArray(list)) continue;
      const prev =
        (out[listKey] as Array<Record<string, unknown>> | undefined) ?? list.map((): Record<string, unknown> => ({}));
      (list as Array<Record<string, unknown>>).forEach((item, i) => {
        const target = prev[i];
        if (target) target[subKey] = item[subKey];
      });
      out[listKey] = prev;
    } else if (f in snapshot && f !== 'extension_attributes') {
      out[f] = snapshot[f];
    }
  }
  return out;
}
