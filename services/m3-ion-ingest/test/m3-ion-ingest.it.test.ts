// m3-ion-ingest on the real broker and registry, fed by the M3 simulator's BOD publisher with ION-like
// misbehaviour: out-of-order delivery and duplicates.
import { loadConfig, type ServiceContext } from '@m3mage/runtime';
import type { Change, Delivery, SalesOrder } from '@m3mage/schemas/types';
import { createM3Simulator, type M3Simulator } from '@m3mage/simulators/m3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestTopics,
  readRecords,
  stackEnv,
  testNamespace,
  testServiceContext,
} from '../../../test/support/kafka-rig';
import { schemaForTopic } from '@m3mage/topics';
import { TOPIC } from '@m3mage/topics/catalogue';
import { buildApp, topology } from '../src/app';
import { configSchema, type Config } from '../src/config';

type Row = { key: string; value: Change<SalesOrder & Delivery> };

const TOKEN = 'it-ion-token-0123456789';

async function startIngest(ns: string) {
  const config = loadConfig(configSchema, {
    env: stackEnv({ ION_INGEST_BEARER_TOKEN: TOKEN, KAFKA_NAMESPACE: ns }),
    service: 'm3-ion-ingest',
  });
  const ctx = await testServiceContext({
    name: 'm3-ion-ingest',
    config,
    ...topology,
    schemaOf: schemaForTopic,
  });
  const app = await buildApp({ ctx });
  await ctx.start();
  return { ctx, app };
}

// Each BOD is answered only after Kafka acknowledged its record: once the publisher is idle, the topic's end
// offsets cover everything.
const readAll = async (ctx: ServiceContext<Config>, topic: string): Promise<Row[]> =>
  (await readRecords(ctx, topic)) as Row[];

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
  const ns = testNamespace('it-ion');
  let run: Awaited<ReturnType<typeof startIngest>>;

  beforeAll(async () => {
    await createTestTopics(topology.produces.map((t) => `${ns}${t}`));
    run = await startIngest(ns);
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

    const orders = await readAll(run.ctx, run.ctx.topic(TOPIC.cdcM3SalesOrder));
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
    const ships = await readAll(run.ctx, run.ctx.topic(TOPIC.cdcM3Shipment));
    const invoices = await readAll(run.ctx, run.ctx.topic(TOPIC.cdcM3Invoice));
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
    run = await startIngest(ns);
    const res = await fetch(`${run.ctx.url()}/ion/bod`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml', authorization: `Bearer ${TOKEN}` },
      body: xml,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: 'stale' });
  });
});
