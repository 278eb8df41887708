import type { MiError } from './errors';
import type { MiOutcome } from './execute';
import { limit, selectedFields } from './format-v1';
import type { MiOptions, MiRecord } from './request';

export interface V2Result {
  transaction: string;
  records: MiRecord[];
  errorMessage?: string;
  errorCode?: string;
  errorField?: string;
  errorType?: string;
  errorCfg?: string;
  parameters?: MiRecord;
  notProcessed?: boolean;
}

export interface V2Body {
  results: V2Result[];
  wasTerminated: boolean;
  terminationReason?: string;
  terminationErrorType?: string;
  /** Misspelt exactly as M3 does. */
  nrOfSuccessfullTransactions: number;
  nrOfFailedTransactions: number;
  nrOfNotProcessedTransactions: number;
  bulkJobId?: string;
}

export interface V2FormatOptions extends MiOptions {
  /** Right-trim values (default true in the simulator; v1 pads instead). */
  rightTrim: boolean;
}

/** Flat records with the selected columns (v2 ignores `;metadata`). */
export function v2Result(
  transaction: string,
  outcome: MiOutcome,
  options: V2FormatOptions,
  params: MiRecord,
): V2Result {
  if (outcome.kind === 'error') return { transaction, records: [], ...errorFields(outcome.error), parameters: params };
  const fields = selectedFields(outcome.meta, options);
  const records = limit(outcome.records, options.maxrecs).map((r) => {
    const flat: MiRecord = {};
    for (const f of fields) {
      const value = options.rightTrim ? (r[f.name] ?? '').trimEnd() : (r[f.name] ?? '').padEnd(f.length);
      if (!options.excludempty || value.trim() !== '') flat[f.name] = value;
    }
    return flat;
  });
  return { transaction, records };
}

export function errorFields(error: MiError): Omit<V2Result, 'transaction' | 'records'> {
  const out: Omit<V2Result, 'transaction' | 'records'> = { errorMessage: error.message, errorType: error.type };
  if (error.code !== undefined) out.errorCode = error.code;
  if (error.field !== undefined) out.errorField = error.field;
  return out;
}

export function v2Body(results: V2Result[]): V2Body {
  const failed = results.filter((r) => r.errorType !== undefined && !r.notProcessed).length;
  const notProcessed = results.filter((r) => r.notProcessed).length;
  return {
    results,
    wasTerminated: false,
    nrOfSuccessfullTransactions: results.length - failed - notProcessed,
    nrOfFailedTransactions: failed,
    nrOfNotProcessedTransactions: notProcessed,
  };
}

/** Request-level failures (unknown transaction, missing/too long input) come as HTTP 400 with the error on top. */
export function v2TopLevelError(transaction: string, error: MiError): V2Body & Record<string, unknown> {
  return {
    results: [{ transaction, records: [], ...errorFields(error) }],
    wasTerminated: true,
    terminationReason: error.message,
    terminationErrorType: error.type,
    ...errorFields(error),
    nrOfSuccessfullTransactions: 0,
    nrOfFailedTransactions: 1,
    nrOfNotProcessedTransactions: 0,
  };
}
