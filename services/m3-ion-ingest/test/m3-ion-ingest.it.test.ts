// m3-ion-ingest on the real broker and registry, fed by the M3 simulator's BOD publisher with ION-like
// misbehaviour: out-of-order delivery and duplicates.
import { Writable } from 'node:stream';
import { createServiceContext, ensureTopics, loadConfig, type ServiceContext } from '@m3mage/runtime';
import { createM3Simulator, type M3Simulator } from '@m3mage/simulators/m3';
import { schemaForTopic } from '@m3mage/topics';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStack, uniqueName } from '../../../test/support/env';
import { buildApp, defaultTopics, type IngestTopics } from '../src/app';
import { configSchema, type Config } from '../src/config';
import type { Change, Delivery, SalesOrder } from '@m3mage/schemas/types';

type Row = { key: string; value: Change<SalesOrder & Delivery> };

const quiet = new Writable({ write: (_c, _e, cb) => cb() });
const TOKEN = 'it-ion-token-0123456789';

async function startIngest(topics: IngestTopics) {
  const stack = testStack();
  const config = loadConfig(configSchema, {
    env: {
      KAFKA_BROKERS: stack.brokers.join(','),
      SCHEMA_REGISTRY_URL: stack.registryUrl,
      HTTP_PORT: '0',
      LOG_LEVEL: 'warn',
      ION_INGEST_BEARER_TOKEN: TOKEN,
    },
    service: 'm3-ion-ingest',
  });
  const catalogue = new Map<string, string>(
    Object.entries(defaultTopics).map(([k, v]) => [topics[k as keyof IngestTopics], v]),
  );
  const ctx = await createServiceContext({
    name: 'm3-ion-ingest',
    version: '0.0.0-test',
    config,
    produces: Object.values(topics),
    consumes: [],
    schemaOf: (t) => schemaForTopic(catalogue.get(t) ?? t),
    logDestination: quiet,
    signals: { once: () => undefined, removeListener: () => undefined },
  });
  const app = await buildApp({ ctx, topics });
  await ctx.start();
  return { ctx, app };
}

async function readAll(ctx: ServiceContext<Config>, topic: string): Promise<Row[]> {
  const consumer = ctx.kafka.kafka.consumer({ groupId: uniqueName('it-reader') });
  const out: Row[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      out.push({
        key: message.key?.toString() ?? '',
        value: (await ctx.serde.decode(message.value ?? Buffer.alloc(0))) as Row['value'],
      });
    },
  });
  await new Promise((r) => setTimeout(r, 2000));
  await consumer.disconnect();
  return out;
}

const basic = { authorization: `Basic ${Buffer.from('M3SIM:m3sim').toString('base64')}` };

async function placeOrder(sim: M3Simulator, cuor: string): Promise<string> {
  const exec = async (tx: string, q: Record<string, string>) => {
    const res = await sim.app.inject({
      method: 'GET',
      url: `/m3api-rest/execute/OIS100MI/${tx}`,
      query: q,
      headers: basic,
    });
    const rec = res.json<{ MIRecord?: Array<{ NameValue: Array<{ Name: string; Value: string }> }> }>().MIRecord?.[0];
    return rec?.NameValue.find((n) => n.Name === 'ORNO')?.Value.trim() ?? '';
  };
  const temp = await exec('AddBatchHead', { CUNO: 'C000002', CUOR: cuor });
  await exec('AddBatchLine', { ORNO: temp, ITNO: 'ITM000003', ORQT: '1', WHLO: '100' });
  return exec('Confirm', { ORNO: temp });
}

describe('m3-ion-ingest (real broker + registry, M3 simulator BODs)', () => {
  let sim: M3Simulator;
  let topics: IngestTopics;
  let run: Awaited<ReturnType<typeof startIngest>>;

  beforeAll(async () => {
    topics = Object.fromEntries(
      Object.entries(defaultTopics).map(([k, v]) => [k, uniqueName(`it.${v}`)]),
    ) as unknown as IngestTopics;
    const kafka = new Kafka({ clientId: 'it', brokers: testStack().brokers, logLevel: logLevel.NOTHING });
    await ensureTopics(
      { clientId: 'it', kafka },
      Object.values(topics).map((topic) => ({ topic, partitions: 3 })),
    );
    run = await startIngest(topics);
    let seed = 7;
    sim = createM3Simulator({
      bodRandom: () => (seed = (seed * 16807) % 2147483647) / 2147483647,
      bodDelivery: { outOfOrder: { window: 5, maxHoldMs: 150 }, duplicateRate: 0.4 },
      subscribers: [
        {
          name: 'xml',
          url: `${run.ctx.url()}/ion/bod`,
          format: 'xml',
          auth: { bearer: TOKEN },
          nouns: ['SalesOrder', 'Shipment'],
        },
        {
          name: 'json',
          url: `${run.ctx.url()}/ion/bod`,
          format: 'ion-json-base64',
          auth: { bearer: TOKEN },
          nouns: ['Invoice'],
        },
      ],
    });
  });
  afterAll(async () => {
    await run?.ctx.stop();
    await sim?.close();
  });

  it('produces only fresh versions from out-of-order and duplicated BODs, keyed by ORNO', async () => {
    const ornos: string[] = [];
    for (let i = 0; i < 5; i++) ornos.push(await placeOrder(sim, `IONIT${i}`));
    for (const orno of ornos) {
      sim.fulfilment.ship(orno, { trackingNumbers: [`TRK-${orno}`] });
      sim.fulfilment.invoice(orno);
    }
    sim.publisher.flush();
    await sim.publisher.idle();
    const log = sim.publisher.log();
    expect(log.every((e) => e.status === 'delivered')).toBe(true);
    expect(log.some((e) => e.duplicate)).toBe(true);

    const orders = await readAll(run.ctx, topics.salesOrder);
    for (const orno of ornos) {
      const versions = orders.filter((r) => r.key === orno).map((r) => Number(r.value.source.version));
      expect(versions.length).toBeGreaterThan(0);
      // strictly increasing: no duplicate, nothing older than what was already produced
      versions.slice(1).forEach((v, i) => expect(v).toBeGreaterThan(versions[i]!));
      const max = Math.max(
        ...log.filter((e) => e.noun === 'SalesOrder' && e.documentId === orno).map((e) => e.variationId),
      );
      expect(versions.at(-1)).toBe(max);
      expect(orders.filter((r) => r.key === orno).at(-1)?.value.after?.orst).toBe('77');
    }
    const ships = await readAll(run.ctx, topics.shipment);
    const invoices = await readAll(run.ctx, topics.invoice);
    for (const orno of ornos) {
      const s = ships.filter((r) => r.key === orno);
      expect(new Set(s.map((r) => r.value.source.version)).size).toBe(s.length);
      expect(s.at(-1)?.value.after?.packages[0]?.trackingNumber).toBe(`TRK-${orno}`);
      expect(invoices.filter((r) => r.key === orno)).toHaveLength(1);
    }
    const text = await run.ctx.metrics.text();
    expect(text).toMatch(/pipeline_ingest_requests_total\{source="ion",outcome="stale"\} [1-9]/);
  });

  it('rebuilds the variation table at start: a replayed old BOD is stale after a restart', async () => {
    const first = sim.publisher.log({ noun: 'SalesOrder' })[0]!;
    const xml = sim.publisher.bod(first.bodId)!.xml;
    await run.ctx.stop();
    run = await startIngest(topics);
    const res = await fetch(`${run.ctx.url()}/ion/bod`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml', authorization: `Bearer ${TOKEN}` },
      body: xml,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: 'stale' });
  });
});
