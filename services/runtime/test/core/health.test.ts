import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { breakersClosedCheck, createMetrics, fnCheck, healthPlugin, type HealthCheck } from '../../src/core';
import { makeClient } from './support/client';
import { startTestServer } from './support/test-server';
import { cleanupAfterEach } from '../../../../test/support/cleanup';

const cleanup = cleanupAfterEach();

async function app(checks: Record<string, HealthCheck>) {
  const metrics = createMetrics({ service: 'svc' });
  const instance = Fastify({ logger: false });
  await instance.register(healthPlugin, { checks, metrics, checkTimeoutMs: 50 });
  cleanup.push(() => instance.close());
  return { instance, metrics };
}

describe('healthPlugin', () => {
  it('/health/live answers 200 and /health/ready 200 when every check passes', async () => {
    const { instance } = await app({ kafka: fnCheck(() => true), registry: fnCheck(() => Promise.resolve(true)) });
    expect((await instance.inject('/health/live')).statusCode).toBe(200);
    const ready = await instance.inject('/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { kafka: { ok: true }, registry: { ok: true } } });
  });

  it('/health/ready answers 503 with per-check results when a check fails, throws or hangs', async () => {
    const { instance } = await app({
      kafka: fnCheck(() => false, 'producer not connected'),
      registry: () => Promise.reject(new Error('ECONNREFUSED registry')),
      slow: () => new Promise(() => undefined),
      fine: fnCheck(() => true),
    });
    const res = await instance.inject('/health/ready');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      status: 'unready',
      checks: {
        kafka: { ok: false, detail: 'producer not connected' },
        registry: { ok: false, detail: 'ECONNREFUSED registry' },
        slow: { ok: false, detail: 'check timed out after 50 ms' },
        fine: { ok: true },
      },
    });
    expect((await instance.inject('/health/live')).statusCode).toBe(200);
  });

  it('/metrics serves the registry in Prometheus text format', async () => {
    const { instance, metrics } = await app({});
    metrics.messagesTotal.inc({ service: 'svc', topic: 'cmd.m3.customer-order.v1', outcome: 'ack' });
    const res = await instance.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.body).toContain(
      'pipeline_messages_total{service="svc",topic="cmd.m3.customer-order.v1",outcome="ack"} 1',
    );
    expect(res.body).toContain('# TYPE pipeline_external_call_seconds histogram');
    expect(res.body).toContain('nodejs_heap_size_total_bytes');
  });

  it('breakersClosedCheck fails while a breaker of the client is open', async () => {
    const server = await startTestServer((_req, reply) => reply.code(500).send(''));
    cleanup.push(() => server.close());
    const { client } = makeClient({
      groups: { mi: { baseUrl: server.url, breaker: { volumeThreshold: 1, resetTimeoutMs: 60_000 } } },
    });
    cleanup.push(() => client.close());
    const check = breakersClosedCheck(client);
    expect(await check()).toEqual({ ok: true });
    await client.request({ group: 'mi', operation: 'x', method: 'GET', path: '/' }).catch(() => undefined);
    expect(await check()).toEqual({ ok: false, detail: 'test breaker open: mi' });
  });
});
