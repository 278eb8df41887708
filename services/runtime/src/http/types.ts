// The runtime HTTP client's public contract.
import type { AppError } from '../errors/app-error';
import type { SystemAnswers } from '../errors/classify-http';
import type { Logger } from '../log/logger';
import type { Metrics } from '../metrics/metrics';
import type { RepeatPolicy } from './repeat';

export type BreakerState = 'closed' | 'open' | 'half-open';
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | undefined | readonly (string | number | boolean)[];
export type BodyClassifier = (status: number, body: unknown) => AppError | undefined;

export interface BreakerOptions {
  /** Failure percentage (of calls in the rolling window) that opens the breaker; default 50. */
  errorThresholdPercentage?: number;
  /** Minimum calls in the window before the breaker may open; default 5. */
  volumeThreshold?: number;
  /** Time open before one trial call is let through (half-open); default 30000. */
  resetTimeoutMs?: number;
  /** Length of the rolling statistics window; default 10000. */
  rollingCountTimeoutMs?: number;
}

export interface EndpointGroupOptions {
  /** Origin plus optional path prefix, e.g. https://ion.example.com/TENANT/M3/m3api-rest */
  baseUrl: string;
  /** Per-call timeout (connect + headers + body); default 10000. */
  timeoutMs?: number;
  /** Calls in flight at once for this group; more wait in a FIFO queue. Default 10. */
  maxInFlight?: number;
  breaker?: BreakerOptions;
  /** Wait applied after a 429 without (usable) Retry-After; default 1000. Retry-After is capped at maxRetryAfterMs (60000). */
  defaultRetryAfterMs?: number;
  maxRetryAfterMs?: number;
  /** Backoff and budget for calls marked `repeatable` (default: 3 retries, 100 ms doubling to 2 s, 10 s). */
  repeat?: Partial<RepeatPolicy>;
  /** The request probe(group) sends; any answer that is not 5xx/timeout/connection error counts as healthy. */
  probe?: {
    method?: 'GET' | 'HEAD';
    path?: string;
    /** fire the probe when the breaker turns half-open */ auto?: boolean;
  };
}

export interface HttpClientOptions {
  /** Label for metrics, logs and error messages ('m3', 'magento'). */
  system: string;
  /** How this system's answers are read beyond their status (the system's connector supplies it). */
  answers?: SystemAnswers;
  metrics: Metrics;
  logger: Logger;
  groups: Record<string, EndpointGroupOptions>;
  now?: () => number;
  /** Reject (at creation) any group whose baseUrl is not https. */
  requireTls?: boolean;
  /** Turns a response into an error before the default classifier (classifyHttp) is asked. */
  classifyBody?: BodyClassifier;
  /** Jitter source of the repeat backoff (tests). */
  random?: () => number;
}

export interface HttpRequest {
  group: string;
  /** Low-cardinality name for metrics and logs, e.g. 'OIS100MI/AddBatchHead' or 'orders.get'. */
  operation: string;
  method: HttpMethod;
  /** Appended to the group's baseUrl path; may carry M3 matrix params (`;maxrecs=0`). */
  path: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings and bytes as they are. */
  body?: unknown;
  /** Sent as application/x-www-form-urlencoded (OAuth token calls). */
  form?: Record<string, string>;
  timeoutMs?: number;
  /** Statuses returned as a response instead of an error (e.g. [404] for a lookup). */
  okStatuses?: readonly number[];
  classifyBody?: BodyClassifier;
  /**
   * Safe to send twice (a read, or a write whose repeat is recognised as done): sent again after a 5xx,
   * timeout or connection reset within the group's repeat policy. Never set it on a call that creates
   * something each time it is sent.
   */
  repeatable?: boolean;
}

export interface HttpResponse<T> {
  status: number;
  headers: Record<string, string>;
  body: T;
}

export interface HttpClient {
  readonly system: string;
  request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>>;
  breakerState(group: string): BreakerState;
  /** Called on every breaker transition; returns an unsubscribe function. */
  onBreakerChange(listener: (group: string, state: BreakerState) => void): () => void;
  /** Resolves when the group's breaker is closed (immediately if it is). Rejects on close() or abort. */
  waitUntilClosed(group: string, opts?: { signal?: AbortSignal }): Promise<void>;
  isOpen(group: string): boolean;
  /** Send the group's probe request through the breaker (the half-open trial); true when healthy. */
  probe(group: string): Promise<boolean>;
  groups(): string[];
  close(): Promise<void>;
}
