// The orders client against the Magento simulator over HTTP: bearer and OAuth 1.0a (HMAC-SHA256), order
// reads and updated_at searches (a timestamp has a space: the signature must cover %20, not '+').
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveSimulator } from './support/live-sim';

let live: Awaited<ReturnType<typeof liveSimulator>>;
beforeAll(async () => {
  live = await liveSimulator();
  live.sim.placeOrders(3);
  live.advance(5000);
  live.sim.placeOrders(2);
});
afterAll(async () => live.close());

describe('Magento orders client', () => {
  it('reads an order with OAuth 1.0a HMAC-SHA256 signatures', async () => {
    const order = (await live.oauth.get(2)) as { increment_id: string; extension_attributes: unknown };
    expect(order.increment_id).toBe('000000002');
    expect(order.extension_attributes).toHaveProperty('shipping_assignments');
  });

  it('reads keyset pages by (updated_at, entity_id), oldest first, signed with the query', async () => {
    const ids = (l: { items: unknown[] }) => l.items.map((o) => (o as { entity_id: number }).entity_id);
    const first = await live.oauth.changedPage({ kind: 'from', updatedAt: '2025-01-15 09:30:00' }, 2);
    expect(first.total_count).toBe(5);
    expect(ids(first)).toEqual([1, 2]);
    const at = (first.items[1] as { updated_at: string }).updated_at;
    const rest = await live.oauth.changedPage({ kind: 'same-second', updatedAt: at, afterEntityId: 2 }, 10);
    expect(ids(rest).every((id) => id > 2)).toBe(true);
    expect((rest.items as Array<{ updated_at: string }>).every((o) => o.updated_at === at)).toBe(true);
    const later = await live.oauth.changedPage({ kind: 'later', updatedAt: '2025-01-15 09:30:04' }, 10);
    expect(ids(later)).toEqual([4, 5]);
  });

  it('finds an order by increment id', async () => {
    expect(await live.oauth.byIncrementId('000000004')).toMatchObject({ entity_id: 4 });
    expect(await live.oauth.byIncrementId('999')).toBeUndefined();
  });

  it('uses a bearer token (admin token) and classifies a refusal as AUTH_FAILED', async () => {
    const res = await fetch(`${live.url}/rest/V1/integration/admin/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(live.sim.credentials.admin),
    });
    const token = (await res.json()) as string;
    expect(await live.client({ mode: 'token', token }).get(1)).toMatchObject({ increment_id: '000000001' });
    await expect(live.client({ mode: 'token', token: 'wrong' }).get(1)).rejects.toMatchObject({ code: 'AUTH_FAILED' });
  });

  it('classifies an unknown order as MAGENTO_NOT_FOUND', async () => {
    await expect(live.oauth.get(4242)).rejects.toMatchObject({ code: 'MAGENTO_NOT_FOUND' });
  });
});
