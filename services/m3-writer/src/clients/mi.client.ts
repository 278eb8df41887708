// MI REST v1 over the runtime HTTP client (FORMAT-NOTES B 11–17):
//   GET {base}/execute/{PROGRAM}/{TRANSACTION};maxrecs=N;returncols=A,B;cono=C?FIELD=value…
// Records come back as MIRecord[].NameValue[] with values right-padded: they are trimmed here. A business
// error (HTTP 200 ServerReturnedNOK) is turned into an AppError by the runtime's classifier and then by the
// writer's NOK policy. Input values longer than the M3 field are refused before the call. Transactions
// the repeat policy calls safe are sent again after 5xx, timeouts and resets (repeat-policy.ts).
import { AppError, isAppError, type HttpClient } from '@m3mage/runtime';
import type { TokenSource } from './ion-token.client';
import { tooLong } from './mi-fields';
import { applyNokPolicy } from './nok-policy';
import { isRepeatable } from './repeat-policy';

export type MiRecord = Record<string, string>;
export type MiInput = Record<string, string | number | null | undefined>;

export interface MiCallOptions {
  /** Records to return (MI default 100; 0 = all). */
  maxrecs?: number;
  returncols?: readonly string[];
}

export type MiAuth = { kind: 'bearer'; tokens: TokenSource } | { kind: 'basic'; user: string; password: string };

export interface MiClientOptions {
  http: HttpClient;
  /** Endpoint group whose baseUrl ends in `/m3api-rest` (gateway `{iu}/{ti}/M3/m3api-rest` or direct). */
  group: string;
  auth: MiAuth;
  /** CONO sent as the `;cono=` matrix option on every call. */
  company?: string;
}

export interface MiClient {
  execute(program: string, transaction: string, input?: MiInput, opts?: MiCallOptions): Promise<MiRecord[]>;
}

interface V1Body {
  MIRecord?: Array<{ NameValue?: Array<{ Name?: unknown; Value?: unknown }> }>;
}

/** MIRecord[].NameValue[] → plain records with trimmed values. */
export function parseMiRecords(body: unknown): MiRecord[] {
  if (typeof body !== 'object' || body === null) {
    throw new AppError('HTTP_4XX', 'M3 MI answered without a JSON body', { details: { system: 'm3' } });
  }
  const records = (body as V1Body).MIRecord;
  if (!Array.isArray(records)) return [];
  return records.map((r) => {
    const out: MiRecord = {};
    for (const nv of r.NameValue ?? []) {
      if (typeof nv.Name === 'string') out[nv.Name.trim()] = typeof nv.Value === 'string' ? nv.Value.trim() : '';
    }
    return out;
  });
}

function cleanInput(input: MiInput): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined || v === null) continue;
    const s = String(v);
    if (s.trim() !== '') out[k] = s;
  }
  return out;
}

export function createMiClient(opts: MiClientOptions): MiClient {
  const { http, group, auth } = opts;

  async function authorization(): Promise<{ header: string; token?: string }> {
    if (auth.kind === 'basic') {
      return { header: `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}` };
    }
    const token = await auth.tokens.token();
    return { header: `Bearer ${token}`, token };
  }

  async function call(operation: string, path: string, fields: Record<string, string>): Promise<unknown> {
    for (let attempt = 1; ; attempt += 1) {
      const { header, token } = await authorization();
      try {
        const res = await http.request({
          group,
          operation,
          method: 'GET',
          path,
          query: fields,
          headers: { authorization: header },
          repeatable: isRepeatable(operation, fields),
        });
        return res.body;
      } catch (err) {
        const status = isAppError(err) ? err.details?.['status'] : undefined;
        if (attempt === 1 && token !== undefined && isAppError(err) && err.code === 'AUTH_FAILED' && status === 401) {
          if (auth.kind === 'bearer') auth.tokens.invalidate(token);
          continue; // one re-authentication, then the call once more
        }
        throw isAppError(err) ? applyNokPolicy(err, operation, fields) : err;
      }
    }
  }

  return {
    async execute(program, transaction, input = {}, o = {}) {
      const operation = `${program}/${transaction}`;
      const fields = cleanInput(input);
      const long = tooLong(operation, fields);
      if (long) {
        throw new AppError(
          'M3_FIELD_TOO_LONG',
          `${operation}: ${long.field} is ${long.length} characters, M3 allows ${long.max} — the mapping must cut or split it`,
          { details: { system: 'm3', operation, m3Field: long.field, length: long.length, max: long.max } },
        );
      }
      const matrix = [
        o.maxrecs !== undefined ? `maxrecs=${o.maxrecs}` : undefined,
        o.returncols?.length ? `returncols=${o.returncols.join(',')}` : undefined,
        opts.company !== undefined ? `cono=${opts.company}` : undefined,
      ].filter((x): x is string => x !== undefined);
      const path = `/execute/${program}/${[transaction, ...matrix].join(';')}`;
      return parseMiRecords(await call(operation, path, fields));
    },
  };
}
