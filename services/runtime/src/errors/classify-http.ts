// Turns an HTTP answer (status, parsed body, headers) into an AppError, or undefined when it is a success.
// Reads bodies: M3 reports business errors with HTTP 200; Magento sends {message, parameters} templates.
import { AppError } from './app-error';
import type { ErrorCode } from './catalogue';
import { parseM3Error, type M3ErrorInfo } from './m3-body';
import { classifyM3Nok } from './m3-nok-codes';
import { parseMagentoError } from './magento-body';
import { headerValue, parseRetryAfter, type HeaderBag } from './retry-after';

export interface ClassifyHttpOptions {
  now?: () => number;
}

const M3_TYPE_CODES: Readonly<Record<string, ErrorCode>> = {
  TransactionNotFound: 'M3_TRANSACTION_NOT_FOUND',
  MandatoryInputFieldNotFound: 'M3_MANDATORY_MISSING',
  InputFieldTooLong: 'M3_FIELD_TOO_LONG',
};

export function m3ErrorToAppError(info: M3ErrorInfo, status: number): AppError {
  const details = {
    system: 'm3',
    status,
    m3Type: info.type,
    ...(info.code ? { m3Code: info.code } : {}),
    ...(info.field ? { m3Field: info.field } : {}),
    ...(info.transaction ? { m3Transaction: info.transaction } : {}),
    ...(info.partial ? { partial: true } : {}),
  };
  const where = [info.code, info.field && `field ${info.field}`].filter(Boolean).join(', ');
  const message = `M3 ${info.type}${where ? ` (${where})` : ''}: ${info.message}`;
  const specific = M3_TYPE_CODES[info.type];
  if (specific) return new AppError(specific, message, { details });
  const rule = classifyM3Nok(info.code, info.message);
  return new AppError('M3_NOK', message, {
    details: { ...details, m3Category: rule.category },
    kind: rule.kind,
    retriable: rule.retriable,
  });
}

function bodyText(body: unknown): string | undefined {
  if (body === undefined || body === null || body === '') return undefined;
  const s = typeof body === 'string' ? body : JSON.stringify(body);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

function statusCode(system: string, status: number): ErrorCode | undefined {
  if (status < 400) return undefined;
  if (status === 429) return 'HTTP_429';
  if (status === 401 || status === 403) return 'AUTH_FAILED';
  if (status === 408) return 'HTTP_TIMEOUT';
  if (status >= 500) return 'HTTP_5XX';
  if (system === 'magento' && status === 404) return 'MAGENTO_NOT_FOUND';
  if (system === 'magento') return 'MAGENTO_VALIDATION';
  return 'HTTP_4XX';
}

export function classifyHttp(
  system: 'm3' | 'magento' | (string & {}),
  status: number,
  body: unknown,
  headers?: HeaderBag,
  opts: ClassifyHttpOptions = {},
): AppError | undefined {
  const now = opts.now ?? Date.now;
  // M3 business errors travel on 200 (v1, v2 results[]) and 400 (v2); 401/403/429/5xx are decided by status.
  if (system === 'm3' && status < 500 && status !== 401 && status !== 403 && status !== 429) {
    const info = parseM3Error(body);
    if (info) return m3ErrorToAppError(info, status);
  }
  const code = statusCode(system, status);
  if (!code) return undefined;
  const retryAfterMs = parseRetryAfter(headerValue(headers, 'retry-after'), now());
  const magento = system === 'magento' ? parseMagentoError(body) : undefined;
  const text = magento?.message ?? bodyText(body);
  const details: Record<string, unknown> = { system, status };
  if (magento) {
    details['template'] = magento.template;
    if (magento.parameters !== undefined) details['parameters'] = magento.parameters;
  } else if (text !== undefined) {
    details['body'] = text;
  }
  const message = `${system} answered HTTP ${status}${text ? `: ${text}` : ''}`;
  return new AppError(code, message, {
    details,
    ...(retryAfterMs !== undefined && (code === 'HTTP_429' || code === 'HTTP_5XX') ? { retryAfterMs } : {}),
  });
}
