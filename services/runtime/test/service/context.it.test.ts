// The service skeleton on the real broker and registry: refuses to start without its topics, serves
// health, consumes through a group with retry/DLQ, produces Avro, stops in order; PIPELINE_MODE=naive turns
// conflation and key parallelism off for every consumer.
import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import {
  baseServiceConfigSchema,
  createKafkaClient,
  createLogger,
  createServiceContext,
  ensureTopics,
  MissingTopicsError,
  retryDlqTopics,
  type BaseServiceConfig,
} from '@m3mage/runtime';
import { testStack, uniqueName } from '../../../../test/support/env';

const schema = {
  type: 'record',
  name: 'Echo',
  namespace: 'm3mage.test',
  fields: [{ name: 'text', type: 'string' }],
} as const;

const quiet = new Writable({ write: (_c, _e, cb) => cb() });

function config(namespace?: string, mode?: 'naive' | 'optimised'): BaseServiceConfig {
  const s = testStack();
  return baseServiceConfigSchema.parse({
    KAFKA_BROKERS: s.brokers.join(','),
    SCHEMA_REGISTRY_URL: s.registryUrl,
    HTTP_PORT: '0',
    LOG_LEVEL: 'warn',
    SHUTDOWN_DEADLINE_MS: '10000',
    ...(namespace ? { KAFKA_NAMESPACE: namespace } : {}),
    ...(mode ? { PIPELINE_MODE: mode } : {}),
  });
}

const KEYS = ['k1', 'k2', 'k3', 'k4'];
const VERSIONS = 10;

/**
 * 4 keys × 10 versions on one partition of a conflatable topic, all produced before the consumer starts (one
 * fetch), consumed with maxInFlight 16 and conflation asked for: what ran, in which order, how many at once.
 */
