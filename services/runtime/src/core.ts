// Config, logging, metrics, health, HTTP client and the error catalogue.
export * from './errors';
export * from './metrics';
