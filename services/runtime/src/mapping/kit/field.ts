// One target field: where its value comes from, the transforms it goes through, and what happens when
// the value is empty (null, undefined, blank string or empty list) — the explicit null policy.
import type { Mapping } from './define';
import type { Transform } from './transform';

export type NullPolicy = { kind: 'required'; reason?: string } | { kind: 'default'; value: unknown } | { kind: 'omit' };

export type FieldSource =
  | { kind: 'path'; path: string }
  | { kind: 'constant'; value: unknown }
  | { kind: 'none' }
  | { kind: 'nested'; path: string; mapping: Mapping<never, unknown> }
  | { kind: 'each'; path: string; mapping: Mapping<never, unknown> };

export type FieldStep = { kind: 'via'; transform: Transform<never, unknown> } | { kind: 'policy' };

/** `P` records whether a null policy was declared: defineMapping accepts only fields that have one. */
export class Field<P extends boolean = boolean> {
  declare private readonly hasPolicy: P;

  constructor(
    readonly source: FieldSource,
    readonly steps: readonly FieldStep[] = [],
    readonly policy?: NullPolicy,
    readonly note?: string,
  ) {}

  /** Pass the value through a named pure transform (skipped while the value is empty). */
  via<I>(t: Transform<I, unknown>): Field<P> {
    const step: FieldStep = { kind: 'via', transform: t };
    return new Field<P>(this.source, [...this.steps, step], this.policy, this.note);
  }

  /** Empty → the document is rejected with `reason` (default: "<source> is missing"). */
  required(reason?: string): Field<true> {
    return this.withPolicy(reason === undefined ? { kind: 'required' } : { kind: 'required', reason });
  }

  /** Empty → `value` (later transforms still apply to it). */
  default(value: unknown): Field<true> {
    return this.withPolicy({ kind: 'default', value });
  }

  /** Empty → the field is left out of the output (Avro writes the field's default, null). */
  omit(): Field<true> {
    return this.withPolicy({ kind: 'omit' });
  }

  /** A sentence for the business document. */
  describe(note: string): Field<P> {
    return new Field<P>(this.source, this.steps, this.policy, note);
  }

  private withPolicy(policy: NullPolicy): Field<true> {
    if (this.policy) throw new Error('a field has exactly one null policy');
    return new Field<true>(this.source, [...this.steps, { kind: 'policy' }], policy, this.note);
  }
}

/** The value at `path` of the input; no path = the whole input. */
export const from = (path = ''): Field<false> => new Field<false>({ kind: 'path', path });

/** A fixed value (configuration of the mapping). */
export const constant = (value: unknown): Field<true> =>
  new Field<false>({ kind: 'constant', value }).required('constant is not set');

/** A target field this mapping does not send (documented as such). */
export const unset = (): Field<true> => new Field<false>({ kind: 'none' }).omit();

/** Apply another mapping to the value at `path` (or the whole input). */
export const nested = <In, Out>(mapping: Mapping<In, Out>, path = ''): Field<false> =>
  new Field<false>({ kind: 'nested', path, mapping: mapping });

/** Apply another mapping to every element of the list at `path`. */
export const each = <In, Out>(path: string, mapping: Mapping<In, Out>): Field<false> =>
  new Field<false>({ kind: 'each', path, mapping: mapping });
