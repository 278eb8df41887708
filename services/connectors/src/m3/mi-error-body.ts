// Reads an M3 MI REST response body (v1 or v2) and extracts the business error it carries, if any.
// v1: HTTP 200 {"@type":"ServerReturnedNOK","@code","@field","Message"} or a nested "ErrorMessage" after
// partial results. v2: errors in results[i].errorCode/errorType/... or at top level (HTTP 400).

export interface M3ErrorInfo {
  readonly version: 1 | 2;
  /** ServerReturnedNOK, TransactionNotFound, MandatoryInputFieldNotFound, InputFieldTooLong, ... */
  readonly type: string;
  readonly code?: string;
  readonly field?: string;
  readonly message: string;
  readonly transaction?: string;
  /** Records were returned before the error (v1 nested ErrorMessage, v2 some transactions succeeded). */
  readonly partial: boolean;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
};

const V1_ERROR_TYPES = new Set([
  'ServerReturnedNOK',
  'TransactionNotFound',
  'MandatoryInputFieldNotFound',
  'InputFieldTooLong',
]);

/** M3 pads Message to 132 chars and often repeats the code and field in it; keep the human part. */
function cleanMessage(raw: string | undefined, code?: string, field?: string): string {
  let m = (raw ?? '').trim();
  for (const token of [code, field]) {
    if (token && m.startsWith(token)) m = m.slice(token.length).trim();
  }
  return m.replace(/\s{2,}/g, ' ');
}

function fromV1(node: Record<string, unknown>, partial: boolean): M3ErrorInfo | undefined {
  const type = str(node['@type']);
  if (!type || !(V1_ERROR_TYPES.has(type) || partial)) return undefined;
  const code = str(node['@code']);
  const field = str(node['@field']);
  return {
    version: 1,
    type,
    ...(code ? { code } : {}),
    ...(field ? { field } : {}),
    message: cleanMessage(str(node['Message']) ?? str(node['message']), code, field) || type,
    partial,
  };
}

function fromV2(node: Record<string, unknown>, partial: boolean): M3ErrorInfo | undefined {
  const code = str(node['errorCode']);
  const type = str(node['errorType']) ?? str(node['terminationErrorType']);
  const message = str(node['errorMessage']) ?? str(node['terminationReason']);
  if (!code && !type && !message) return undefined;
  const field = str(node['errorField']);
  const transaction = str(node['transaction']);
  return {
    version: 2,
    type: type ?? 'ServerReturnedNOK',
    ...(code ? { code } : {}),
    ...(field ? { field } : {}),
    message: cleanMessage(message, code, field) || (type ?? code ?? 'M3 error'),
    ...(transaction ? { transaction } : {}),
    partial,
  };
}

/** `wasTerminated` has been seen as a boolean and as the string "true"/"false" (FORMAT-NOTES item 53). */
export const isTerminated = (v: unknown): boolean =>
  v === true || (typeof v === 'string' && v.trim().toLowerCase() === 'true');

export function parseM3Error(body: unknown): M3ErrorInfo | undefined {
  if (!isObj(body)) return undefined;
  // v1 top-level NOK
  const v1 = fromV1(body, false);
  if (v1) return v1;
  // v1 partial failure: records plus a nested ErrorMessage
  if (isObj(body['ErrorMessage'])) return fromV1(body['ErrorMessage'], true);
  // v2 per-transaction results
  if (Array.isArray(body['results'])) {
    const results = body['results'].filter(isObj);
    const failed = results.findIndex((r) => str(r['errorCode']) ?? str(r['errorType']) ?? str(r['errorMessage']));
    const ok = typeof body['nrOfSuccessfullTransactions'] === 'number' ? body['nrOfSuccessfullTransactions'] : 0;
    const failedResult = results[failed];
    if (failedResult) return fromV2(failedResult, ok > 0);
    if (isTerminated(body['wasTerminated']))
      return (
        fromV2(body, ok > 0) ?? {
          version: 2,
          type: 'Terminated',
          message: 'M3 terminated the bulk request',
          partial: ok > 0,
        }
      );
    return undefined;
  }
  // v2 error at top level (HTTP 400)
  return fromV2(body, false);
}
