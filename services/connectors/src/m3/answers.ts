// How M3 MI REST answers are read by the runtime HTTP client (its `answers` option): a business error
// travels on HTTP 200 (v1 ServerReturnedNOK, v2 results[i]) or 400 (v2 top level) and becomes an AppError
// with M3's type, code and field; a NOK's code or text says whether waiting helps (nok-codes.ts).
import { AppError, type ErrorCode, type SystemAnswers } from '@m3mage/runtime';
import { parseM3Error, type M3ErrorInfo } from './mi-error-body';
import { classifyM3Nok } from './nok-codes';

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

/** The runtime HTTP client's `answers` for M3 MI REST (v1 and v2). */
export const m3Answers: SystemAnswers = Object.freeze({
  businessError(status: number, body: unknown) {
    const info = parseM3Error(body);
    return info ? m3ErrorToAppError(info, status) : undefined;
  },
});
