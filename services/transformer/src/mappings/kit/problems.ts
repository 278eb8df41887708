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

export type MapResult<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export const prefixProblems = (prefix: string, problems: Problem[]): Problem[] =>
  problems.map((p) => ({ field: `${prefix}.${p.field}`, reason: p.reason }));

/** "lines[1].itno: SKU 'X' ..." — one line per problem, for DLQ messages and logs. */
export const formatProblems = (problems: Problem[]): string =>
  problems.map((p) => `${p.field}: ${p.reason}`).join('; ');
