import { readFileSync } from 'node:fs';
import { createLogger, createMetrics, type Producer } from '@m3mage/runtime';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBodIngest } from '../src/ingest';
import { bodRoute } from '../src/routes/bod.route';
import { createMemoryTable } from '@m3mage/runtime';
import { createVariationGuard } from '../src/state/variation-guard';
import type { DocumentVersion } from '@m3mage/schemas/types';

const fixture = readFileSync(new URL('fixtures/sync-shipment-prefixed.xml', import.meta.url), 'utf8');
const withVariation = (n: number) => fixture.replace('variationID=7', `variationID=${n}`);
const BEARER = { authorization: 'Bearer s3cret-token-value' };

const memoryTable = createMemoryTable;

describe('POST /ion/bod', () => {
  let app: FastifyInstance;
  let sent: Array<{ topic: string; key: string | null }>;
  let failKafka: boolean;
  const metrics = createMetrics({ service: 'test', collectDefaults: false });

  beforeEach(async () => {
    sent = [];
    failKafka = false;
    const producer = {
      send: async (r: { topic: string; key: string | null }) => {
        if (failKafka) {
          const { AppError } = await import('@m3mage/runtime');
          throw new AppError('KAFKA_PRODUCE_FAILED', 'broker down');
        }
        sent.push({ topic: r.topic, key: r.key });
        return { topic: r.topic, partition: 0, offset: '0' };
      },
    } as unknown as Producer;
    const guard = createVariationGuard({ table: memoryTable<DocumentVersion>() });
    const ingest = createBodIngest({
      producer,
      guard,
      logger: createLogger({ service: 't', version: '0', level: 'silent' }),
    });
    app = Fastify();
    await app.register(bodRoute, {
      path: '/ion/bod',
      auth: { bearer: 's3cret-token-value', basic: { user: 'ion', password: 'pw' } },
      bodyLimit: 64 * 1024,
      ingest,
      metrics,
      logger: createLogger({ service: 't', version: '0', level: 'silent' }),
    });
  });
  afterEach(() => app.close());

  const post = (payload: string, headers: Record<string, string> = {}, type = 'application/xml') =>
    app.inject({ method: 'POST', url: '/ion/bod', payload, headers: { 'content-type': type, ...BEARER, ...headers } });

  it('produces a fresh BOD and answers 200 OK', async () => {
    const res = await post(fixture);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'OK',
      outcome: 'produced',
      variationId: '7',
      document: 'Shipment:2000123',
    });
    expect(sent).toEqual([{ topic: 'cdc.m3.shipment.v1', key: '0012345678' }]);
  });

  it('drops a duplicate or older variation with 200 (stale, counted)', async () => {
    await post(withVariation(5));
    const dup = await post(withVariation(5));
    const older = await post(withVariation(4));
    expect(dup.json()).toMatchObject({ outcome: 'stale' });
    expect(older.json()).toMatchObject({ outcome: 'stale' });
    expect(sent).toHaveLength(1);
    const text = await metrics.text();
    expect(text).toMatch(/pipeline_ingest_requests_total\{source="ion",outcome="stale"\} [2-9]/);
  });

  it('accepts the ION JSON envelope (BASE64) and Basic credentials', async () => {
    const envelope = JSON.stringify({
      documentName: 'Sync.Shipment',
      messageId: 'm1',
      fromLogicalId: 'lid://infor.m3be.m3be',
      toLogicalId: 'lid://default',
      document: { value: Buffer.from(fixture).toString('base64'), encoding: 'BASE64', characterSet: 'UTF-8' },
    });
    const basic = `Basic ${Buffer.from('ion:pw').toString('base64')}`;
    const res = await post(envelope, { authorization: basic }, 'application/json; charset=utf-8');
    expect(res.statusCode).toBe(200);
  });

  it.each([
    ['no Authorization', {}, 'Authorization header missing'],
    ['a wrong token', { authorization: 'Bearer nope' }, 'Bearer token rejected'],
    [
      'wrong Basic',
      { authorization: `Basic ${Buffer.from('ion:x').toString('base64')}` },
      'Basic credentials rejected',
    ],
  ])('answers 401 for %s', async (_what, headers, message) => {
    const res = await app.inject({
      method: 'POST',
      url: '/ion/bod',
      payload: fixture,
      headers: { 'content-type': 'application/xml', ...headers },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toContain('Bearer');
    expect(res.json()).toEqual({ status: 'ERROR', error: 'unauthorized', message });
    expect(res.body).not.toContain('s3cret');
  });

  it('answers 413 above the body limit', async () => {
    const res = await post(fixture + ' '.repeat(70 * 1024));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: 'too_large', message: 'body exceeds 65536 bytes' });
  });

  it('answers 400 for malformed XML with line and column', async () => {
    const res = await post('<SyncShipment><ApplicationArea></SyncShipment>');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'malformed' });
    expect(res.json<{ message: string }>().message).toMatch(/line 1, column/);
  });

  it('answers 400 for a broken envelope and for an empty body', async () => {
    const bad = await post('{"documentName":"Sync.Shipment"}', {}, 'application/json');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toContain('document');
    expect((await post('   ')).statusCode).toBe(400);
  });

  it('answers 415 for other media types', async () => {
    const res = await post('hello', {}, 'text/plain');
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ error: 'unsupported_media_type' });
  });

  it('answers 422 for an unsupported noun and for a BOD without its order number', async () => {
    const carrier = fixture.replaceAll('SyncShipment', 'SyncCarrierRoute');
    const res = await post(carrier);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: 'unsupported_noun' });
    expect(res.json<{ message: string }>().message).toContain('SyncCarrierRoute is not handled');
    const noOrno = fixture.replace(/<oa:SalesOrderReference>.*?<\/oa:SalesOrderReference>/gs, '');
    const res2 = await post(noOrno);
    expect(res2.statusCode).toBe(422);
    expect(res2.json()).toMatchObject({ error: 'unmappable_bod' });
  });

  it('answers 503 when Kafka does not acknowledge, and the BOD is not marked applied', async () => {
    failKafka = true;
    expect((await post(fixture)).statusCode).toBe(503);
    failKafka = false;
    expect((await post(fixture)).json()).toMatchObject({ outcome: 'produced' });
  });
});
