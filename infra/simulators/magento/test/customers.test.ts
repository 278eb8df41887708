// Customers: REST (create, update with Magento's address semantics, search by the entity_id column, delete →
// `true`), the storefront changes of the control API (registration, address book), and the real events with
// their payload shapes per channel (MASTER-DATA-NOTES §4, FORMAT-NOTES 37, 39, 43–44; Adobe's events reference).
import { afterEach, describe, expect, it } from 'vitest';
import type { Customer, DeliveryLogEntry, MagentoSimulator } from '../src/index';
import { adminToken, build, call, criteria } from './support';
import { fakeFetch } from './virtual-time';

let sim: MagentoSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const HOOK = 'http://127.0.0.1:9/hook';
const log = async (s: MagentoSimulator): Promise<DeliveryLogEntry[]> =>
  (await s.app.inject({ url: '/_control/events' })).json<DeliveryLogEntry[]>();
const bodies = (calls: Array<{ body: string }>) => calls.map((c) => JSON.parse(c.body) as Record<string, unknown>);

const address = (over: Record<string, unknown> = {}) => ({
  firstname: 'Zoë',
  lastname: 'Øster',
  street: ['Kungsgatan 12', 'c/o Acme'],
  city: 'Stockholm',
  postcode: '111 57',
  country_id: 'SE',
  telephone: '+46 8 123 4567',
  ...over,
});

async function setup(subscribers: unknown[] = []) {
  const receiver = fakeFetch(() => ({ status: 200, body: { op: 'success' } }));
  const built = build({ fetch: receiver.fetch, subscribers, sizes: { customers: 3, products: 1, orders: 0 } });
  sim = built.sim;
  const token = await adminToken(sim);
  return { sim, token, receiver, advance: built.advance };
}

