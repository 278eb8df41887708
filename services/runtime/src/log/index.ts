export { childForMessage, createLogger, type CreateLoggerOptions, type Logger, type MessageContext } from './logger';
export { REDACTED, isSecretKey, scrubString, scrubValue } from './scrub';
