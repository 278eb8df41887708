// M3 customers on the real broker and registry, from the in-process M3 simulator, by both sources — each in an
// ingest of its own (an installation uses one of the two): Sync.CustomerPartyMaster BODs delivered out of order and
// duplicated (CUSTOMER_BOD_ENABLED), and the CRS610MI LstByNumber poll (CUSTOMER_POLL_ENABLED) over the simulator's
// MI REST. Each change reaches cdc.m3.customer.v1 once; a repeated or older BOD produces nothing; a customer the poll
// cannot read is dead-lettered once.
import { loadConfig, type ServiceContext } from '@m3mage/runtime';
import { parseIonApi } from '@m3mage/connectors/m3';
import type { Change, DeadLetter, M3Customer } from '@m3mage/schemas/types';
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

const TOKEN = 'it-ion-customer-token-0123456789';
type Row = { key: string; headers: Record<string, string>; value: Change<M3Customer> | null };

async function startIngest(ns: string, env: Record<string, string>, sim?: M3Simulator) {
  const config = loadConfig(configSchema, {
    env: stackEnv({ ION_INGEST_BEARER_TOKEN: TOKEN, KAFKA_NAMESPACE: ns, ...env }),
    service: 'm3-ion-ingest',
  });
  const ctx = await testServiceContext({ name: 'm3-ion-ingest', config, ...topology, schemaOf: schemaForTopic });
  const ionapi = sim ? parseIonApi(JSON.stringify(sim.ionapi())) : undefined;
  const app = await buildApp({ ctx, ...(ionapi ? { ionapi } : {}) });
  await ctx.start();
  return { ctx, app };
}

const customers = async (ctx: ServiceContext<Config>) =>
  (await readRecords(ctx, ctx.topic(TOPIC.cdcM3Customer))) as unknown as Row[];

