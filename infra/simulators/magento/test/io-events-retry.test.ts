// Adobe I/O Events delivery: retried on Adobe's schedule with x-adobe-retry-count; registrations turn
// UNSTABLE and DISABLED by Adobe's rule (FORMAT-NOTES 47; developer.adobe.com/events/docs/common/retry-doc).
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryLogEntry, MagentoSimulator } from '../src/index';
import { build } from './support';
import { fakeFetch, virtualTime } from './virtual-time';

let sim: MagentoSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const URL = 'http://127.0.0.1:9/webhooks/adobe-io-events';
const MIN = 60_000;
const io = { id: 'io', url: URL, mode: 'io-events' as const, events: ['sales_order_save_after'] };
const log = async (s: MagentoSimulator, query = ''): Promise<DeliveryLogEntry[]> =>
  (await s.app.inject({ url: `/_control/events${query}` })).json<DeliveryLogEntry[]>();

describe('I/O Events retries (real schedule, virtual time)', () => {
  it('a delivery answered 500 is retried after 1, 2, 4, 8, 15, 15 min with x-adobe-retry-count 1, 2, …', async () => {
    const clock = virtualTime();
    const receiver = fakeFetch((n) => (n <= 6 ? { status: 500 } : { status: 200 }));
    ({ sim } = build({ now: clock.now, sleep: clock.sleep, fetch: receiver.fetch, subscribers: [io] }));
    sim.placeOrders(1);
    await clock.run();
    expect(receiver.calls.map((c) => c.headers['x-adobe-retry-count'])).toEqual([
      undefined,
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
    ]);
    // The same event each time (same id, same signed body).
    expect(new Set(receiver.calls.map((c) => c.headers['x-adobe-event-id'])).size).toBe(1);
    expect(new Set(receiver.calls.map((c) => c.body)).size).toBe(1);
    const [entry] = await log(sim);
    expect(entry?.outcome).toBe('delivered');
    const gaps = entry!.attempts.slice(1).map((a, i) => (a.at - entry!.attempts[i]!.at) / MIN);
    expect(gaps).toEqual([1, 2, 4, 8, 15, 15]);
    expect(entry!.attempts.map((a) => a.retryCount)).toEqual([undefined, 1, 2, 3, 4, 5, 6]);
  });

  it('keeps retrying for 24 hours, then gives up', async () => {
    const clock = virtualTime();
    const receiver = fakeFetch(() => ({ status: 503 }));
    ({ sim } = build({ now: clock.now, sleep: clock.sleep, fetch: receiver.fetch, subscribers: [io] }));
    sim.placeOrders(1);
    await clock.run();
    const [entry] = await log(sim);
    expect(entry?.outcome).toBe('failed');
    const span = entry!.attempts.at(-1)!.at - entry!.attempts[0]!.at;
    expect(span).toBeLessThanOrEqual(24 * 60 * MIN);
    expect(span).toBeGreaterThan(24 * 60 * MIN - 15 * MIN);
    // 1 + 4 growing gaps (1+2+4+8 = 15 min) + a retry every 15 min up to 24 h.
    expect(entry!.attempts).toHaveLength(1 + 4 + (24 * 60 - 15) / 15);
  });

  it.each([
    [400, 1],
    [404, 1],
    [505, 1],
    [429, 2],
  ])('HTTP %i: %i attempt(s) (only 429 and 5xx except 505 are retried)', async (status, attempts) => {
    const clock = virtualTime();
    const receiver = fakeFetch((n) => (n === 1 ? { status } : { status: 200 }));
    ({ sim } = build({ now: clock.now, sleep: clock.sleep, fetch: receiver.fetch, subscribers: [io] }));
    sim.placeOrders(1);
    await clock.run();
    expect(receiver.calls).toHaveLength(attempts);
  });

  it('timeScale (PUT /_control/delivery) shrinks the schedule for tests on real time', async () => {
    const receiver = fakeFetch((n) => (n <= 2 ? { status: 500 } : { status: 204 }));
    ({ sim } = build({ now: Date.now, fetch: receiver.fetch, subscribers: [io] }));
    const put = await sim.app.inject({ method: 'PUT', url: '/_control/delivery', payload: { timeScale: 0.001 } });
    expect(put.json()).toMatchObject({ timeScale: 0.001 });
    const started = Date.now();
    sim.placeOrders(1);
    await sim.idle();
    expect(receiver.calls.map((c) => c.headers['x-adobe-retry-count'])).toEqual([undefined, '1', '2']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(180); // 60 ms + 120 ms
    expect((await log(sim))[0]?.outcome).toBe('delivered');
  });
});

describe('registration health', () => {
  it('UNSTABLE after 30 min of > 80 % failures, DISABLED after 24 h (no event of any type), re-enabled by PUT', async () => {
    const clock = virtualTime();
    let down = true;
    const receiver = fakeFetch(() => ({ status: down ? 500 : 200 }));
    ({ sim } = build({ now: clock.now, sleep: clock.sleep, fetch: receiver.fetch, subscribers: [io] }));
    const registrations = async () =>
      (await sim!.app.inject({ url: '/_control/registrations' })).json<
        Array<{ subscriberId: string; status: string }>
      >();
    sim.placeOrders(10);
    await clock.run(29 * MIN);
    expect(await registrations()).toMatchObject([{ subscriberId: 'io', status: 'ACTIVE' }]);
    await clock.run(31 * MIN);
    expect(await registrations()).toMatchObject([{ subscriberId: 'io', status: 'UNSTABLE' }]);
    await clock.run();
    expect(await registrations()).toMatchObject([{ subscriberId: 'io', status: 'DISABLED' }]);

    const sent = receiver.calls.length;
    down = false;
    sim.placeOrders(1);
    await clock.run();
    expect(receiver.calls).toHaveLength(sent);
    expect((await log(sim)).at(-1)).toMatchObject({ outcome: 'failed', note: 'registration disabled', attempts: [] });

    const put = await sim.app.inject({
      method: 'PUT',
      url: '/_control/registrations/io',
      payload: { status: 'ACTIVE' },
    });
    expect(put.statusCode).toBe(200);
    sim.placeOrders(1);
    await clock.run();
    expect(receiver.calls).toHaveLength(sent + 1);
    expect((await log(sim)).at(-1)?.outcome).toBe('delivered');
  });

  it('an unstable registration is still delivered to and is ACTIVE again on its next success', async () => {
    const clock = virtualTime();
    let down = true;
    const receiver = fakeFetch(() => ({ status: down ? 500 : 200 }));
    ({ sim } = build({ now: clock.now, sleep: clock.sleep, fetch: receiver.fetch, subscribers: [io] }));
    sim.placeOrders(10);
    await clock.run(31 * MIN);
    expect(sim.events.dispatcher.registrations()[0]?.status).toBe('UNSTABLE');
    down = false;
    await clock.run();
    expect(sim.events.dispatcher.registrations()[0]?.status).toBe('ACTIVE');
    expect((await log(sim)).every((l) => l.outcome === 'delivered')).toBe(true);
  });
});
