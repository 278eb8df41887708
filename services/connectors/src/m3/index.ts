// The one M3 connector: MI REST v1 and v2 (bulk included) through the ION API gateway or direct, ION API
// OAuth2 tokens from the `.ionapi` file, and how M3's answers and NOKs are read.
export { m3Answers, m3ErrorToAppError } from './answers';
export { createIonTokenSource, type IonTokenOptions, type TokenSource } from './ion-token';
export { parseIonApi, type IonApiCredentials } from './ionapi-file';
export {
  createMiClient,
  isReadTransaction,
  type MiAuth,
  type MiBulkCall,
  type MiCallOptions,
  type MiClient,
  type MiClientOptions,
  type MiInput,
  type MiPolicy,
} from './mi-client';
export { isTerminated, parseM3Error, type M3ErrorInfo } from './mi-error-body';
export { miInputLengths, tooLong } from './mi-fields';
export { parseMiRecords, parseMiResults, type MiRecord, type MiResult } from './mi-records';
export { classifyM3Nok, m3NokCodes, type M3NokCategory, type M3NokRule } from './nok-codes';
export {
  M3_GROUP,
  SSO_GROUP,
  m3Connection,
  m3ConnectionSchema,
  readIonApi,
  type M3Connection,
  type M3ConnectionConfig,
  type M3ConnectionDeps,
} from './config';
