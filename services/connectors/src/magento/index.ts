// The one Magento REST transport: auth (bearer token, admin token, OAuth 1.0a) and signed, store-scoped calls.
export {
  createAuthorizer,
  type AdminTokenFetcher,
  type AuthorizerDeps,
  type MagentoAuthorizer,
  type MagentoAuthSettings,
  type RequestToSign,
} from './auth';
export { magentoAnswers } from './answers';
export {
  checkMagentoConnection,
  magentoAuthSettings,
  magentoConnection,
  magentoConnectionSchema,
  type MagentoConnection,
  type MagentoConnectionConfig,
  type MagentoConnectionDeps,
  type MagentoConnectionDefaults,
} from './config';
export { parseMagentoError, renderMagentoMessage, type MagentoErrorInfo } from './error-body';
export { encodeQuery, searchFilter, type MagentoQuery } from './query';
export {
  adminTokenFetcher,
  createMagentoTransport,
  MAGENTO_GROUP,
  type MagentoCall,
  type MagentoTransport,
  type MagentoTransportOptions,
} from './transport';
