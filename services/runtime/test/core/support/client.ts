import { Writable } from 'node:stream';
import { createHttpClient, createLogger, createMetrics, type HttpClientOptions } from '../../../src/core';

/** A client with a fresh registry and a logger that collects records in memory. */
export function makeClient(overrides: Partial<HttpClientOptions> & Pick<HttpClientOptions, 'groups'>) {
  const metrics = createMetrics({ service: 'test', collectDefaults: false });
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      cb();
    },
  });
  const logger = createLogger({ service: 'test', version: '0', level: 'debug', destination });
  const client = createHttpClient({ system: 'test', metrics, logger, ...overrides });
  return { client, metrics, lines };
}
