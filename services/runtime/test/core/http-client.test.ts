import { describe, expect, it } from 'vitest';
import { AppError, type SystemAnswers } from '../../src/core';
import { makeClient } from './support/client';
import { delay, startTestServer, type TestServer } from './support/test-server';
import { cleanupAfterEach } from '../../../../test/support/cleanup';

const cleanup = cleanupAfterEach();

async function setup(
  handler: Parameters<typeof startTestServer>[0],
  group: Record<string, unknown> = {},
  system = 'test',
) {
  const server: TestServer = await startTestServer(handler);
  cleanup.push(() => server.close());
  const made = makeClient({ system, groups: { api: { baseUrl: `${server.url}/base`, ...group } } });
  cleanup.push(() => made.client.close());
  return { server, ...made };
}

describe('http client: transport', () => {
  it('sends path, query, JSON body and returns parsed JSON', async () => {
    const { client, server } = await setup((req) => Promise.resolve({ echo: req.body, url: req.url }));
    const res = await client.request<{ echo: unknown; url: string }>({
      group: 'api',
      operation: 'echo',
      method: 'POST',
      path: '/execute/CRS610MI/LstByName;maxrecs=0',
      query: { CUNM: 'A & B', list: ['x', 'y'], skip: undefined },
      body: { a: 1 },
    });
    expect(res.status).toBe(200);
    expect(res.body.echo).toEqual({ a: 1 });
    expect(res.body.url).toBe('/base/execute/CRS610MI/LstByName;maxrecs=0?CUNM=A+%26+B&list=x&list=y');
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(server.arrivals[0]?.headers['content-type']).toBe('application/json');
  });

  it('sends form bodies (token calls) as x-www-form-urlencoded', async () => {
    const { client } = await setup((req) => Promise.resolve(req.body));
    const res = await client.request({
      group: 'api',
      operation: 'token',
      method: 'POST',
      path: '/token',
      form: { grant_type: 'password' },
    });
    expect(res.body).toEqual({ grant_type: 'password' });
  });

  it('fails a slow call with HTTP_TIMEOUT (transient) and labels the metric with the code', async () => {
    const { client, metrics } = await setup(async () => {
      await delay(400);
      return { late: true };
    });
    const err = await client
      .request({ group: 'api', operation: 'slow', method: 'GET', path: '/', timeoutMs: 50 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'HTTP_TIMEOUT', kind: 'transient', retriable: true });
    const text = await metrics.text();
    expect(text).toMatch(
      /pipeline_external_call_seconds_count\{system="test",operation="slow",status="HTTP_TIMEOUT"\} 1/,
    );
  });

  it('reuses keep-alive connections for sequential calls instead of opening one per call', async () => {
    const { client, server } = await setup(() => Promise.resolve({ ok: true }));
    for (let i = 0; i < 20; i += 1)
      await client.request({ group: 'api', operation: 'ping', method: 'GET', path: '/ping' });
    expect(server.arrivals).toHaveLength(20);
    // undici's Pool may hand the next call to a second idle connection while the first is still being
    // released, so sequential calls alternate over at most two sockets; without keep-alive there would be 20.
    expect(new Set(server.arrivals.map((a) => a.remotePort)).size).toBeLessThanOrEqual(2);
  });

  it('never has more than maxInFlight calls at the server; the rest queue and complete', async () => {
    const { client, server } = await setup(
      async () => {
        await delay(30);
        return { ok: true };
      },
      { maxInFlight: 3 },
    );
    const calls = Array.from({ length: 10 }, (_, i) =>
      client.request({ group: 'api', operation: 'work', method: 'GET', path: `/w/${i}` }),
    );
    const results = await Promise.all(calls);
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(server.arrivals).toHaveLength(10);
    expect(server.peakInFlight).toBe(3);
  });

  it('returns okStatuses as responses instead of errors', async () => {
    const { client } = await setup((_req, reply) => reply.code(404).send({ message: 'gone' }));
    const res = await client.request({ group: 'api', operation: 'find', method: 'GET', path: '/x', okStatuses: [404] });
    expect(res.status).toBe(404);
    await expect(client.request({ group: 'api', operation: 'find', method: 'GET', path: '/x' })).rejects.toMatchObject({
      code: 'HTTP_4XX',
    });
  });

  it('rejects unknown groups and, with requireTls, plain-http base URLs', async () => {
    const { client } = await setup(() => Promise.resolve({}));
    await expect(client.request({ group: 'nope', operation: 'x', method: 'GET', path: '/' })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
    expect(() => makeClient({ requireTls: true, groups: { a: { baseUrl: 'http://127.0.0.1:1' } } })).toThrow(
      expect.objectContaining({ code: 'TLS_REQUIRED' }),
    );
  });
});

describe('http client: body classification', () => {
  // A system's own answers (what its connector supplies; @m3mage/connectors tests the M3 and Magento ones).
  const answers: SystemAnswers = {
    businessError: (status, body) =>
      (body as { nok?: string }).nok
        ? new AppError('M3_NOK', `refused: ${(body as { nok: string }).nok}`, { details: { status } })
        : undefined,
    errorBody: (body) =>
      typeof (body as { text?: unknown }).text === 'string'
        ? { message: (body as { text: string }).text, details: { template: 'T' } }
        : undefined,
    clientError: (status) => (status === 404 ? 'MAGENTO_NOT_FOUND' : 'MAGENTO_VALIDATION'),
  };

  it("reads a business error on HTTP 200 with the system's answers, counted by its code, breaker closed", async () => {
    const server = await startTestServer(() => Promise.resolve({ nok: 'customer unknown' }));
    cleanup.push(() => server.close());
    const { client, metrics } = makeClient({ system: 'm3', answers, groups: { api: { baseUrl: server.url } } });
    cleanup.push(() => client.close());
    const err = await client
      .request({ group: 'api', operation: 'CRS610MI/GetBasicData', method: 'GET', path: '/x' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'M3_NOK', message: 'refused: customer unknown', details: { status: 200 } });
    expect(client.breakerState('api')).toBe('closed');
    expect(await metrics.text()).toContain('operation="CRS610MI/GetBasicData",status="M3_NOK"');
  });

  it("names a 4xx with the answers' code and message; without answers it is a plain HTTP_4XX", async () => {
    const server = await startTestServer((_req, reply) => reply.code(404).send({ text: 'No such entity' }));
    cleanup.push(() => server.close());
    const withAnswers = makeClient({ system: 'magento', answers, groups: { api: { baseUrl: server.url } } });
    const plain = makeClient({ system: 'other', groups: { api: { baseUrl: server.url } } });
    cleanup.push(
      () => withAnswers.client.close(),
      () => plain.client.close(),
    );
    const call = { group: 'api', operation: 'orders.get', method: 'GET', path: '/V1/orders/1' } as const;
    expect(await withAnswers.client.request(call).catch((e: unknown) => e)).toMatchObject({
      code: 'MAGENTO_NOT_FOUND',
      message: 'magento answered HTTP 404: No such entity',
      details: { system: 'magento', status: 404, template: 'T' },
    });
    expect(await plain.client.request(call).catch((e: unknown) => e)).toMatchObject({
      code: 'HTTP_4XX',
      message: 'other answered HTTP 404: {"text":"No such entity"}',
    });
  });

  it('lets the caller classify bodies itself', async () => {
    const { client } = await setup(() => Promise.resolve({ ok: false, reason: 'dup' }));
    const err = await client
      .request({
        group: 'api',
        operation: 'x',
        method: 'GET',
        path: '/',
        classifyBody: (_s, body) => ((body as { ok: boolean }).ok ? undefined : new AppError('VALIDATION', 'not ok')),
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION', message: 'not ok' });
  });

  it('never logs request headers such as Authorization', async () => {
    const { client, lines } = await setup((_req, reply) => reply.code(500).send({ message: 'boom' }));
    await client
      .request({
        group: 'api',
        operation: 'x',
        method: 'GET',
        path: '/',
        headers: { Authorization: 'Bearer sekrit-token-123' },
      })
      .catch(() => undefined);
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(lines)).not.toContain('sekrit-token-123');
  });
});
