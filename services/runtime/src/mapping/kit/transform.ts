// Named pure transforms: a name and a sentence for the business document, a function for the code.
import type { Table } from './table';

export interface Transform<I = never, O = unknown> {
  readonly name: string;
  readonly description: string;
  /** Lookup tables the transform reads (rendered in docs/mappings.md). */
  readonly tables: readonly Table<unknown>[];
  /**
   * Returns the value, null/undefined for "no value" (the field's null policy applies), or throws a Rejection.
   * `note(kind)` records something to count for the field (MapResult.notes), e.g. a card number masked.
   */
  apply(value: I, note?: (kind: string) => void): O | null | undefined;
}

export function transform<I, O>(
  name: string,
  description: string,
  apply: (value: I, note?: (kind: string) => void) => O | null | undefined,
  tables: readonly Table<unknown>[] = [],
): Transform<I, O> {
  return Object.freeze({ name, description, tables, apply });
}