async function consumeVersions(mode: 'naive' | 'optimised') {
  const input = uniqueName(`svc.versions.${mode}`);
  const group = uniqueName(`svc-${mode}`);
  const admin = createKafkaClient({
    clientId: 'svc-test',
    brokers: testStack().brokers,
    logger: createLogger({ service: 'test', version: '0', level: 'silent' }),
  });
  await ensureTopics(
    admin,
    [input, ...retryDlqTopics(group, 1)].map((topic) => ({ topic, partitions: 1 })),
  );
  const ctx = await createServiceContext({
    name: 'probe',
    version: '0.0.0',
    config: config(undefined, mode),
    group: { id: group, consumes: [input], retryDelaysMs: [50] },
    produces: [input],
    schemaOf: () => schema,
    logDestination: quiet,
    signals: { once: () => undefined, removeListener: () => undefined },
  });
  const ran: string[] = [];
  let inFlight = 0;
  let most = 0;
  ctx.consume<{ text: string }>({
    fromBeginning: true,
    maxInFlight: 16,
    conflate: [input],
    handler: async (msg) => {
      most = Math.max(most, (inFlight += 1));
      await new Promise((r) => setTimeout(r, 5));
      ran.push(msg.value!.text);
      inFlight -= 1;
      return { outcome: 'ack' };
    },
  });
  await Promise.all(
    Array.from({ length: VERSIONS }, (_, v) => v + 1).flatMap((v) =>
      KEYS.map((key) =>
        ctx.producer.send({
          topic: input,
          key,
          value: { text: `${key}:${v}` },
          meta: { correlationId: key, eventType: 'Echo', sourceSystem: 'M3' as const, entityVersion: String(v) },
        }),
      ),
    ),
  );
  await ctx.start();
  try {
    const newest = KEYS.map((k) => `${k}:${VERSIONS}`);
    const deadline = Date.now() + 30_000;
    while (!newest.every((t) => ran.includes(t)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(ran).toEqual(expect.arrayContaining(newest));
  } finally {
    await ctx.stop();
  }
  return { mode: ctx.mode, ran, most };
}

describe('createServiceContext (real broker + registry)', () => {
  it('refuses to start when its topics are missing, naming them', async () => {
    const missing = uniqueName('svc.missing');
    const err = await createServiceContext({
      name: 'probe',
      version: '0.0.0',
      config: config(),
      produces: [missing],
      schemaOf: () => schema,
      logDestination: quiet,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingTopicsError);
    expect((err as MissingTopicsError).missing).toEqual([missing]);
  });

  it('serves health, consumes, produces in its namespace and stops in order', async () => {
    const ns = `${uniqueName('ns')}.`;
    const input = uniqueName('svc.in');
    const output = uniqueName('svc.out');
    const group = uniqueName('svc-group');
    const admin = createKafkaClient({
      clientId: 'svc-test',
      brokers: testStack().brokers,
      logger: createLogger({ service: 'test', version: '0', level: 'silent' }),
    });
    await ensureTopics(
      admin,
      [input, output, ...retryDlqTopics(group, 2)].map((topic) => ({ topic: `${ns}${topic}`, partitions: 2 })),
    );

    const ctx = await createServiceContext({
      name: 'probe',
      version: '0.0.0',
      config: config(ns),
      group: { id: group, consumes: [input], retryDelaysMs: [50, 100] },
      produces: [input, output],
      schemaOf: () => schema,
      logDestination: quiet,
      signals: { once: () => undefined, removeListener: () => undefined },
    });
    const seen: string[] = [];
    // The service's own group: id, topics and retry tiers as the group spec states them.
    ctx.consume<{ text: string }>({
      fromBeginning: true,
      handler: async (msg) => {
        expect(msg.topic).toBe(input);
        seen.push(msg.value!.text);
        await ctx.producer.send({
          topic: output,
          key: msg.key,
          value: { text: msg.value!.text.toUpperCase() },
          meta: { correlationId: msg.key ?? 'none', eventType: 'Echoed', sourceSystem: 'M3' as const },
        });
        return { outcome: 'ack' };
      },
    });
    await ctx.start();
    try {
      const ready = await fetch(`${ctx.url()}/health/ready`);
      const body = (await ready.json()) as { status: string; checks: Record<string, { ok: boolean }> };
      expect(Object.keys(body.checks).sort()).toEqual([`consumer:${ns}${group}`, 'kafka', 'registry']);
      expect(ctx.topic(output)).toBe(`${ns}${output}`);
      await Promise.all(
        ['a', 'b', 'c'].map((text) =>
          ctx.producer.send({
            topic: input,
            key: text,
            value: { text },
            meta: { correlationId: text, eventType: 'Echo', sourceSystem: 'M3' as const },
          }),
        ),
      );
      const deadline = Date.now() + 30_000;
      while (seen.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(seen.sort()).toEqual(['a', 'b', 'c']);
      const metrics = await (await fetch(`${ctx.url()}/metrics`)).text();
      expect(metrics).toContain('pipeline_messages_total');
    } finally {
      await ctx.stop();
    }
    expect(ctx.lifecycle.isStopping()).toBe(true);
  });

  it('PIPELINE_MODE=naive: every record runs (no conflation), one at a time per partition, in key order', async () => {
    const naive = await consumeVersions('naive');
    expect(naive.mode).toBe('naive');
    expect(naive.most).toBe(1);
    expect(naive.ran).toHaveLength(KEYS.length * VERSIONS);
    for (const key of KEYS)
      expect(naive.ran.filter((t) => t.startsWith(`${key}:`))).toEqual(
        Array.from({ length: VERSIONS }, (_, v) => `${key}:${v + 1}`),
      );
    // The same consumer options in the default mode: superseded versions are dropped, keys run together.
    const optimised = await consumeVersions('optimised');
    expect(optimised.mode).toBe('optimised');
    expect(optimised.ran.length).toBeLessThan(KEYS.length * VERSIONS);
    expect(optimised.most).toBeGreaterThan(1);
  });
});
