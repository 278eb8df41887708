// M3 MI REST over the runtime HTTP client (FORMAT-NOTES B 11–19), v1 or v2:
//   v1 GET {base}/execute/{PROGRAM}/{TRANSACTION};maxrecs=N;returncols=A,B;cono=C?FIELD=value…
//   v2 GET {base}/v2/execute/{PROGRAM}/{TRANSACTION};… (flat records), and bulk
//   POST {base}/v2/execute {program, cono, transactions:[{transaction, record, selectedColumns}]}.
// Values come back trimmed. A business error (HTTP 200 NOK, v2 HTTP 400) becomes an AppError through
// `m3Answers` and then the caller's NOK policy; in a bulk call each transaction keeps its own outcome.
// Input values longer than the M3 field are refused before the call (mi-fields.ts). Only transactions the
// caller's policy calls repeatable (by default: reads) are sent again after 5xx, timeouts and resets.
import { AppError, isAppError, type HttpClient } from '@m3mage/runtime';
import type { TokenSource } from './ion-token';
import { tooLong } from './mi-fields';
import { parseMiRecords, parseMiResults, type MiRecord, type MiResult } from './mi-records';

export type MiInput = Record<string, string | number | null | undefined>;

export interface MiCallOptions {
  /** Records to return (MI default 100; 0 = all). */
  maxrecs?: number;
  returncols?: readonly string[];
}

export type MiAuth = { kind: 'bearer'; tokens: TokenSource } | { kind: 'basic'; user: string; password: string };

/** What the calling service knows about its own transactions. */
export interface MiPolicy {
  /** May `operation` (`PROGRAM/Transaction`) sent with `fields` be sent twice? Default: reads only. */
  repeatable?: (operation: string, fields: Readonly<Record<string, string>>) => boolean;
  /** Refine an M3 error of `operation` (e.g. a NOK that means "not synced yet"); default: unchanged. */
  refine?: (error: AppError, operation: string, fields: Readonly<Record<string, string>>) => AppError;
}

export interface MiClientOptions {
  http: HttpClient;
  /** Endpoint group whose baseUrl ends in `/m3api-rest` (gateway `{iu}/{ti}/M3/m3api-rest` or direct). */
  group: string;
  auth: MiAuth;
  /** CONO sent as the `;cono=` matrix option (bulk: `cono`) on every call. */
  company?: string;
  /** `v1` (MIRecord/NameValue, the default) or `v2` (flat records, `/v2/execute`). */
  version?: 'v1' | 'v2';
  policy?: MiPolicy;
}

export interface MiBulkCall {
  transaction: string;
  input?: MiInput;
  returncols?: readonly string[];
}

export interface MiClient {
  execute(program: string, transaction: string, input?: MiInput, opts?: MiCallOptions): Promise<MiRecord[]>;
  /**
   * Many transactions of one program in one v2 request; one outcome per call, in order. A NOK of one call is
   * that call's `error` (refined by the policy); the request as a whole fails only on HTTP errors.
   */
  bulk(program: string, calls: readonly MiBulkCall[], opts?: Pick<MiCallOptions, 'maxrecs'>): Promise<MiResult[]>;
}

const READ = /^(Get|Lst|List|Search|Sel)/;

/** The default repeat rule: a transaction that only reads may be sent twice. */
export const isReadTransaction = (operation: string): boolean => READ.test(operation.split('/')[1] ?? '');

function cleanInput(input: MiInput): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined || v === null) continue;
    const s = String(v);
    if (s.trim() !== '') out[k] = s;
  }
  return out;
}

function refuseTooLong(operation: string, fields: Record<string, string>): void {
  const long = tooLong(operation, fields);
  if (!long) return;
  throw new AppError(
    'M3_FIELD_TOO_LONG',
    `${operation}: ${long.field} is ${long.length} characters, M3 allows ${long.max} — the mapping must cut or split it`,
    { details: { system: 'm3', operation, m3Field: long.field, length: long.length, max: long.max } },
  );
}

interface Send {
  operation: string;
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  repeatable: boolean;
  /** The bulk answer carries per-transaction errors on HTTP 200: read them here, not in the HTTP client. */
  ok200?: boolean;
}

