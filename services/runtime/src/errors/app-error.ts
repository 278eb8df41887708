import { ErrorCodes, type ErrorCode, type ErrorKind } from './catalogue';

export interface AppErrorOptions {
  cause?: unknown;
  details?: Record<string, unknown>;
  retryAfterMs?: number;
  /** Override the catalogue's kind for this instance (e.g. an M3 NOK that is an auth problem). */
  kind?: ErrorKind;
  /** Override the catalogue's retriable flag for this instance (e.g. a locked M3 record). */
  retriable?: boolean;
}

/** The one error type the runtime passes around: a stable code plus how to handle it. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly retriable: boolean;
  readonly details?: Record<string, unknown>;
  readonly retryAfterMs?: number;

  constructor(code: ErrorCode, message?: string, opts: AppErrorOptions = {}) {
    const info = ErrorCodes[code];
    super(message ?? info.description, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.kind = opts.kind ?? info.kind;
    this.retriable = opts.retriable ?? info.retriable;
    if (opts.details !== undefined) this.details = opts.details;
    if (opts.retryAfterMs !== undefined) this.retryAfterMs = opts.retryAfterMs;
  }

  /** A copy with extra details merged in (same code, kind, retriable, retryAfterMs, cause and stack). */
  withDetails(extra: Record<string, unknown>): AppError {
    const copy = new AppError(this.code, this.message, {
      ...(this.cause !== undefined ? { cause: this.cause } : {}),
      details: { ...this.details, ...extra },
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
      kind: this.kind,
      retriable: this.retriable,
    });
    if (this.stack !== undefined) copy.stack = this.stack;
    return copy;
  }

  /** Log- and DLQ-friendly shape (no stack, cause summarised). */
  toJSON(): Record<string, unknown> {
    const cause = this.cause instanceof Error ? `${this.cause.name}: ${this.cause.message}` : this.cause;
    return {
      name: this.name,
      code: this.code,
      kind: this.kind,
      retriable: this.retriable,
      message: this.message,
      ...(this.details ? { details: this.details } : {}),
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
      ...(cause !== undefined ? { cause } : {}),
    };
  }
}

export const isAppError = (err: unknown): err is AppError => err instanceof AppError;
