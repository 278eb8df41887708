// Lookup tables are data (src/mappings/tables/*.ts), rendered for business review.
import { reject } from './problems';
import { transform, type Transform } from './transform';

export interface Table<V> {
  readonly name: string;
  readonly description: string;
  /** Where to change it. */
  readonly file: string;
  readonly keyLabel: string;
  readonly valueLabel: string;
  readonly entries: Readonly<Record<string, V>>;
  /** What a key that is not in the table gives: a rejection, the key itself, or a fixed value. */
  readonly otherwise: { kind: 'reject'; hint?: string } | { kind: 'identity' } | { kind: 'value'; value: V };
}

export const defineTable = <V>(table: Table<V>): Table<V> => Object.freeze(table);

export const normalizeKey = (key: unknown): string => String(key).trim();

/** The entry of `key`, following the table's `otherwise` rule; a miss on a rejecting table throws a Rejection. */
export function lookupIn<V>(table: Table<V>, key: unknown): V | string {
  const k = normalizeKey(key);
  if (Object.hasOwn(table.entries, k)) return table.entries[k] as V;
  switch (table.otherwise.kind) {
    case 'identity':
      return k;
    case 'value':
      return table.otherwise.value;
    case 'reject':
      return reject(
        `no ${table.valueLabel} for ${table.keyLabel} '${k}' in table "${table.name}" (${table.file})` +
          (table.otherwise.hint ? `: ${table.otherwise.hint}` : ''),
      );
  }
}

/** `from('x').via(lookup(table))`: the table's value for the field's value. */
export function lookup<V>(table: Table<V>): Transform<unknown, V | string> {
  return transform(
    `lookup(${table.name})`,
    `looked up in table "${table.name}"`,
    (value: unknown) => lookupIn(table, value),
    [table as Table<unknown>],
  );
}
