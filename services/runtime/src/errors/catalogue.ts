// The one catalogue of stable error codes. Codes never change meaning once published; services list the
// codes they raise in their README (see errorCatalogueMarkdown).

/** How a failure should be handled: retried later, dead-lettered, fixed by ops, or slowed down. */
export type ErrorKind = 'transient' | 'permanent' | 'validation' | 'auth' | 'throttled';

export interface ErrorCodeInfo {
  readonly code: string;
  readonly kind: ErrorKind;
  /** Default retriability; an AppError instance may differ (e.g. an M3 NOK for a locked record). */
  readonly retriable: boolean;
  /** The HTTP status this code usually corresponds to, where there is one. */
  readonly httpStatus?: number;
  readonly description: string;
}

const entry = <C extends string>(
  code: C,
  kind: ErrorKind,
  retriable: boolean,
  description: string,
  httpStatus?: number,
): ErrorCodeInfo & { readonly code: C } =>
  Object.freeze(
    httpStatus === undefined
      ? { code, kind, retriable, description }
      : { code, kind, retriable, httpStatus, description },
  );

export const ErrorCodes = Object.freeze({
  // Infrastructure
  KAFKA_UNAVAILABLE: entry(
    'KAFKA_UNAVAILABLE',
    'transient',
    true,
    'Kafka broker or cluster not reachable, or a retriable broker error.',
  ),
  KAFKA_PRODUCE_FAILED: entry(
    'KAFKA_PRODUCE_FAILED',
    'transient',
    true,
    'A record could not be written to Kafka (not acknowledged).',
  ),
  KAFKA_RECORD_REJECTED: entry(
    'KAFKA_RECORD_REJECTED',
    'validation',
    false,
    'The broker refused the record itself (larger than max.message.bytes, invalid); retrying cannot help.',
  ),
  SHUTTING_DOWN: entry(
    'SHUTTING_DOWN',
    'transient',
    true,
    'The service is stopping; the work is handed back and redelivered.',
  ),
  // Outbound HTTP
  HTTP_TIMEOUT: entry('HTTP_TIMEOUT', 'transient', true, 'An outbound call did not complete within its timeout.'),
  HTTP_CONNECTION: entry(
    'HTTP_CONNECTION',
    'transient',
    true,
    'Connection refused, reset or DNS failure on an outbound call.',
  ),
  HTTP_5XX: entry('HTTP_5XX', 'transient', true, 'The remote system answered with a 5xx server error.', 500),
  HTTP_429: entry(
    'HTTP_429',
    'throttled',
    true,
    'The remote system asked us to slow down (429); Retry-After is honoured.',
    429,
  ),
  HTTP_4XX: entry(
    'HTTP_4XX',
    'validation',
    false,
    'The remote system rejected the request (4xx other than 401/403/429).',
    400,
  ),
  AUTH_FAILED: entry(
    'AUTH_FAILED',
    'auth',
    false,
    'Credentials rejected (401/403) or token could not be obtained.',
    401,
  ),
  BREAKER_OPEN: entry(
    'BREAKER_OPEN',
    'transient',
    true,
    'The endpoint group breaker is open; the call was not attempted.',
  ),
  TLS_REQUIRED: entry('TLS_REQUIRED', 'permanent', false, 'An outbound URL is not https while TLS is required.'),
  // Infor M3 MI
  M3_NOK: entry(
    'M3_NOK',
    'permanent',
    false,
    'M3 MI answered ServerReturnedNOK (business error, often HTTP 200). Retriable only for codes known to be transient (locks); see details.m3Code/m3Field.',
  ),
  M3_TRANSACTION_NOT_FOUND: entry(
    'M3_TRANSACTION_NOT_FOUND',
    'permanent',
    false,
    'The MI program/transaction does not exist on this M3.',
  ),
  M3_MANDATORY_MISSING: entry('M3_MANDATORY_MISSING', 'validation', false, 'A mandatory MI input field was not sent.'),
  M3_FIELD_TOO_LONG: entry('M3_FIELD_TOO_LONG', 'validation', false, 'An MI input field exceeds its M3 length.'),
  M3_BATCH_ORDER_REFUSED: entry(
    'M3_BATCH_ORDER_REFUSED',
    'validation',
    false,
    'OIS100MI Confirm left the batch order in status 15 (errors in OIS275): no customer order was created; the batch order was deleted and its errors are in the message.',
  ),
  // Magento
  MAGENTO_VALIDATION: entry(
    'MAGENTO_VALIDATION',
    'validation',
    false,
    'Magento rejected the request (400 InputException/LocalizedException).',
    400,
  ),
  MAGENTO_NOT_FOUND: entry(
    'MAGENTO_NOT_FOUND',
    'permanent',
    false,
    'Magento has no such entity (404 NoSuchEntityException) or route.',
    404,
  ),
  // Data and mapping
  SCHEMA_DECODE: entry('SCHEMA_DECODE', 'permanent', false, 'A record could not be decoded with its Avro schema.'),
  VALIDATION: entry('VALIDATION', 'validation', false, 'Input failed schema validation (zod).', 400),
  INPUT_LIMIT_EXCEEDED: entry(
    'INPUT_LIMIT_EXCEEDED',
    'validation',
    false,
    'An inbound document breaks a parser or value limit (nesting depth, entity expansion, encoding, a number beyond its range); answered 400 malformed, naming the limit.',
    400,
  ),
  MAPPING_UNMAPPABLE: entry(
    'MAPPING_UNMAPPABLE',
    'permanent',
    false,
    'The source document cannot be mapped to the target (missing or invalid data).',
  ),
  MAPPING_NOT_YET: entry(
    'MAPPING_NOT_YET',
    'transient',
    true,
    'A prerequisite (customer, item, order cross-reference) is not there yet; retry later.',
  ),
  RETRIES_EXHAUSTED: entry(
    'RETRIES_EXHAUSTED',
    'permanent',
    false,
    'A transient failure persisted through every retry tier.',
  ),
  // Process
  CONFIG_INVALID: entry('CONFIG_INVALID', 'permanent', false, 'Configuration missing or invalid at boot.'),
  INTERNAL: entry('INTERNAL', 'permanent', false, 'An unexpected error (a bug); see the cause.', 500),
});

export type ErrorCode = keyof typeof ErrorCodes;

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ErrorCodes, code);

/** Every catalogue entry, or only the given codes, in catalogue order. */
export function listErrorCodes(codes?: readonly ErrorCode[]): ErrorCodeInfo[] {
  const all = Object.values(ErrorCodes) as ErrorCodeInfo[];
  return codes ? all.filter((e) => codes.includes(e.code as ErrorCode)) : all;
}

/** A markdown table of error codes for a service README. */
export function errorCatalogueMarkdown(codes?: readonly ErrorCode[]): string {
  const esc = (s: string): string => s.replaceAll('|', '\\|');
  const rows = listErrorCodes(codes).map(
    (e) =>
      `| \`${e.code}\` | ${e.kind} | ${e.retriable ? 'yes' : 'no'} | ${e.httpStatus ?? ''} | ${esc(e.description)} |`,
  );
  return ['| code | kind | retriable | http | description |', '|---|---|---|---|---|', ...rows].join('\n');
}
