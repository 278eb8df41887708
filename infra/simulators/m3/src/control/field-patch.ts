import type { OutputField, TransactionMeta } from '../mi/metadata';
import type { MiRecord } from '../mi/request';
import { isDate } from '../state/dates';

/** A control-API body the simulated M3 would refuse: HTTP 400 naming the field. */
export class FieldError extends Error {
  constructor(
    readonly field: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'FieldError';
  }
}

/** Digits of an M3 number (sign and decimal point not counted), or undefined when it is no number. */
export function digits(value: string): { total: number; decimals: number } | undefined {
  const m = /^-?(\d+)(?:\.(\d+))?$/.exec(value);
  if (!m) return undefined;
  return { total: (m[1] ?? '').length + (m[2] ?? '').length, decimals: (m[2] ?? '').length };
}

export interface PatchRules {
  /** Fields the simulator keeps itself: "<name> is set by the simulator". */
  maintained: ReadonlySet<string>;
  /** Why a field is refused (checked before the field list), or undefined. */
  refuse?: (name: string) => string | undefined;
  /** Fields taken beyond the transaction's outputs. */
  extra?: readonly OutputField[];
}

/**
 * A record change checked against the outputs of the transaction that shows the record (as the M3 panel does):
 * known names only, alpha values within their length (in characters), numbers within their digits (JSON numbers
 * or strings), dates yyyyMMdd.
 */
export function fieldPatch(meta: TransactionMeta, body: unknown, rules: PatchRules): MiRecord {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new FieldError(undefined, 'body must be an object of M3 field names to values');
  }
  const fields = new Map([...meta.outputs, ...(rules.extra ?? [])].map((f) => [f.name, f]));
  const patch: MiRecord = {};
  for (const [name, raw] of Object.entries(body)) {
    if (rules.maintained.has(name)) throw new FieldError(name, `${name} is set by the simulator`);
    const refused = rules.refuse?.(name);
    if (refused !== undefined) throw new FieldError(name, refused);
    const f = fields.get(name);
    if (!f) throw new FieldError(name, `${name} is not a field of ${meta.program} ${meta.transaction}`);
    // Numbers may come as JSON numbers; text and dates only as strings.
    if (typeof raw !== 'string' && !(f.type === 'N' && typeof raw === 'number')) {
      throw new FieldError(name, `${name} must be a string`);
    }
    const value = String(raw);
    if (f.type === 'A' && [...value].length > f.length) {
      throw new FieldError(name, `${name} is too long, max length ${f.length}`);
    }
    if (f.type === 'N' && value !== '') {
      const d = digits(value);
      if (!d) throw new FieldError(name, `${name} must be a number`);
      if (d.total > f.length) throw new FieldError(name, `${name} is too long, max ${f.length} digits`);
    }
    if (f.type === 'D' && value !== '' && !isDate(value)) throw new FieldError(name, `${name} must be a yyyyMMdd date`);
    patch[name] = value;
  }
  return patch;
}