export function createMiClient(opts: MiClientOptions): MiClient {
  const { http, group, auth, policy = {} } = opts;
  const version = opts.version ?? 'v1';
  const repeatable = policy.repeatable ?? isReadTransaction;
  const refine = (err: AppError, operation: string, fields: Readonly<Record<string, string>>): AppError =>
    policy.refine ? policy.refine(err, operation, fields) : err;

  async function authorization(): Promise<{ header: string; token?: string }> {
    if (auth.kind === 'basic') {
      return { header: `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}` };
    }
    const token = await auth.tokens.token();
    return { header: `Bearer ${token}`, token };
  }

  /** The answer body; one re-authentication (and one more send) after a 401 on a bearer token. */
  async function send(s: Send): Promise<unknown> {
    for (let attempt = 1; ; attempt += 1) {
      const { header, token } = await authorization();
      try {
        const res = await http.request({
          group,
          operation: s.operation,
          method: s.method,
          path: s.path,
          ...(s.query ? { query: s.query } : {}),
          ...(s.body !== undefined ? { body: s.body } : {}),
          headers: { authorization: header },
          repeatable: s.repeatable,
          ...(s.ok200 ? { okStatuses: [200] } : {}),
        });
        return res.body;
      } catch (err) {
        const status = isAppError(err) ? err.details?.['status'] : undefined;
        if (attempt === 1 && token !== undefined && isAppError(err) && err.code === 'AUTH_FAILED' && status === 401) {
          if (auth.kind === 'bearer') auth.tokens.invalidate(token);
          continue;
        }
        throw err;
      }
    }
  }

  const matrix = (o: MiCallOptions): string[] =>
    [
      o.maxrecs !== undefined ? `maxrecs=${o.maxrecs}` : undefined,
      o.returncols?.length ? `returncols=${o.returncols.join(',')}` : undefined,
      opts.company !== undefined ? `cono=${opts.company}` : undefined,
    ].filter((x): x is string => x !== undefined);

  return {
    async execute(program, transaction, input = {}, o = {}) {
      const operation = `${program}/${transaction}`;
      const fields = cleanInput(input);
      refuseTooLong(operation, fields);
      const prefix = version === 'v2' ? '/v2/execute' : '/execute';
      const path = `${prefix}/${program}/${[transaction, ...matrix(o)].join(';')}`;
      try {
        const body = await send({
          operation,
          method: 'GET',
          path,
          query: fields,
          repeatable: repeatable(operation, fields),
        });
        if (version === 'v1') return parseMiRecords(body);
        const [result] = parseMiResults(body);
        if (!result) return [];
        if ('error' in result) throw result.error;
        return result.records;
      } catch (err) {
        throw isAppError(err) ? refine(err, operation, fields) : err;
      }
    },

    async bulk(program, calls, o = {}) {
      const prepared = calls.map((c) => {
        const operation = `${program}/${c.transaction}`;
        const fields = cleanInput(c.input ?? {});
        refuseTooLong(operation, fields);
        return { c, operation, fields };
      });
      const body = await send({
        operation: `${program}/bulk`,
        method: 'POST',
        path: '/v2/execute',
        body: {
          program,
          ...(opts.company !== undefined ? { cono: opts.company } : {}),
          ...(o.maxrecs !== undefined ? { maxReturnedRecords: o.maxrecs } : {}),
          rightTrim: true,
          transactions: prepared.map(({ c, fields }) => ({
            transaction: c.transaction,
            record: fields,
            ...(c.returncols?.length ? { selectedColumns: [...c.returncols] } : {}),
          })),
        },
        // Repeated only when every call in it may be.
        repeatable: prepared.every(({ operation, fields }) => repeatable(operation, fields)),
        ok200: true,
      });
      const results = parseMiResults(body);
      if (results.length !== prepared.length) {
        throw new AppError(
          'M3_NOK',
          `M3 answered ${results.length} results to a bulk call of ${prepared.length} ${program} transactions`,
          { details: { system: 'm3', operation: `${program}/bulk` }, kind: 'transient', retriable: true },
        );
      }
      return results.map((r, i) => {
        const p = prepared[i];
        if (!p || !('error' in r)) return r;
        return { transaction: r.transaction, error: refine(r.error, p.operation, p.fields) };
      });
    },
  };
}
