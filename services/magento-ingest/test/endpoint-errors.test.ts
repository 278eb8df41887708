// A bug behind an endpoint is a 500 whose correlation id is in the answer and in exactly one error log line
// (with the request id), counted as outcome `error`; it is never silent and never asks for a retry.
import { createLogger, createMetrics } from '@m3mage/runtime';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Ingest } from '../src/ingest/ingest';
import { genericAnswers } from '../src/routes/answers';
import { registerEndpoint } from '../src/routes/endpoint';

describe('an unexpected error in an endpoint', () => {
  it('is a 500 with a correlation id, logged once at error level, counted as error', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger({
      service: 'magento-ingest',
      version: '0',
      destination: { write: (l: string) => void lines.push(JSON.parse(l) as Record<string, unknown>) },
    });
    const metrics = createMetrics({ service: 'magento-ingest', collectDefaults: false });
    const app = Fastify();
    registerEndpoint(app, {
      ingest: {} as Ingest,
      metrics,
      logger,
      now: () => 0,
      bodyLimit: 1024,
      urls: ['/hook'],
      source: 'generic-webhook',
      contentTypes: ['application/json'],
      authenticate: () => undefined,
      eventOf: () => 'order_placed',
      eventField: 'body.event',
      handled: ['order_placed'],
      toDelivery: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'order')");
      },
      answer: genericAnswers,
    });
    const res = await app.inject({
      method: 'POST',
      url: '/hook',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(res.statusCode).toBe(500);
    expect(res.headers['retry-after']).toBeUndefined();
    const body = res.json<{ error: string; message: string }>();
    expect(body.error).toBe('internal');
    const id = /correlation id ([0-9a-f-]{36})/.exec(body.message)?.[1];
    expect(id).toBeDefined();
    const errors = lines.filter((l) => l['level'] === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ correlationId: id, msg: 'unexpected error in endpoint' });
    expect(errors[0]?.['requestId']).toMatch(/^req-/);
    expect(JSON.stringify(errors[0]?.['err'])).toContain("reading 'order'");
    const counted = (await metrics.ingestRequestsTotal.get()).values;
    expect(counted).toEqual([
      expect.objectContaining({ labels: { source: 'generic-webhook', outcome: 'error' }, value: 1 }),
    ]);
    await app.close();
  });
});
