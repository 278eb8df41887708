// createHttpClient: per endpoint group an undici keep-alive Pool, a FIFO in-flight limit, a Retry-After
// gate and an opossum breaker; every answer is classified (statuses, and the system's own body shapes through
// the `answers` its connector supplies: M3 HTTP-200 NOKs, Magento templates) and measured as
// pipeline_external_call_seconds{system,operation,status}. A call marked `repeatable` is
// sent again after a 5xx, timeout or reset (jittered backoff, the group's repeat policy), each send through
// the breaker so that it sees the real failure rate; pipeline_external_call_retries_total counts them.
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { AppError } from '../errors/app-error';
import { classify } from '../errors/classify';
import { classifyHttp } from '../errors/classify-http';
import { BreakerStateValue } from '../metrics/metrics';
import { createGroupBreaker, type GroupBreaker } from './breaker';
import { createLimiter, type Limiter } from './limiter';
import { DEFAULT_REPEAT_POLICY, withRepeats } from './repeat';
import { createThrottle, type Throttle } from './throttle';
import { send, type RawResponse } from './transport';
import type {
  BreakerState,
  EndpointGroupOptions,
  HttpClient,
  HttpClientOptions,
  HttpRequest,
  HttpResponse,
} from './types';
import { buildPath } from './url';
import { createBreakerWaiters } from './waiters';