describe('m3-ion-ingest customers (real broker + registry, M3 simulator)', () => {
  const bodNs = testNamespace('it-ion-cust-bod');
  const pollNs = testNamespace('it-ion-cust-poll');
  let sim: M3Simulator;
  let bods: Awaited<ReturnType<typeof startIngest>>;
  let poll: Awaited<ReturnType<typeof startIngest>>;
  const control = async (cuno: string, payload: Record<string, string>) => {
    const res = await sim.app.inject({ method: 'PUT', url: `/_control/customers/${cuno}`, payload });
    expect(res.statusCode, res.body).toBe(200);
  };
  const mi = async (path: string) => {
    const res = await sim.app.inject({
      method: 'GET',
      url: `/m3api-rest/execute/${path}`,
      headers: { authorization: `Basic ${Buffer.from('M3SIM:m3sim').toString('base64')}` },
    });
    expect(res.body).not.toContain('ServerReturnedNOK');
  };
  const post = (xml: string) =>
    fetch(`${bods.ctx.url()}/ion/bod`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml', authorization: `Bearer ${TOKEN}` },
      body: xml,
    });

  beforeAll(async () => {
    await createTestTopics([
      ...topology.produces.map((t) => `${bodNs}${t}`),
      ...topology.produces.map((t) => `${pollNs}${t}`),
    ]);
    bods = await startIngest(bodNs, { CUSTOMER_BOD_ENABLED: 'true' });
    let seed = 23;
    sim = createM3Simulator({
      bodRandom: () => (seed = (seed * 16807) % 2147483647) / 2147483647,
      bodDelivery: { outOfOrder: { window: 5, maxHoldMs: 150 }, duplicateRate: 0.4 },
      subscribers: [
        { name: 'ingest', url: `${bods.ctx.url()}/ion/bod`, auth: { bearer: TOKEN }, nouns: ['CustomerPartyMaster'] },
      ],
    });
    await sim.listen();
    poll = await startIngest(
      pollNs,
      {
        M3_IONAPI_FILE: 'in-process (parsed from the simulator)',
        M3_COMPANY: '100',
        CUSTOMER_POLL_ENABLED: 'true',
        CUSTOMER_POLL_OVERLAP_MS: '0',
        CUSTOMER_POLL_PAGE_SIZE: '3',
        // after the seed: the first pass reads only what the test changes
        CUSTOMER_POLL_START_AT: new Date(Date.now() + 1).toISOString(),
      },
      sim,
    );
  });
  afterAll(async () => {
    await bods?.ctx.stop();
    await poll?.ctx.stop();
    await sim?.close();
  });

  it('takes SyncCustomerPartyMaster only when enabled', () => {
    expect(bods.app.nouns).toContain('SyncCustomerPartyMaster');
    expect(poll.app.nouns).not.toContain('SyncCustomerPartyMaster');
  });

  it('produces each BOD change once per key, in variation order, from shuffled and duplicated BODs', async () => {
    const cunos = ['C000002', 'C000003', 'C000004', 'C000005'];
    for (let step = 1; step <= 4; step++)
      for (const cuno of cunos) {
        if (step % 2 === 0) await control(cuno, { PHNO: `+46 70 ${step}${cuno.slice(-1)}` });
        else await mi(`CRS610MI/ChgBasicData?CUNO=${cuno}&CUA2=${encodeURIComponent(`Floor ${step}`)}`);
      }
    sim.publisher.flush();
    await sim.publisher.idle();
    const log = sim.publisher.log({ noun: 'CustomerPartyMaster' });
    expect(log.every((e) => e.status === 'delivered')).toBe(true);
    expect(log.some((e) => e.duplicate)).toBe(true);

    const rows = await customers(bods.ctx);
    for (const cuno of cunos) {
      const mine = rows.filter((r) => r.key === cuno);
      const versions = mine.map((r) => Number(r.value?.source.version));
      expect(versions.length).toBeGreaterThan(0);
      versions.slice(1).forEach((v, i) => expect(v).toBeGreaterThan(versions[i]!)); // never twice, never older
      expect(versions.at(-1)).toBe(4);
      const last = mine.at(-1)!;
      const m3 = sim.state.customers.get(cuno)!.rec;
      expect(last.value?.after).toMatchObject({
        cuno,
        phone: m3.PHNO,
        changeStamp: m3.LMTS,
        changedAt: Number(m3.LMTS),
      });
      expect(last.value?.after?.addressLines[1]).toBe('Floor 3');
      expect(last.headers).toMatchObject({ 'event-type': 'SyncCustomerPartyMaster', 'ion-variation-id': '4' });
    }
    expect(rows.length).toBeLessThanOrEqual(cunos.length * 4);
  });

  it('answers a repeated or older BOD 200 stale and produces nothing', async () => {
    const before = (await customers(bods.ctx)).length;
    const first = sim.publisher.log({ noun: 'CustomerPartyMaster', documentId: 'C000003' })[0]!;
    const last = sim.publisher.log({ noun: 'CustomerPartyMaster', documentId: 'C000003' }).at(-1)!;
    for (const bodId of [first.bodId, last.bodId]) {
      const res = await post(sim.publisher.bod(bodId)!.xml);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ outcome: 'stale', document: 'CustomerPartyMaster:C000003' });
    }
    expect((await customers(bods.ctx)).length).toBe(before);
  });

  it('polls CRS610MI LstByNumber: each change once, nothing for an unchanged customer, a bad record dead-lettered once', async () => {
    const poller = poll.app.customerPoller!;
    const changed = ['C000002', 'C000003', 'C000004', 'C000005', 'C000006'];
    // the BOD test above changed C000002..C000005 after the poll's start: each is read once, however often it changed
    expect(await poller.pollOnce()).toMatchObject({ produced: 4, deadLettered: 0 });
    await control('C000006', { PHNO: '+46 70 66' });
    await mi('CRS610MI/ChgBasicData?CUNO=C000002&PHNO=%2B46%2070%2022');
    expect(await poller.pollOnce()).toMatchObject({ produced: 2, deadLettered: 0 });
    expect(await poller.pollOnce()).toMatchObject({ produced: 0, deadLettered: 0 });

    const rows = await customers(poll.ctx);
    for (const cuno of changed) {
      const mine = rows.filter((r) => r.key === cuno);
      expect(mine.length).toBe(cuno === 'C000002' ? 2 : 1);
      const after = mine.at(-1)!.value?.after;
      expect(after?.phone).toBe(sim.state.customers.get(cuno)!.rec.PHNO);
      expect(mine.at(-1)!.headers).toMatchObject({ 'ingest-source': 'mi-poll', 'event-type': 'M3CustomerChange' });
    }
    const c2 = rows.filter((r) => r.key === 'C000002').map((r) => BigInt(r.value!.after!.changeStamp));
    expect(c2[1]! > c2[0]!).toBe(true);

    await control('C000007', { CUTP: 'X' }); // not a customer type M3 keeps (N1): unreadable
    expect(await poller.pollOnce()).toMatchObject({ produced: 0, deadLettered: 1 });
    expect(await poller.pollOnce()).toMatchObject({ produced: 0, deadLettered: 0 });
    const dlq = (await readRecords(poll.ctx, poll.ctx.topic(TOPIC.m3IonIngestDlq))) as unknown as Array<{
      key: string;
      value: DeadLetter;
    }>;
    expect(dlq.map((d) => d.key)).toEqual(['C000007']);
    expect(dlq[0]?.value).toMatchObject({
      originalTopic: 'm3-mi:CRS610MI/LstByNumber',
      errorCode: 'MAPPING_UNMAPPABLE',
    });
    expect((await customers(poll.ctx)).some((r) => r.key === 'C000007')).toBe(false);
  });
});
