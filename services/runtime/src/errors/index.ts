export { AppError, isAppError, type AppErrorOptions } from './app-error';
export {
  ErrorCodes,
  errorCatalogueMarkdown,
  isErrorCode,
  listErrorCodes,
  type ErrorCode,
  type ErrorCodeInfo,
  type ErrorKind,
} from './catalogue';
export { classify } from './classify';
export { classifyHttp, type ClassifyHttpOptions, type SystemAnswers } from './classify-http';
export { headerValue, parseRetryAfter, type HeaderBag } from './retry-after';
