export { countsAgainstBreaker } from './breaker';
export { createHttpClient } from './client';
export { createLimiter, type Limiter } from './limiter';
export type {
  BodyClassifier,
  BreakerOptions,
  BreakerState,
  EndpointGroupOptions,
  HttpClient,
  HttpClientOptions,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  QueryValue,
} from './types';
