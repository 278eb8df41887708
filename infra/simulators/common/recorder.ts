/** One HTTP call received by a simulator. */
export interface RecordedCall {
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  status: number;
}

const REDACTED_HEADERS = new Set(['authorization', 'proxy-authorization']);
/** Body fields that carry secrets (OAuth2 token/revoke forms, admin token requests). */
const REDACTED_BODY_KEYS = new Set(['password', 'client_secret', 'refresh_token', 'access_token', 'token']);

function redactBody(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    out[k] = REDACTED_BODY_KEYS.has(k.toLowerCase()) && v !== undefined && v !== null ? '[REDACTED]' : v;
  }
  return out;
}

/** Keeps the auth scheme (`Bearer`, `Basic`, `OAuth`) so tests can see which one was used, never the secret. */
export function redactAuthorization(value: string): string {
  const scheme = /^\s*(\S+)\s+\S/.exec(value)?.[1];
  return scheme ? `${scheme} [REDACTED]` : '[REDACTED]';
}

export interface CallRecorderOptions {
  /** Oldest calls are dropped beyond this many (default 10 000). */
  max?: number;
}

/** Every call a simulator received, in arrival order, with Authorization values and secret body fields redacted. */
export class CallRecorder {
  private calls: RecordedCall[] = [];
  private readonly max: number;

  constructor(opts: CallRecorderOptions = {}) {
    this.max = opts.max ?? 10_000;
  }

  record(c: RecordedCall): void {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(c.headers)) {
      headers[k] = REDACTED_HEADERS.has(k.toLowerCase()) ? redactAuthorization(v) : v;
    }
    this.calls.push({ ...c, headers, body: redactBody(c.body) });
    if (this.calls.length > this.max) this.calls.splice(0, this.calls.length - this.max);
  }

  list(filter: { pathPrefix?: string } = {}): RecordedCall[] {
    const prefix = filter.pathPrefix;
    return prefix === undefined ? [...this.calls] : this.calls.filter((c) => c.path.startsWith(prefix));
  }

  reset(): void {
    this.calls = [];
  }
}
