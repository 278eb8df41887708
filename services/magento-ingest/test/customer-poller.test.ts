// The customer poller against the Magento simulator over HTTP: a keyset over GET /V1/customers/search by
// (updated_at, entity_id), its own checkpoint, the same de-duplication as the endpoints, unmappable customers
// dead-lettered by reference (no personal data).
import type { DeadLetter, OutgoingRecord } from '@m3mage/runtime';
import type { MagentoCustomerChange } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomersClient } from '../src/clients/magento-customers.client';
import { customerEntity, CUSTOMER_POLLER } from '../src/entities/customer.entity';
import { magentoTime } from '../src/poller/poller';
import { memoryCheckpointStore } from '../src/state/stores';
import { adminRest, addAddress } from './support/customers';
import { T0 } from './support/harness';
import { livePoller, liveSimulator } from './support/live-sim';

let live: Awaited<ReturnType<typeof liveSimulator>>;
let produced: OutgoingRecord<MagentoCustomerChange>[];
let deadLetters: OutgoingRecord<DeadLetter>[];
let checkpoints: ReturnType<typeof memoryCheckpointStore>;

function poller(customers: Pick<CustomersClient, 'changedPage'> = live.customers, overlapMs = 0) {
  return livePoller(live, customerEntity({ ...live.customers, ...customers }), {
    produce: async (r) => void produced.push(r as OutgoingRecord<MagentoCustomerChange>),
    deadLetter: async (r) => void deadLetters.push(r),
    checkpoints,
    pageSize: 2,
    overlapMs,
    startAt: magentoTime(T0),
  });
}

const put = (id: number, customer: Record<string, unknown>) =>
  adminRest(live.sim, 'PUT', `/customers/${id}`, { customer });

beforeEach(async () => {
  live = await liveSimulator();
  produced = [];
  deadLetters = [];
  checkpoints = memoryCheckpointStore();
});
afterEach(async () => live.close());

describe('customer poller', () => {
  it('produces every customer changed since its checkpoint once, over keyset pages, and finds a change without an event', async () => {
    const p = poller();
    expect(await p.pollOnce()).toMatchObject({ seen: 5, produced: 5, failed: 0, cursor: magentoTime(T0) });
    expect(produced.map((r) => [r.topic, r.key, r.value?.op])).toEqual(
      ['1', '2', '3', '4', '5'].map((k) => [TOPIC.cdcMagentoCustomer, k, 'c']),
    );
    expect(produced[0]?.headers).toMatchObject({ 'ingest-source': 'poller', 'magento-event': 'poll' });
    expect(checkpoints.rows.get(CUSTOMER_POLLER)).toEqual({ cursor: magentoTime(T0), lastEntityId: '5' });

    live.advance(2000);
    await put(3, { lastname: 'Żółć' }); // no subscriber: only the poller can see it
    expect(await p.pollOnce()).toMatchObject({ produced: 1, cursor: magentoTime(T0 + 2000) });
    expect(produced.at(-1)).toMatchObject({ key: '3', value: { op: 'u', after: { lastname: 'Żółć' } } });
    expect(await p.pollOnce()).toMatchObject({ produced: 0, duplicates: 1 }); // gteq re-reads the checkpoint second
  });

  it('cannot see an address-only change: the customer keeps its updated_at (only address events bring it)', async () => {
    const p = poller();
    await p.pollOnce();
    live.advance(2000);
    await put(4, { lastname: 'Berg' }); // the checkpoint moves past customer 2's updated_at
    expect(await p.pollOnce()).toMatchObject({ produced: 1, cursor: magentoTime(T0 + 2000) });
    live.advance(2000);
    await addAddress(live.sim, 2);
    expect(live.sim.state.customers.get(2)!.updated_at).toBe(magentoTime(T0));
    expect(await p.pollOnce()).toMatchObject({ produced: 0 });
  });

  it('dead-letters a customer it cannot map by reference (id and updated_at, no personal data), once per version', async () => {
    const broken = {
      changedPage: async (...args: Parameters<CustomersClient['changedPage']>) => {
        const list = await live.customers.changedPage(...args);
        return {
          ...list,
          items: list.items.map((i) => ((i as { id: number }).id === 2 ? { ...(i as object), email: '' } : i)),
        };
      },
    };
    const p = poller(broken, 60_000);
    expect(await p.pollOnce()).toMatchObject({ seen: 5, produced: 4, deadLettered: 1 });
    expect(deadLetters).toHaveLength(1);
    const letter = deadLetters[0]!;
    expect(letter).toMatchObject({ topic: TOPIC.magentoIngestDlq, key: '2' });
    expect(letter.value).toMatchObject({
      originalTopic: 'magento-rest:/V1/customers/2',
      errorCode: 'MAPPING_UNMAPPABLE',
      stage: 'map',
    });
    expect(letter.value?.errorMessage).toBe('Magento customer: email is missing');
    const reference = JSON.parse(letter.value!.originalValue!.toString()) as Record<string, unknown>;
    expect(reference).toEqual({ entity: 'customer', id: 2, updatedAt: magentoTime(T0) });
    const customer = live.sim.state.customers.get(2)!;
    for (const value of [customer.firstname, customer.lastname]) expect(JSON.stringify(letter)).not.toContain(value);
    const dlq = (await live.metrics.dlqTotal.get()).values.find((v) => v.labels.topic === 'magento-rest:/V1/customers');
    expect(dlq?.value).toBe(1);
    expect(await p.pollOnce()).toMatchObject({ seen: 5, produced: 0, deadLettered: 0 });
    expect(deadLetters).toHaveLength(1);
  });
});
