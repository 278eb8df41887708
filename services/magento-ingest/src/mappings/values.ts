// Named pure transforms for Magento values, which arrive as REST JSON (numbers) or DB-style strings
// (`"58.0400"`, `"33"`, `"1"`, street lines joined by "\n") — FORMAT-NOTES 32, 40, 44. Decimals become
// canonical decimal strings, never floats (the shared decimal module and path reader, @m3mage/runtime/mapping). Free text (what a person typed: names, address lines) has its card
// numbers masked here, before any topic sees it (ADR 0009).
import { AppError, maskCardNumbers, scanCardNumbers } from '@m3mage/runtime';
import { getPath, normalizeText } from '@m3mage/runtime/mapping';

export type Source = Readonly<Record<string, unknown>>;

export class MappingError extends AppError {
  constructor(
    readonly field: string,
    readonly problem: string,
    /** The registry noun the message names ("Magento customer: email is missing"). */
    readonly entity = 'order',
  ) {
    // The problem quotes the value (never for free text), and the message reaches the sender, the logs and
    // magento-ingest.dlq.
    super('MAPPING_UNMAPPABLE', `Magento ${entity}: ${field} ${maskCardNumbers(problem)}`, { details: { field } });
  }
}

/** Runs the mapping of `entity`: a refusal of the shared transforms below names that entity. */
export function mappingOf<T>(entity: string, map: () => T): T {
  try {
    return map();
  } catch (e) {
    if (e instanceof MappingError && e.entity !== entity) throw new MappingError(e.field, e.problem, entity);
    throw e;
  }
}

/** What a mapping run reports besides the record: one field name per card number masked. */
export interface MapReport {
  masked: string[];
}

export const newReport = (): MapReport => ({ masked: [] });

/** A mapping as a table: one line per target field, each a named pure transform of the source. */
export type Table<T> = { [K in keyof T]: (src: Source, report: MapReport) => T[K] };

export const run = <T>(table: Table<T>, src: Source, report: MapReport): T =>
  Object.fromEntries(
    Object.entries(table).map(([k, f]) => [k, (f as (s: Source, r: MapReport) => unknown)(src, report)]),
  ) as T;

/** A nested object (undefined when absent). */
export const object = (value: unknown, field: string): Source | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new MappingError(field, 'is not an object');
  return value as Source;
};

/** `items[2].name` → `items.name`: the low-cardinality field name of pipeline_card_numbers_masked_total. */
export const fieldName = (field: string): string => field.replace(/\[\d+\]/g, '');

/** Path lookup `a.b[0].c` over plain objects and arrays (and id-keyed objects, FORMAT-NOTES 40). */
export const at: (src: unknown, path: string) => unknown = getPath;

/** A JSON number or a decimal string → canonical decimal string ("58.0400" → "58.04"); undefined when absent. */
export function decimal(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' && !Number.isFinite(value))
    throw new MappingError(field, `is not a finite number (${value})`);
  if (typeof value !== 'number' && typeof value !== 'string')
    throw new MappingError(field, `is not a decimal (${JSON.stringify(value)})`);
  try {
    return normalizeText(value);
  } catch {
    throw new MappingError(field, `is not a decimal (${JSON.stringify(value)})`);
  }
}

export function requiredDecimal(value: unknown, field: string): string {
  const d = decimal(value, field);
  if (d === undefined) throw new MappingError(field, 'is missing');
  return d;
}

/** An integer given as a number or a digit string. */
export function integer(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'string' && /^[+-]?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n))
    throw new MappingError(field, `is not an integer (${JSON.stringify(value)})`);
  return n;
}

export function requiredInteger(value: unknown, field: string): number {
  const n = integer(value, field);
  if (n === undefined) throw new MappingError(field, 'is missing');
  return n;
}

/** A string (numbers are accepted as their text); empty → undefined. */
export function text(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw new MappingError(field, `is not a string (${typeof value})`);
  return value === '' ? undefined : value;
}

/** `text` without surrounding white space; blank → undefined. */
export function trimmed(value: unknown, field: string): string | undefined {
  const t = text(value, field)?.trim();
  return t === '' ? undefined : t;
}

export function requiredText(value: unknown, field: string): string {
  const t = text(value, field);
  if (t === undefined) throw new MappingError(field, 'is missing');
  return t;
}

/** Free text (names, address lines, item names): `text`, with card numbers masked and reported. */
export function freeText(value: unknown, field: string, report: MapReport): string | undefined {
  const t = text(value, field);
  if (t === undefined) return undefined;
  const scan = scanCardNumbers(t);
  for (let i = 0; i < scan.masked; i += 1) report.masked.push(fieldName(field));
  return scan.text;
}

/** Magento's `YYYY-MM-DD HH:MM:SS` (UTC) of an epoch-ms instant. */
export const magentoTime = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** A payload's updated_at in Magento's form (ISO `T`, fractions and zone dropped), or undefined; never throws. */
export const payloadTime = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().replace('T', ' ').slice(0, 19) : undefined;

const MAGENTO_TS = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]00:?00)?$/;

/** Magento timestamp `YYYY-MM-DD HH:MM:SS` (UTC); an ISO-8601 UTC form is normalised to it. */
export function timestamp(value: unknown, field: string): string {
  const t = requiredText(value, field);
  const m = MAGENTO_TS.exec(t.trim());
  if (!m) throw new MappingError(field, `is not a Magento timestamp (${JSON.stringify(t)})`);
  return `${m[1]} ${m[2]}`;
}

/**
 * Street lines: a REST array, or the DB's single string with lines joined by "\n". Empty lines dropped; free
 * text, so card numbers are masked.
 */
export function streetLines(value: unknown, field: string, report: MapReport): string[] {
  if (value === undefined || value === null) return [];
  const lines = Array.isArray(value) ? value : typeof value === 'string' ? value.split('\n') : undefined;
  if (!lines) throw new MappingError(field, 'is neither a list of lines nor a string');
  return lines.map((l, i) => freeText(l, `${field}[${i}]`, report) ?? '').filter((l) => l.trim() !== '');
}

/** A list given as an array or as an id-keyed object (`{"1":{…},"2":{…}}`, FORMAT-NOTES 40). */
export function list(value: unknown, field: string): Source[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : typeof value === 'object' ? Object.values(value) : undefined;
  if (!items) throw new MappingError(field, 'is not a list');
  return items.map((item, i) => {
    if (item === null || typeof item !== 'object') throw new MappingError(`${field}[${i}]`, 'is not an object');
    return item as Source;
  });
}

export const nullable = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

/** A transform's result, or undefined where it refuses (reading ids out of a payload not validated yet). */
export function lenient<T>(f: () => T | undefined): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
