import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { CallRecorder, FaultInjector, controlPlugin, installFaults } from '../index';

function build() {
  const app = Fastify();
  let t = 10_000;
  const faults = new FaultInjector({ now: () => t });
  const recorder = new CallRecorder();
  let resets = 0;
  installFaults(app, { faults, recorder, now: () => t, errorBody: (status) => ({ simulated: status }) });
  void app.register(controlPlugin, { faults, recorder, reset: () => void resets++ });
  app.get('/thing', () => ({ ok: true }));
  app.post('/thing', (req) => ({ echo: req.body }));
  return { app, faults, recorder, setTime: (v: number) => (t = v), resets: () => resets };
}

let current: ReturnType<typeof build> | undefined;
afterEach(async () => current?.app.close());

describe('installFaults + controlPlugin', () => {
  it('records calls with redacted auth and not the control API', async () => {
    current = build();
    const { app } = current;
    await app.inject({
      method: 'POST',
      url: '/thing?a=1',
      payload: { x: 1 },
      headers: { authorization: 'Bearer abc' },
    });
    await app.inject({ method: 'GET', url: '/_control/profile' });
    const calls = (await app.inject({ method: 'GET', url: '/_control/calls' })).json<Array<Record<string, unknown>>>();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      at: 10_000,
      method: 'POST',
      path: '/thing',
      query: { a: '1' },
      body: { x: 1 },
      status: 200,
    });
    expect((calls[0]?.headers as Record<string, string>).authorization).toBe('Bearer [REDACTED]');
  });

  it('applies a profile set at run time, with Retry-After and the system error body', async () => {
    current = build();
    const { app } = current;
    const put = await app.inject({
      method: 'PUT',
      url: '/_control/profile',
      payload: { outages: [{ fromMs: 0, toMs: 15_000 }] },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ outages: [{ fromMs: 0, toMs: 15_000 }] });
    const res = await app.inject({ method: 'GET', url: '/thing' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toEqual({ simulated: 503 });
    const calls = (await app.inject({ method: 'GET', url: '/_control/calls?pathPrefix=/thing' })).json<
      Array<{ status: number }>
    >();
    expect(calls.map((c) => c.status)).toEqual([503]);
    current.setTime(20_000);
    expect((await app.inject({ method: 'GET', url: '/thing' })).statusCode).toBe(200);
  });

  it('rejects an invalid profile with 400 and keeps the old one', async () => {
    current = build();
    const { app, faults } = current;
    faults.setProfile({ errorRate: 0.25 });
    const res = await app.inject({ method: 'PUT', url: '/_control/profile', payload: { errorRate: 7 } });
    expect(res.statusCode).toBe(400);
    expect(faults.getProfile()).toEqual({ errorRate: 0.25 });
  });

  it('reset clears calls and profile and calls the simulator reset', async () => {
    current = build();
    const { app, faults, recorder } = current;
    faults.setProfile({ errorRate: 0.25 });
    await app.inject({ method: 'GET', url: '/thing' });
    const res = await app.inject({ method: 'POST', url: '/_control/reset' });
    expect(res.json()).toEqual({ reset: true });
    expect(recorder.list()).toEqual([]);
    expect(faults.getProfile()).toEqual({});
    expect(current.resets()).toBe(1);
  });

  it('two instances share no state', async () => {
    const a = build();
    const b = build();
    a.faults.setProfile({ errorRate: 1 });
    expect((await a.app.inject({ method: 'GET', url: '/thing' })).statusCode).toBe(500);
    expect((await b.app.inject({ method: 'GET', url: '/thing' })).statusCode).toBe(200);
    expect(b.recorder.list()).toHaveLength(1);
    expect(a.recorder.list()).toHaveLength(1);
    await a.app.close();
    await b.app.close();
  });
});
