// The inventory BOD (STOCK_BOD_NOUN=LS_ItemStock) on the real broker and registry, fed by the M3 simulator's
// SyncLS_ItemStock with ION-like misbehaviour (out of order, duplicates): newer balances are produced to
// cdc.m3.stock.v1, older or repeated ones are not, and a BOD that cannot be read is answered 422 and
// dead-lettered once.
import { loadConfig, type ServiceContext } from '@m3mage/runtime';
import type { Balance, Change, DeadLetter } from '@m3mage/schemas/types';
import { createM3Simulator, type M3Simulator } from '@m3mage/simulators/m3';
import { schemaForTopic } from '@m3mage/topics';
import { TOPIC } from '@m3mage/topics/catalogue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestTopics,
  readRecords,
  stackEnv,
  testNamespace,
  testServiceContext,
} from '../../../test/support/kafka-rig';
import { buildApp, topology } from '../src/app';
import { configSchema, type Config } from '../src/config';

const TOKEN = 'it-ion-stock-token-0123456789';
const KEYS = [
  ['100', 'ITM000001'],
  ['100', 'ITM000002'],
  ['200', 'ITM000001'],
] as const;

async function startIngest(ns: string) {
  const config = loadConfig(configSchema, {
    env: stackEnv({ ION_INGEST_BEARER_TOKEN: TOKEN, KAFKA_NAMESPACE: ns, STOCK_BOD_NOUN: 'LS_ItemStock' }),
    service: 'm3-ion-ingest',
  });
  const ctx = await testServiceContext({ name: 'm3-ion-ingest', config, ...topology, schemaOf: schemaForTopic });
  const app = await buildApp({ ctx });
  await ctx.start();
  return { ctx, app };
}

type Stock = { key: string; value: Change<Balance> };
const stockRecords = async (ctx: ServiceContext<Config>) =>
  (await readRecords(ctx, ctx.topic(TOPIC.cdcM3Stock))) as unknown as Stock[];

