// Config, logging, metrics, health, HTTP client and the error catalogue.
export * from './config';
export * from './errors';
export * from './health';
export * from './http';
export * from './log';
export * from './metrics';
