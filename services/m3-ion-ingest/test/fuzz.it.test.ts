// Fuzz: generated malformed BODs (test/support/fuzz.ts) against the real m3-ion-ingest — buildApp on a service
// context with the real broker and registry (a BOD is durable only once Kafka acknowledged it) — as raw XML, ION
// Messaging JSON envelopes (NONE and BASE64) and XML <messageRequest> envelopes; most with the right token, the
// rest forged or without one. Every answer must come within a bound, be below 500 and be JSON; afterwards a real
// BOD is still produced to its topic. The server's own slow-client limits are checked on its real socket.
// Fixed seed in `npm test`; FUZZ_ITERATIONS=100000 (and FUZZ_SEED) for the nightly run.
import { loadConfig, type ServiceContext } from '@m3mage/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzSettings, mutate, Picker, prng, within, type FuzzCase } from '../../../test/support/fuzz';
import {
  createTestTopics,
  readRecords,
  stackEnv,
  testNamespace,
  testServiceContext,
} from '../../../test/support/kafka-rig';
import { slowClient } from '../../../test/support/slow-client';
import { schemaForTopic } from '@m3mage/topics';
import { TOPIC } from '@m3mage/topics/catalogue';
import { buildApp, topology } from '../src/app';
import { configSchema, type Config } from '../src/config';
import { fixture } from './support/route-rig';

const TOKEN = 'fuzz-ion-token-0123456789';
const { iterations, seed, timeoutMs } = fuzzSettings(300);
const ANSWER_WITHIN_MS = 5_000;
const FORMATS = ['raw', 'json-envelope', 'xml-envelope'] as const;
type Format = (typeof FORMATS)[number];

const jsonEnvelope = (xml: Buffer, base64: boolean): string =>
  JSON.stringify({
    documentName: 'Sync.Shipment',
    messageId: 'fuzz',
    fromLogicalId: 'lid://infor.m3be.m3be',
    toLogicalId: 'lid://default',
    document: base64
      ? { value: xml.toString('base64'), encoding: 'BASE64', characterSet: 'UTF-8' }
      : { value: xml.toString('utf8'), encoding: 'NONE', characterSet: 'UTF-8' },
  });
const xmlEnvelope = (xml: Buffer): string =>
  `<messageRequest><documentName>Sync.Shipment</documentName><messageId>fuzz</messageId>` +
  `<document><value>${xml.toString('base64')}</value><encoding>BASE64</encoding></document></messageRequest>`;

/** A malformed body of one format: the BOD deformed and wrapped, or the envelope itself deformed. */
function fuzzCase(p: Picker, format: Format): FuzzCase & { type: string } {
  const bod = (): FuzzCase =>
    p.chance(0.85) ? mutate(p, fixture, 'xml') : { kind: 'valid', body: Buffer.from(fixture) };
  if (format === 'raw') return { ...bod(), type: 'application/xml' };
  if (format === 'json-envelope') {
    if (p.chance(0.4))
      return { ...mutate(p, jsonEnvelope(Buffer.from(fixture), p.chance(0.5)), 'json'), type: 'application/json' };
    const c = bod();
    return {
      kind: `envelope of ${c.kind}`,
      body: Buffer.from(jsonEnvelope(c.body, p.chance(0.7))),
      type: 'application/json',
    };
  }
  if (p.chance(0.4)) return { ...mutate(p, xmlEnvelope(Buffer.from(fixture)), 'xml'), type: 'text/xml' };
  const c = bod();
  return { kind: `envelope of ${c.kind}`, body: Buffer.from(xmlEnvelope(c.body)), type: 'text/xml' };
}

describe('m3-ion-ingest fuzz (real broker + registry)', () => {
  let ctx: ServiceContext<Config>;

  beforeAll(async () => {
    const ns = testNamespace('it-ion-fuzz');
    await createTestTopics(topology.produces.map((t) => `${ns}${t}`));
    const config = loadConfig(configSchema, {
      env: stackEnv({
        ION_INGEST_BEARER_TOKEN: TOKEN,
        KAFKA_NAMESPACE: ns,
        HTTP_HEADERS_TIMEOUT_MS: '1000',
        HTTP_REQUEST_TIMEOUT_MS: '1500',
      }),
      service: 'm3-ion-ingest',
    });
    ctx = await testServiceContext({
      name: 'm3-ion-ingest',
      config,
      ...topology,
      schemaOf: schemaForTopic,
    });
    await buildApp({ ctx });
    await ctx.start();
  });
  afterAll(async () => {
    await ctx?.stop();
  });

  it.each(FORMATS)(
    `answers every malformed %s below 500, as JSON, within the bound (${iterations} cases, seed ${seed})`,
    async (format) => {
      const p = new Picker(prng(seed + FORMATS.indexOf(format)));
      const failures: string[] = [];
      const kinds = new Set<string>();
      for (let i = 0; i < iterations; i++) {
        const c = fuzzCase(p, format);
        kinds.add(c.kind.replace(/ at .*/, ''));
        const auth = p.pick(['ok', 'ok', 'ok', 'ok', 'ok', 'forged', 'basic', 'missing'] as const);
        const authorization = {
          ok: `Bearer ${TOKEN}`,
          forged: `Bearer ${TOKEN.slice(0, -1)}x`,
          basic: `Basic ${p.bytes(12).toString('base64')}`,
          missing: undefined,
        }[auth];
        const res = await within(
          ANSWER_WITHIN_MS,
          `case ${i} (${c.kind})`,
          ctx.http.inject({
            method: 'POST',
            url: '/ion/bod',
            payload: c.body,
            headers: { 'content-type': c.type, ...(authorization ? { authorization } : {}) },
          }),
        );
        let json = true;
        try {
          JSON.parse(res.body);
        } catch {
          json = false;
        }
        if (res.statusCode >= 500 || !json || (auth !== 'ok' && res.statusCode !== 401))
          failures.push(`seed ${seed} case ${i} ${c.kind} (${auth}): ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
      expect(failures).toEqual([]);
      expect(kinds.size).toBeGreaterThan(8);
    },
    timeoutMs,
  );

  it('still produces a real BOD afterwards', async () => {
    const document = `FUZZ${Date.now()}`;
    const bod = fixture.replaceAll('2000123', document).replace('variationID=7', 'variationID=9007199254740993');
    const res = await fetch(`${ctx.url()}/ion/bod`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml', authorization: `Bearer ${TOKEN}` },
      body: bod,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: 'produced', document: `Shipment:${document}` });
    const records = await readRecords(ctx, ctx.topic(TOPIC.cdcM3Shipment)); // produced (acknowledged) before the 200
    const ours = records.filter((r) => (r.value as { source: { id: string } }).source.id === document);
    expect(ours.map((r) => (r.value as { source: { version: string } }).source.version)).toEqual(['9007199254740993']);
  });

  it('cuts off a slow-loris body on its real socket (HTTP_REQUEST_TIMEOUT_MS=1500) and keeps serving', async () => {
    const port = Number(new URL(ctx.url()).port);
    const head =
      `POST /ion/bod HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer ${TOKEN}\r\n` +
      'Content-Type: application/xml\r\nContent-Length: 100000\r\n\r\n<Sync';
    const out = await slowClient(port, head, 'x'.repeat(200), 200, 10_000);
    expect(out.statusLine).toBe('HTTP/1.1 408 Request Timeout');
    expect(out.closedAfterMs).toBeLessThan(3_500);
    const live = await fetch(`${ctx.url()}/health/live`);
    expect(live.status).toBe(200);
  });
});
