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
export { classifyHttp, m3ErrorToAppError, type ClassifyHttpOptions } from './classify-http';
export { parseM3Error, type M3ErrorInfo } from './m3-body';
export { classifyM3Nok, m3NokCodes, type M3NokCategory, type M3NokRule } from './m3-nok-codes';
export { parseMagentoError, renderMagentoMessage, type MagentoErrorInfo } from './magento-body';
export { headerValue, parseRetryAfter, type HeaderBag } from './retry-after';
