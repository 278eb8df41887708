// Customers through magento-ingest on the real broker and registry, the Magento simulator delivering over HTTP
// and a real consumer reading cdc.magento.customer.v1 back (in this test's own topic namespace).
import { afterEach, describe, expect, it } from 'vitest';
import { COMMERCE_WEBHOOK_PATH } from '../src/routes/commerce-webhook.route';
import { GENERIC_WEBHOOK_PATH } from '../src/routes/generic-webhook.route';
import { magentoTime } from '../src/poller/poller';
import { IO_EVENTS_PATH } from '../src/routes/io-events.route';
import { adminRest } from './support/customers';
import { HMAC_SECRET, ingestStack, waitFor, type IngestStack } from './support/stack';

let stack: IngestStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const rest = (s: IngestStack, method: 'PUT' | 'DELETE', path: string, payload?: unknown) =>
  adminRest(s.sim, method, path, payload);

/** Waits until Magento's clock is past the second customer `id` was last saved in. */
const nextSecond = (s: IngestStack, id: number) =>
  waitFor(() => magentoTime(Date.now()) > s.sim.state.customers.get(id)!.updated_at, 5_000, 'the next second');

const versions = (s: IngestStack) => s.customers.records.map((r) => `${r.key}@${r.value?.source.version ?? 'null'}`);

describe('magento-ingest customers on the real broker', () => {
  it('produces one record per customer version from all three channels, each delivered twice', async () => {
    stack = await ingestStack({}, { delivery: { duplicateRate: 1 } });
    const s = stack;
    s.sim.events.config.setSubscribers([
      {
        url: `${s.url}${COMMERCE_WEBHOOK_PATH}`,
        mode: 'commerce-webhook',
        events: ['observer.customer_save_commit_after', 'observer.customer_address_save_after'],
      },
      { url: `${s.url}${IO_EVENTS_PATH}`, mode: 'io-events', events: ['customer_save_after'] },
      {
        url: `${s.url}${GENERIC_WEBHOOK_PATH}`,
        mode: 'generic-webhook',
        events: ['customer_save_after'],
        secret: HMAC_SECRET,
      },
    ]);
    for (const id of [1, 2, 3, 4, 5])
      await rest(s, 'PUT', `/customers/${id}`, { customer: { lastname: `Żółć ${id}` } });
    await s.sim.idle();
    // A second version of three of them, in a later second (updated_at has one-second resolution).
    await nextSecond(s, 5);
    for (const id of [1, 2, 3]) await rest(s, 'PUT', `/customers/${id}`, { customer: { firstname: `Åsa ${id}` } });
    await s.sim.idle();
    const log = s.sim.events.dispatcher.entries();
    expect(log.filter((l) => l.duplicate).length).toBe(log.length / 2);
    expect(log.every((l) => l.outcome === 'delivered')).toBe(true);

    await waitFor(() => s.customers.records.length >= 8, 30_000, 'eight customer versions');
    await s.settle();
    expect(s.customers.records).toHaveLength(8);
    expect(new Set(versions(s)).size).toBe(8);
    expect(
      s.customers.records
        .filter((r) => r.value?.op === 'c')
        .map((r) => r.key)
        .sort(),
    ).toEqual(['1', '2', '3', '4', '5']);
    for (const id of [1, 2, 3]) {
      const last = s.customers.records.filter((r) => r.key === String(id)).at(-1)!;
      expect(last.value).toMatchObject({ op: 'u', after: { firstname: `Åsa ${id}`, lastname: `Żółć ${id}` } });
      expect(last.value?.source.version).toBe(s.sim.state.customers.get(id)!.updated_at);
    }
    expect(s.customers.records[0]!.headers).toMatchObject({
      'correlation-id': s.customers.records[0]!.key,
      'event-type': 'MagentoCustomerChange',
      'source-system': 'MAGENTO',
    });
    expect(s.cdc.records).toHaveLength(0);
  });

  it('a delete is op d with the customer as before, then a tombstone, once for both channels and their repeats', async () => {
    stack = await ingestStack({ POLL_ENABLED: 'false' }, { delivery: { duplicateRate: 1 } });
    const s = stack;
    s.sim.events.config.setSubscribers([
      { url: `${s.url}${IO_EVENTS_PATH}`, mode: 'io-events', events: ['customer_delete_after'] },
      {
        url: `${s.url}${GENERIC_WEBHOOK_PATH}`,
        mode: 'generic-webhook',
        events: ['customer_delete_commit_after'],
        secret: HMAC_SECRET,
      },
    ]);
    const gone = structuredClone(s.sim.state.customers.get(4)!);
    await rest(s, 'DELETE', '/customers/4');
    await s.sim.idle();
    expect(s.sim.events.dispatcher.entries()).toHaveLength(4);
    await waitFor(() => s.customers.records.length >= 2, 20_000, 'the delete and its tombstone');
    await s.settle();
    expect(s.customers.records.map((r) => [r.key, r.value === null ? 'tombstone' : r.value.op])).toEqual([
      ['4', 'd'],
      ['4', 'tombstone'],
    ]);
    expect(s.customers.records[0]!.value).toMatchObject({
      before: { id: 4, email: gone.email, firstname: gone.firstname, lastname: gone.lastname, websiteId: 1 },
      after: null,
      source: { entity: 'customer', id: '4' },
    });
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    expect(metrics).toMatch(/pipeline_ingest_requests_total\{source="io-events",outcome="duplicate"\} 1/);
    expect(metrics).toMatch(/pipeline_ingest_requests_total\{source="generic-webhook",outcome="duplicate"\} 2/);
  });

  it('the customer poller finds a customer changed without any event', async () => {
    stack = await ingestStack({ POLL_ENABLED: 'false', CUSTOMER_POLL_ENABLED: 'true' });
    const s = stack;
    expect(s.app.pollers.map((p) => p.name)).toEqual(['magento-customers']);
    const seeded = s.sim.state.customers.size;
    await waitFor(() => s.customers.records.length === seeded, 30_000, 'every seeded customer, read by the poller');
    await nextSecond(s, 6);
    await rest(s, 'PUT', '/customers/6', { customer: { lastname: 'Polled' } });
    await waitFor(() => s.customers.records.some((r) => r.key === '6' && r.value?.op === 'u'), 30_000, 'the change');
    const pass = await s.settle();
    expect(pass).toBeUndefined(); // no order poller
    expect(s.customers.records).toHaveLength(seeded + 1);
    expect(s.customers.records.at(-1)).toMatchObject({
      key: '6',
      value: { op: 'u', after: { lastname: 'Polled' } },
      headers: { 'ingest-source': 'poller', 'magento-event': 'poll' },
    });
  });
});