describe('m3-ion-ingest inventory BOD (real broker + registry, M3 simulator SyncLS_ItemStock)', () => {
  const ns = testNamespace('it-ion-stock');
  let run: Awaited<ReturnType<typeof startIngest>>;
  let sim: M3Simulator;
  let t = Date.UTC(2026, 4, 15, 10, 0, 0);
  const post = (body: string) =>
    fetch(`${run.ctx.url()}/ion/bod`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml', authorization: `Bearer ${TOKEN}` },
      body,
    });

  beforeAll(async () => {
    await createTestTopics(topology.produces.map((topic) => `${ns}${topic}`));
    run = await startIngest(ns);
    let seed = 11;
    sim = createM3Simulator({
      now: () => t,
      inventoryNouns: ['LS_ItemStock'],
      bodRandom: () => (seed = (seed * 16807) % 2147483647) / 2147483647,
      bodDelivery: { outOfOrder: { window: 6, maxHoldMs: 150 }, duplicateRate: 0.4 },
      subscribers: [
        { name: 'ingest', url: `${run.ctx.url()}/ion/bod`, auth: { bearer: TOKEN }, nouns: ['LS_ItemStock'] },
      ],
    });
  });
  afterAll(async () => {
    await run?.ctx.stop();
    await sim?.close();
  });

  it('produces the newest balance per ITNO@WHLO from shuffled and duplicated BODs, versions always rising', async () => {
    for (let step = 1; step <= 6; step++) {
      for (const [whlo, itno] of KEYS) {
        t += 1000;
        const payload = step % 3 === 0 ? { ALQT: step } : { STQT: 10 * step + itno.length };
        const res = await sim.app.inject({ method: 'PUT', url: `/_control/balances/${whlo}/${itno}`, payload });
        expect(res.statusCode, res.body).toBe(200);
      }
    }
    sim.publisher.flush();
    await sim.publisher.idle();
    const log = sim.publisher.log({ noun: 'LS_ItemStock' });
    expect(log.every((e) => e.status === 'delivered')).toBe(true);
    expect(log.some((e) => e.duplicate)).toBe(true);

    const records = await stockRecords(run.ctx);
    for (const [whlo, itno] of KEYS) {
      const mine = records.filter((r) => r.key === `${itno}@${whlo}`);
      const versions = mine.map((r) => BigInt(r.value.after!.changeStamp));
      expect(versions.length).toBeGreaterThan(0);
      versions.slice(1).forEach((v, i) => expect(v > versions[i]!).toBe(true));
      const last = mine.at(-1)!.value.after!;
      const now = sim.state.balances.get(`${whlo}|${itno}`)!;
      expect(last).toMatchObject({ onHand: String(now.STQT), allocated: String(now.ALQT), whlo, itno });
      expect(last.changeStamp).toBe(String(now.LMTS));
      expect(last.reader).toBe('ION/Sync.LS_ItemStock');
    }
    // 18 changes, each delivered once or twice in shuffled batches: never more records than changes
    expect(records.length).toBeLessThanOrEqual(KEYS.length * 6);
    expect(await run.ctx.metrics.text()).toMatch(
      /pipeline_ingest_requests_total\{source="ion",outcome="stale"\} [1-9]/,
    );
  });

  it('answers an older or repeated BOD 200 stale and produces nothing', async () => {
    const before = (await stockRecords(run.ctx)).length;
    const first = sim.publisher.log({ noun: 'LS_ItemStock' })[0]!;
    const last = sim.publisher.log({ noun: 'LS_ItemStock', documentId: first.documentId }).at(-1)!;
    for (const bodId of [first.bodId, last.bodId]) {
      const res = await post(sim.publisher.bod(bodId)!.xml);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'OK', outcome: 'stale', document: `stock:${first.documentId}` });
    }
    expect((await stockRecords(run.ctx)).length).toBe(before);
  });

  it('produces a newer BOD posted directly, with the entity-version header', async () => {
    t += 60_000;
    await sim.app.inject({ method: 'PUT', url: '/_control/balances/100/ITM000003', payload: { STQT: 5 } });
    sim.publisher.flush();
    await sim.publisher.idle();
    const records = await readRecords(run.ctx, run.ctx.topic(TOPIC.cdcM3Stock));
    const rec = records.find((r) => r.key === 'ITM000003@100');
    expect(rec?.headers['entity-version']).toBe(String(t));
    expect(rec?.headers['ingest-source']).toBe('ion-bod');
  });

  it('answers a BOD it cannot read 422 unmappable_bod and dead-letters it once', async () => {
    const good = sim.publisher.bod(sim.publisher.log({ noun: 'LS_ItemStock' }).at(-1)!.bodId)!.xml;
    const bad = good
      .replace(/<BODID>[^<]+<\/BODID>/, '<BODID>it-bad-stock-bod</BODID>')
      .replace(/<Quantity unitCode="PCS">[^<]*<\/Quantity>/, '<Quantity unitCode="PCS">five</Quantity>');
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await post(bad);
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ status: 'ERROR', error: 'unmappable_bod' });
    }
    const notXml = await post('<SyncLS_ItemStock><DataArea>');
    expect(notXml.status).toBe(400);
    const dlq = (await readRecords(run.ctx, run.ctx.topic(TOPIC.m3IonIngestDlq))) as unknown as Array<{
      key: string;
      headers: Record<string, string>;
      value: DeadLetter;
    }>;
    expect(dlq).toHaveLength(1);
    expect(dlq[0]).toMatchObject({
      key: 'stock:ITM000003@100',
      value: {
        originalTopic: 'ion:Sync.LS_ItemStock',
        errorCode: 'MAPPING_UNMAPPABLE',
        stage: 'map',
      },
    });
    expect(dlq[0]?.value.errorMessage).toContain('Quantity (STQT) "five" is not a decimal number');
    const original = JSON.parse(Buffer.from(dlq[0]!.value.originalValue as Buffer).toString()) as Record<
      string,
      string
    >;
    expect(original).toMatchObject({ BODID: 'it-bad-stock-bod', BOD: bad });
  });
});
