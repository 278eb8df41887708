// Numbers and times from Magento, which arrive as REST JSON numbers or DB-style strings (`"58.0400"`, `"33"`,
// FORMAT-NOTES 40). Decimals become canonical decimal strings, never floats (the shared decimal module).
import { getPath, normalizeText, reject, transform } from '@m3mage/runtime/mapping';

export const decimal = transform<unknown, string>(
  'decimal',
  'a JSON number or a decimal string, exact, trailing zeros removed ("58.0400" → "58.04")',
  (v) => {
    if (typeof v === 'number' && !Number.isFinite(v)) return reject(`is not a finite number (${v})`);
    if (typeof v !== 'number' && typeof v !== 'string') return reject(`is not a decimal (${JSON.stringify(v)})`);
    try {
      return normalizeText(v);
    } catch {
      return reject(`is not a decimal (${JSON.stringify(v)})`);
    }
  },
);

export const integer = transform<unknown, number>('integer', 'a JSON number or a digit string ("33")', (v) => {
  const n = typeof v === 'string' && /^[+-]?\d+$/.test(v.trim()) ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : reject(`is not an integer (${JSON.stringify(v)})`);
});

const MAGENTO_TS = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]00:?00)?$/;

export const timestamp = transform<unknown, string>(
  'timestamp',
  'Magento `YYYY-MM-DD HH:MM:SS` (UTC); an ISO-8601 UTC form is normalised to it',
  (v) => {
    const t = typeof v === 'string' || typeof v === 'number' ? String(v) : reject(`is not a string (${typeof v})`);
    const m = MAGENTO_TS.exec(t.trim());
    return m ? `${m[1]} ${m[2]}` : reject(`is not a Magento timestamp (${JSON.stringify(t)})`);
  },
);

/** `primary`, else (absent or null) `fallback`: two paths of the input. */
export const orElse = (primary: string, fallback: string) =>
  transform<unknown, unknown>(
    `${primary} ?? ${fallback}`,
    'the first path, else (absent or null) the second',
    (v) => getPath(v, primary) ?? getPath(v, fallback),
  );

/** Magento's booleans: true, 1 or "1" (REST JSON and DB strings). */
export const flag = (v: unknown): boolean => v === true || v === 1 || v === '1';

/** Whether Magento set a column: not absent, null or "". */
export const isSet = (v: unknown): boolean => v !== undefined && v !== null && v !== '';
