// Any thrown value → AppError. AppErrors pass through; network and timeout errors (undici, Node sockets,
// AbortSignal.timeout) are transient; zod errors are validation; retriable Kafka errors are transient;
// everything else is an INTERNAL, permanent error (a bug until proven otherwise).
import { AppError } from './app-error';

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
]);

const CONNECTION_CODES = new Set([
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
]);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  retriable?: unknown;
  cause?: unknown;
}

const asErrorLike = (v: unknown): ErrorLike | undefined => (typeof v === 'object' && v !== null ? v : undefined);

function fromKnown(e: ErrorLike, original: unknown): AppError | undefined {
  const code = typeof e.code === 'string' ? e.code : undefined;
  const name = typeof e.name === 'string' ? e.name : '';
  const message = typeof e.message === 'string' ? e.message : String(original);
  const details = code ? { errorCode: code } : undefined;
  const opts = { cause: original, ...(details ? { details } : {}) };
  if ((code && TIMEOUT_CODES.has(code)) || name === 'TimeoutError') return new AppError('HTTP_TIMEOUT', message, opts);
  if (code && (CONNECTION_CODES.has(code) || code.startsWith('HPE_')))
    return new AppError('HTTP_CONNECTION', message, opts);
  if (name === 'ZodError') return new AppError('VALIDATION', message, opts);
  if (name.startsWith('Kafka') && e.retriable === true) return new AppError('KAFKA_UNAVAILABLE', message, opts);
  return undefined;
}

export function classify(err: unknown): AppError {
  if (err instanceof AppError) return err;
  // Walk the cause chain (fetch wraps socket errors in TypeError('fetch failed')).
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current !== undefined; depth += 1) {
    const e = asErrorLike(current);
    if (!e) break;
    if (current instanceof AppError) return current;
    const known = fromKnown(e, err);
    if (known) return known;
    current = e.cause;
  }
  const message = err instanceof Error ? err.message : `Non-error thrown: ${String(err)}`;
  return new AppError('INTERNAL', message, { cause: err });
}