interface Group {
  name: string;
  opts: EndpointGroupOptions;
  base: URL;
  pool: Pool;
  limiter: Limiter;
  throttle: Throttle;
  breaker: GroupBreaker;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_IN_FLIGHT = 10;

function encodeBody(req: HttpRequest, headers: Record<string, string>): string | Uint8Array | undefined {
  const has = (name: string) => Object.keys(headers).some((k) => k.toLowerCase() === name);
  if (req.form) {
    if (!has('content-type')) headers['content-type'] = 'application/x-www-form-urlencoded';
    return new URLSearchParams(req.form).toString();
  }
  if (req.body === undefined) return undefined;
  if (typeof req.body === 'string' || req.body instanceof Uint8Array) return req.body;
  if (!has('content-type')) headers['content-type'] = 'application/json';
  return JSON.stringify(req.body);
}

export function createHttpClient(opts: HttpClientOptions): HttpClient {
  const { system, metrics, now = Date.now } = opts;
  const log = opts.logger.child({ component: 'http', system });
  const waiters = createBreakerWaiters();
  const listeners = new Set<(group: string, state: BreakerState) => void>();
  const groups = new Map<string, Group>();
  let closed = false;

  for (const [name, g] of Object.entries(opts.groups)) {
    let base: URL;
    try {
      base = new URL(g.baseUrl);
    } catch (cause) {
      throw new AppError('CONFIG_INVALID', `Endpoint group ${name}: baseUrl is not a URL`, { cause });
    }
    if (opts.requireTls && base.protocol !== 'https:') {
      throw new AppError('TLS_REQUIRED', `Endpoint group ${name} of ${system} must use https (got ${base.protocol})`);
    }
    const maxInFlight = g.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
    const group: Group = {
      name,
      opts: g,
      base,
      pool: new Pool(base.origin, { connections: maxInFlight, pipelining: 1, keepAliveTimeout: 30_000 }),
      limiter: createLimiter(maxInFlight),
      throttle: createThrottle(now),
      breaker: createGroupBreaker(name, g.breaker),
    };
    metrics.breakerState.set({ system, endpoint: name }, BreakerStateValue.closed);
    group.breaker.onChange((state) => {
      metrics.breakerState.set({ system, endpoint: name }, BreakerStateValue[state]);
      (state === 'open' ? log.warn : log.info).call(log, { group: name, breaker: state }, `breaker ${state}`);
      waiters.notify(name, state);
      for (const l of listeners) l(name, state);
      if (state === 'half-open' && g.probe?.auto) void client.probe(name);
    });
    groups.set(name, group);
  }

  const groupOf = (name: string): Group => {
    const g = groups.get(name);
    if (!g) throw new AppError('CONFIG_INVALID', `Unknown endpoint group "${name}" for ${system}`);
    return g;
  };

  function toError(req: HttpRequest, res: RawResponse, g: Group): AppError | undefined {
    if (req.okStatuses?.includes(res.status)) return undefined;
    const custom = (req.classifyBody ?? opts.classifyBody)?.(res.status, res.body);
    const err =
      custom ??
      classifyHttp(system, res.status, res.body, res.headers, {
        now,
        ...(opts.answers ? { answers: opts.answers } : {}),
      });
    if (err?.code !== 'HTTP_429' && err?.retryAfterMs === undefined) return err;
    const max = g.opts.maxRetryAfterMs ?? 60_000;
    const wait = Math.min(err.retryAfterMs ?? g.opts.defaultRetryAfterMs ?? 1000, max);
    g.throttle.delay(wait);
    return new AppError(err.code, err.message, {
      ...(err.details ? { details: err.details } : {}),
      kind: err.kind,
      retriable: err.retriable,
      retryAfterMs: wait,
    });
  }

  async function exchange<T>(g: Group, req: HttpRequest): Promise<HttpResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    const body = encodeBody(req, headers);
    const res = await send(g.pool, {
      method: req.method,
      path: buildPath(g.base, req.path, req.query),
      headers,
      ...(body !== undefined ? { body } : {}),
      timeoutMs: req.timeoutMs ?? g.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    const err = toError(req, res, g);
    if (err) throw err;
    return { status: res.status, headers: res.headers, body: res.body as T };
  }

  /** One send through the group's breaker, in-flight limit and throttle; measured and classified. */
  async function sendOnce<T>(g: Group, req: HttpRequest, send = 1): Promise<HttpResponse<T>> {
    const started = performance.now();
    let status = 'error';
    try {
      if (g.breaker.state() === 'open') await g.breaker.fire(() => Promise.resolve()); // fails fast: BREAKER_OPEN
      const release = await g.limiter.acquire();
      try {
        await g.throttle.wait();
        const res = await g.breaker.fire(() => exchange<T>(g, req));
        status = String(res.status);
        return res;
      } finally {
        release();
      }
    } catch (e) {
      // Every error names its system, endpoint group and operation (the consumer's pause signal uses group).
      const err = classify(e).withDetails({ system, group: g.name, operation: req.operation, sends: send });
      const httpStatus = err.details?.['status'];
      status = typeof httpStatus === 'number' && httpStatus >= 400 ? String(httpStatus) : err.code;
      log.debug({ group: g.name, operation: req.operation, code: err.code, status }, 'call failed');
      throw err;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      metrics.externalCallSeconds.observe({ system, operation: req.operation, status }, seconds);
    }
  }

  const client: HttpClient = {
    system,
    async request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
      if (closed) throw new AppError('SHUTTING_DOWN', `HTTP client for ${system} is closed`);
      const g = groupOf(req.group);
      if (!req.repeatable) return sendOnce<T>(g, req);
      return withRepeats((send) => sendOnce<T>(g, req, send), {
        policy: { ...DEFAULT_REPEAT_POLICY, ...g.opts.repeat },
        now,
        ...(opts.random ? { random: opts.random } : {}),
        onRepeat: (err, retry, delayMs) => {
          metrics.externalCallRetries.inc({ system, operation: req.operation, code: err.code });
          log.debug({ group: g.name, operation: req.operation, code: err.code, retry, delayMs }, 'call repeated');
        },
      });
    },
    breakerState: (name) => groupOf(name).breaker.state(),
    isOpen: (name) => groupOf(name).breaker.state() === 'open',
    onBreakerChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    waitUntilClosed(name, o) {
      const g = groupOf(name);
      return g.breaker.state() === 'closed' ? Promise.resolve() : waiters.wait(name, o?.signal);
    },
    async probe(name) {
      const g = groupOf(name);
      const method = g.opts.probe?.method ?? 'GET';
      try {
        await client.request({ group: name, operation: 'probe', method, path: g.opts.probe?.path ?? '/' });
        return true;
      } catch (e) {
        const err = classify(e);
        return err.code !== 'BREAKER_OPEN' && !['HTTP_5XX', 'HTTP_TIMEOUT', 'HTTP_CONNECTION'].includes(err.code);
      }
    },
    groups: () => [...groups.keys()],
    async close() {
      if (closed) return;
      closed = true;
      waiters.rejectAll(new AppError('SHUTTING_DOWN', `HTTP client for ${system} closed`));
      for (const g of groups.values()) g.breaker.shutdown();
      await Promise.all([...groups.values()].map((g) => g.pool.close()));
    },
  };
  return client;
}
