// Turns an HTTP answer (status, parsed body, headers) into an AppError, or undefined when it is a success.
// Generic: statuses decide, and a system's own body shapes are read by the `SystemAnswers` its connector
// supplies (@m3mage/connectors: M3 reports business errors with HTTP 200 and 400, Magento sends
// {message, parameters} templates and means "no such entity" by 404).
import { AppError } from './app-error';
import type { ErrorCode } from './catalogue';
import { headerValue, parseRetryAfter, type HeaderBag } from './retry-after';

/** How one external system's answers are read beyond their status (supplied by its connector). */
export interface SystemAnswers {
  /**
   * A business error carried by an answer whose status alone says success or a plain 4xx; asked for
   * every answer below 500 except 401, 403 and 429 (those are decided by status).
   */
  businessError?(status: number, body: unknown): AppError | undefined;
  /** The message and details of a failed answer whose body has this system's error shape. */
  errorBody?(body: unknown): { message: string; details: Record<string, unknown> } | undefined;
  /** The code of a 4xx other than 401, 403, 408 and 429 (default HTTP_4XX). */
  clientError?(status: number): ErrorCode;
}

export interface ClassifyHttpOptions {
  now?: () => number;
  answers?: SystemAnswers;
}

function bodyText(body: unknown): string | undefined {
  if (body === undefined || body === null || body === '') return undefined;
  const s = typeof body === 'string' ? body : JSON.stringify(body);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

function statusCode(status: number, answers: SystemAnswers | undefined): ErrorCode | undefined {
  if (status < 400) return undefined;
  if (status === 429) return 'HTTP_429';
  if (status === 401 || status === 403) return 'AUTH_FAILED';
  if (status === 408) return 'HTTP_TIMEOUT';
  if (status >= 500) return 'HTTP_5XX';
  return answers?.clientError?.(status) ?? 'HTTP_4XX';
}

export function classifyHttp(
  system: string,
  status: number,
  body: unknown,
  headers?: HeaderBag,
  opts: ClassifyHttpOptions = {},
): AppError | undefined {
  const { answers } = opts;
  const now = opts.now ?? Date.now;
  if (answers?.businessError && status < 500 && status !== 401 && status !== 403 && status !== 429) {
    const business = answers.businessError(status, body);
    if (business) return business;
  }
  const code = statusCode(status, answers);
  if (!code) return undefined;
  const retryAfterMs = parseRetryAfter(headerValue(headers, 'retry-after'), now());
  const read = answers?.errorBody?.(body);
  const text = read?.message ?? bodyText(body);
  const details: Record<string, unknown> = { system, status };
  if (read) Object.assign(details, read.details);
  else if (text !== undefined) details['body'] = text;
  const message = `${system} answered HTTP ${status}${text ? `: ${text}` : ''}`;
  return new AppError(code, message, {
    details,
    ...(retryAfterMs !== undefined && (code === 'HTTP_429' || code === 'HTTP_5XX') ? { retryAfterMs } : {}),
  });
}
