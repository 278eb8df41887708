// Config, logging, metrics, health, HTTP client, the error catalogue and the card-number detector.
export * from './config';
export * from './errors';
export * from './health';
export * from './http';
export * from './log';
export * from './metrics';
export * from './privacy';
