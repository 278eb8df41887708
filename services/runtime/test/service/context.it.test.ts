// The service skeleton on the real broker and registry: refuses to start without its topics, serves
// health, consumes through a group with retry/DLQ, produces Avro, stops in order.
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

function config(namespace?: string): BaseServiceConfig {
  const s = testStack();
  return baseServiceConfigSchema.parse({
    KAFKA_BROKERS: s.brokers.join(','),
    SCHEMA_REGISTRY_URL: s.registryUrl,
    HTTP_PORT: '0',
    LOG_LEVEL: 'warn',
    SHUTDOWN_DEADLINE_MS: '10000',
    ...(namespace ? { KAFKA_NAMESPACE: namespace } : {}),
  });
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
});
