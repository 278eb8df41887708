// An endpoint outage behind the runtime HTTP client's breaker: the partition pauses, nothing goes to
// retry or the DLQ, and everything completes once the endpoint recovers. (The outage is 30 s;
// here it is 4 s with a 1 s breaker reset, set through the client's config — same mechanism.)
import { createServer, type Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createHttpClient, createMetrics, type HttpClient } from '../../src/core';
import type { InboundMessage } from '../../src/kafka/handler';
import { breakerPauseSignal } from '../../src/kafka/pause-signal';
import { createGroupConsumer } from '../../src/retry-dlq/group-consumer';
import { dlqTopic, retryDlqTopics } from '../../src/retry-dlq/topics';
import { createTopics, produceEvents, rig, sleep, testLogger, uniqueName, waitFor, type TestEvent } from './support';
import { waitCaughtUp, withRetryTiers } from '../../../../test/support/caught-up';
import { cleanupAfterEach } from '../../../../test/support/cleanup';

const cleanup = cleanupAfterEach();

async function flakyServer(): Promise<{ server: Server; port: number; state: { failing: boolean; calls: number } }> {
  const state = { failing: true, calls: 0 };
  const server = createServer((req, res) => {
    state.calls += 1;
    req.resume();
    res.writeHead(state.failing ? 503 : 200, { 'content-type': 'application/json' });
    res.end(state.failing ? '{"message":"down"}' : '{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { server, port, state };
}

describe('breaker-driven pause', () => {
  it('pauses the partition during an outage and completes after recovery with nothing retried or dead-lettered', async () => {
    const topic = uniqueName('it.breaker');
    const group = uniqueName('it.breaker.g');
    const r = await rig(topic, 1);
    cleanup.push(() => r.close());
    await createTopics(r.client, retryDlqTopics(group, 2));
    const { server, port, state } = await flakyServer();
    cleanup.push(() => new Promise((res) => server.close(() => res())));
    const metrics = createMetrics({ service: 'test', collectDefaults: false });
    const http: HttpClient = createHttpClient({
      system: 'test-erp',
      metrics,
      logger: testLogger(),
      groups: {
        mi: {
          baseUrl: `http://127.0.0.1:${port}`,
          timeoutMs: 2000,
          breaker: { volumeThreshold: 2, errorThresholdPercentage: 50, resetTimeoutMs: 1000 },
        },
      },
    });
    cleanup.push(() => http.close());
    const transitions: string[] = [];
    http.onBreakerChange((_g, s) => transitions.push(s));

    // The outage is on before any message arrives: trip the breaker.
    for (let i = 0; i < 4; i += 1)
      await http.request({ group: 'mi', operation: 'trip', method: 'GET', path: '/' }).catch(() => undefined);
    expect(http.isOpen('mi')).toBe(true);

    await produceEvents(r, topic, 20, 5);
    const handled = new Map<string, number>();
    const handler = async (m: InboundMessage<TestEvent>) => {
      await http.request({ group: 'mi', operation: 'write', method: 'POST', path: '/write', body: m.value });
      handled.set(m.offset, (handled.get(m.offset) ?? 0) + 1);
      return { outcome: 'ack' as const };
    };
    let maxPaused = 0;
    const consumer = createGroupConsumer({
      client: r.client,
      service: 'test',
      groupId: group,
      topics: [topic],
      handler,
      serde: r.serde,
      producer: r.producer,
      logger: testLogger(),
      metrics,
      tierDelaysMs: [100, 200],
      pauseSignals: [breakerPauseSignal(http)],
    });
    cleanup.push(() => consumer.stop());
    await consumer.start();
    const watch = setInterval(() => (maxPaused = Math.max(maxPaused, consumer.paused().length)), 20);
    cleanup.push(async () => clearInterval(watch));

    await waitFor(() => consumer.paused().length > 0, 20_000, 'the partition to pause');
    const outageStart = Date.now();
    await sleep(4000);
    expect(handled.size).toBe(0);
    const callsDuringOutage = state.calls;
    state.failing = false;

    await waitFor(() => handled.size === 100, 30_000, 'all 100 messages handled after recovery');
    await waitCaughtUp(r.client, withRetryTiers(group, [topic], 2), { watch: [dlqTopic(group)] });
    const retried = (await metrics.retryTotal.get()).values.reduce((n, v) => n + v.value, 0);
    const dead = (await metrics.dlqTotal.get()).values.reduce((n, v) => n + v.value, 0);
    const twice = [...handled.values()].filter((n) => n > 1).length;
    console.log(
      `breaker: paused ≥${maxPaused} partition(s) for ~${Date.now() - outageStart} ms, server calls during outage ${callsDuringOutage}, ` +
        `transitions ${transitions.join('>')}, handled ${handled.size}, retried ${retried}, dead-lettered ${dead}`,
    );
    expect(maxPaused).toBeGreaterThan(0);
    expect(retried).toBe(0);
    expect(dead).toBe(0);
    expect(twice).toBe(0);
    expect(transitions).toContain('half-open');
    expect(transitions.at(-1)).toBe('closed');
    expect(consumer.paused()).toHaveLength(0);
  });
});
