// What goes wrong when a document is mapped: one problem per field, all reported at once.

export interface Problem {
  /** Target field path, e.g. `customer.cua1` or `lines[2].itno`. */
  field: string;
  /** A sentence a person can act on. */
  reason: string;
}

/** Thrown by a transform that cannot produce a value; the kit turns it into a Problem for the field. */
export class Rejection extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'Rejection';
  }
}

export const reject = (reason: string): never => {
  throw new Rejection(reason);
};

/**
 * Something a transform wants counted besides the value, e.g. `card-number-masked` (ADR 0009): the kit
 * records the target field it happened in. Present on a result only when there is at least one.
 */
export interface Note {
  field: string;
  kind: string;
}

export type MapResult<T> = { ok: true; value: T; notes?: Note[] } | { ok: false; problems: Problem[]; notes?: Note[] };

export const prefixNotes = (prefix: string, notes: Note[] | undefined): Note[] =>
  (notes ?? []).map((n) => ({ field: `${prefix}.${n.field}`, kind: n.kind }));

export const prefixProblems = (prefix: string, problems: Problem[]): Problem[] =>
  problems.map((p) => ({ field: `${prefix}.${p.field}`, reason: p.reason }));

/** "lines[1].itno: SKU 'X' ..." — one line per problem, for DLQ messages and logs. */
export const formatProblems = (problems: Problem[]): string =>
  problems.map((p) => `${p.field}: ${p.reason}`).join('; ');
