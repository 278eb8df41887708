export { countsAgainstBreaker } from './breaker';
export { createHttpClient } from './client';
export { createLimiter, type Limiter } from './limiter';
export {
  DEFAULT_REPEAT_POLICY,
  REPEATABLE_FAILURES,
  backoffMs,
  isRepeatableFailure,
  withRepeats,
  type RepeatOptions,
  type RepeatPolicy,
} from './repeat';
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
