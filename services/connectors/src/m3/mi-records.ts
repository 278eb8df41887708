// The records of an MI REST answer, both versions (FORMAT-NOTES B 14–19, item 53):
//   v1: {"MIRecord":[{"NameValue":[{"Name","Value"}]}]}, values right-padded;
//   v2: {"results":[{"transaction","records":[{FIELD:"value"}], "errorType"…}], "wasTerminated", "nrOf…"}.
// Values are trimmed; names are trimmed. A v2 bulk answer carries one result per transaction, each either
// records or that transaction's own error (a NOK of one line does not fail the others).
import { AppError } from '@m3mage/runtime';
import { m3ErrorToAppError } from './answers';
import { isTerminated, parseM3Error } from './mi-error-body';

export type MiRecord = Record<string, string>;

/** One transaction's outcome in a v2 answer. */
export type MiResult = { transaction: string; records: MiRecord[] } | { transaction: string; error: AppError };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function notJson(): AppError {
  return new AppError('HTTP_4XX', 'M3 MI answered without a JSON body', { details: { system: 'm3' } });
}

/** MIRecord[].NameValue[] → plain records with trimmed values. */
export function parseMiRecords(body: unknown): MiRecord[] {
  if (!isObj(body)) throw notJson();
  const records = body['MIRecord'];
  if (!Array.isArray(records)) return [];
  return records.map((r: { NameValue?: Array<{ Name?: unknown; Value?: unknown }> }) => {
    const out: MiRecord = {};
    for (const nv of r.NameValue ?? []) {
      if (typeof nv.Name === 'string') out[nv.Name.trim()] = typeof nv.Value === 'string' ? nv.Value.trim() : '';
    }
    return out;
  });
}

/** A v2 value as text: M3 sends strings; a number or boolean from a proxy is kept as its text. */
function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function flatRecord(record: unknown): MiRecord {
  const out: MiRecord = {};
  if (!isObj(record)) return out;
  for (const [name, value] of Object.entries(record)) out[name.trim()] = text(value);
  return out;
}

/**
 * results[] of a v2 answer, one outcome per transaction in the order sent. A result with an error type or
 * code is that transaction's error; one M3 did not process (after a termination) is a retriable error.
 * A terminated answer without any result naming the cause is an error of the whole call.
 */
export function parseMiResults(body: unknown, status = 200): MiResult[] {
  if (!isObj(body)) throw notJson();
  const results = Array.isArray(body['results']) ? (body['results'] as unknown[]) : [];
  const out = results.map((r): MiResult => {
    const result = isObj(r) ? r : {};
    const transaction = typeof result['transaction'] === 'string' ? result['transaction'].trim() : '';
    const info = parseM3Error({ results: [result] });
    if (info) return { transaction, error: m3ErrorToAppError({ ...info, partial: false }, status) };
    if (result['notProcessed'] === true) {
      return {
        transaction,
        error: new AppError(
          'M3_NOK',
          `M3 did not process ${transaction || 'the transaction'}: the bulk call was terminated`,
          {
            details: { system: 'm3', status, m3Transaction: transaction, notProcessed: true },
            kind: 'transient',
            retriable: true,
          },
        ),
      };
    }
    const records = Array.isArray(result['records']) ? (result['records'] as unknown[]).map(flatRecord) : [];
    return { transaction, records };
  });
  if (isTerminated(body['wasTerminated']) && !out.some((r) => 'error' in r)) {
    const whole = parseM3Error({ ...body, results: [] });
    if (whole) throw m3ErrorToAppError(whole, status);
  }
  return out;
}