describe('customer REST', () => {
  it('GET carries the extension attributes and region codes; search filters and sorts by entity_id', async () => {
    const { sim, token } = await setup();
    const c = (await call(sim, token, { url: '/rest/V1/customers/2' })).json<Customer>();
    expect(c.extension_attributes).toEqual({ is_subscribed: false });
    // Regions with a directory entry have their code; free-text countries (SE, PL, DK, IS) none.
    for (const a of [...sim.state.customers.values()].flatMap((x) => x.addresses))
      expect(a.region.region_code !== null).toBe(a.region_id !== 0);
    const query = criteria([[{ field: 'entity_id', value: '1', condition_type: 'gt' }]], {
      'searchCriteria[sortOrders][0][field]': 'entity_id',
      'searchCriteria[sortOrders][0][direction]': 'DESC',
    });
    const found = await call(sim, token, { url: `/rest/V1/customers/search?${query}` });
    expect(found.json<{ items: Customer[] }>().items.map((x) => x.id)).toEqual([3, 2]);
  });

  it('PUT with addresses replaces the list (defaults follow), without addresses keeps it; e-mail unique per website', async () => {
    const { sim, token } = await setup();
    const before = sim.state.customers.get(1)!;
    expect(before.addresses).toHaveLength(1);
    const put = (customer: Record<string, unknown>) =>
      call(sim, token, { method: 'PUT', url: '/rest/V1/customers/1', payload: { customer } });
    const replaced = (
      await put({ addresses: [address(), address({ city: 'Malmö', default_shipping: true })] })
    ).json<Customer>();
    expect(replaced.addresses.map((a) => a.city)).toEqual(['Stockholm', 'Malmö']);
    expect(replaced.addresses.some((a) => a.id === before.addresses[0]!.id)).toBe(false);
    const malmo = replaced.addresses[1]!;
    expect(replaced.default_shipping).toBe(String(malmo.id));
    expect(replaced).not.toHaveProperty('default_billing'); // the old default address is gone
    expect(malmo.default_shipping).toBe(true);
    const kept = (await put({ firstname: 'Zoe' })).json<Customer>();
    expect(kept.addresses.map((a) => a.id)).toEqual(replaced.addresses.map((a) => a.id));
    expect(kept.default_shipping).toBe(String(malmo.id));
    const other = sim.state.customers.get(2)!;
    const clash = await put({ email: other.email.toUpperCase() });
    expect(clash.statusCode).toBe(400);
    expect(clash.json()).toMatchObject({
      message: 'A customer with the same email address already exists in an associated website.',
    });
  });

  it('DELETE answers true, the customer is gone, and the delete events carry the customer', async () => {
    const { sim, token, receiver } = await setup([
      { url: HOOK, mode: 'io-events', events: ['customer_delete_after', 'customer_delete_commit_after'] },
    ]);
    const c = sim.state.customers.get(2)!;
    const res = await call(sim, token, { method: 'DELETE', url: '/rest/V1/customers/2' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toBe(true);
    expect((await call(sim, token, { url: '/rest/V1/customers/2' })).statusCode).toBe(404);
    expect((await call(sim, token, { method: 'DELETE', url: '/rest/V1/customers/2' })).json()).toMatchObject({
      message: 'No such entity with %fieldName = %fieldValue',
      parameters: { fieldName: 'customerId', fieldValue: 2 },
    });
    await sim.idle();
    const events = bodies(receiver.calls) as Array<{ type: string; data: { value: Record<string, unknown> } }>;
    expect(events.map((e) => e.type)).toEqual([
      'com.adobe.commerce.observer.customer_delete_after',
      'com.adobe.commerce.observer.customer_delete_commit_after',
    ]);
    expect(events[0]!.data.value).toMatchObject({
      id: '2',
      website_id: '1',
      email: c.email,
      firstname: c.firstname,
      lastname: c.lastname,
      updated_at: c.updated_at,
    });
  });
});

describe('customer events per channel', () => {
  it('a REST save fires save and save-commit, and one address save per address sent', async () => {
    const { sim, token } = await setup([
      {
        url: HOOK,
        mode: 'generic-webhook',
        secret: 's',
        events: ['customer_save_after', 'customer_save_commit_after', 'customer_address_save_after'],
      },
    ]);
    await call(sim, token, {
      method: 'PUT',
      url: '/rest/V1/customers/1',
      payload: { customer: { addresses: [address(), address({ city: 'Malmö' })] } },
    });
    await sim.idle();
    const entries = await log(sim);
    expect(entries.map((e) => e.eventName)).toEqual([
      'customer_save_after',
      'customer_save_commit_after',
      'customer_address_save_after',
      'customer_address_save_after',
    ]);
    const generic = JSON.parse(entries[2]!.body) as { entity: string; data: Record<string, unknown> };
    expect(generic).toMatchObject({ entity: 'customer_address', data: { customer_id: 1, city: 'Stockholm' } });
  });

  it('a storefront registration fires customer_register_success with {customer, account_controller}', async () => {
    const { sim, receiver } = await setup([
      { url: HOOK, mode: 'io-events', events: ['customer_register_success'] },
      { url: HOOK, mode: 'commerce-webhook', events: ['observer.customer_register_success'] },
    ]);
    const res = await sim.app.inject({
      method: 'POST',
      url: '/_control/customers',
      payload: { customer: { email: 'new.shopper@example.com', firstname: 'Åsa', lastname: 'Berg' } },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json<Customer>().id;
    await sim.idle();
    const [io, hook] = bodies(receiver.calls) as [
      { data: { value: Record<string, unknown> } },
      { eventName: string; data: Record<string, unknown> },
    ];
    expect(io.data.value).toMatchObject({ customer: { id: String(id), email: 'new.shopper@example.com' } });
    expect(io.data.value).toHaveProperty('account_controller');
    expect(hook).toMatchObject({
      eventName: 'customer_register_success',
      data: { customer: { id }, account_controller: [] },
    });
  });

  it('an address-book save sends the address model (entity_id, parent_id, one street string) to observers, AddressInterface to the plugin', async () => {
    const { sim, receiver } = await setup([
      { url: HOOK, mode: 'io-events', events: ['customer_address_save_after'] },
      { url: HOOK, mode: 'commerce-webhook', events: ['observer.customer_address_save_after'] },
      { url: HOOK, mode: 'commerce-webhook', events: ['plugin.magento.customer.api.address_repository.save'] },
    ]);
    const before = structuredClone(sim.state.customers.get(3)!);
    const res = await sim.app.inject({
      method: 'POST',
      url: '/_control/customers/3/addresses',
      payload: { address: address({ region: { region_code: 'TX', region: 'Texas', region_id: 57 }, region_id: 57 }) },
    });
    expect(res.statusCode).toBe(201);
    const saved = res.json<{ id: number }>();
    const after = sim.state.customers.get(3)!;
    expect(after.addresses.map((a) => a.id)).toEqual([...before.addresses.map((a) => a.id), saved.id]);
    // Only the address row changed: the customer keeps its updated_at and defaults.
    expect(after.updated_at).toBe(before.updated_at);
    expect(after.default_billing).toBe(before.default_billing);
    await sim.idle();
    const [io, observer, plugin] = bodies(receiver.calls) as [
      { data: { value: Record<string, unknown> } },
      { data: { customer_address: Record<string, unknown> } },
      Record<string, Record<string, unknown>>,
    ];
    expect(io.data.value).toMatchObject({
      entity_id: String(saved.id),
      parent_id: '3',
      street: 'Kungsgatan 12\nc/o Acme',
      region: 'Texas',
      region_id: '57',
    });
    expect(io.data.value).not.toHaveProperty('customer_id');
    expect(observer.data.customer_address).toMatchObject({ entity_id: saved.id, parent_id: 3, region: 'Texas' });
    expect(plugin.address).toMatchObject({ id: saved.id, customer_id: 3, region: { region_code: 'TX' } });
    expect(plugin.result).toEqual(plugin.address);
  });

  it('an address saved as the new default moves the customer default and its updated_at', async () => {
    const { sim, advance } = await setup();
    const before = structuredClone(sim.state.customers.get(1)!);
    advance(5000);
    const res = await sim.app.inject({
      method: 'POST',
      url: '/_control/customers/1/addresses',
      payload: { address: address({ default_billing: true }) },
    });
    const saved = res.json<{ id: number; default_billing?: boolean }>();
    expect(saved.default_billing).toBe(true);
    const after = sim.state.customers.get(1)!;
    expect(after.default_billing).toBe(String(saved.id));
    expect(after.default_shipping).toBe(before.default_shipping);
    expect(after.addresses.filter((a) => a.default_billing)).toHaveLength(1);
    expect(after.updated_at > before.updated_at).toBe(true);
  });
});
