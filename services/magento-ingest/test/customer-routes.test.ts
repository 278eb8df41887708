// Customer events on every endpoint through app.inject(): deliveries exactly as the Magento simulator sends them
// (save, storefront registration, address save, delete; observer and plugin hooks), each sender answered as
// FORMAT-NOTES §H says, and no customer data in the logs beyond ids.
import { AppError } from '@m3mage/runtime';
import { TOPIC } from '@m3mage/topics/catalogue';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness, hmac, HMAC_SECRET, TEST_KEYS, type Harness } from './support/harness';
import { addAddress, adminRest as rest } from './support/customers';
import { PATHS, replay, subscribe, type Mode } from './support/deliveries';

let h: Harness;
let lines: string[];
beforeEach(async () => {
  lines = [];
  h = await harness({}, { logLines: lines });
});
afterEach(async () => {
  await h.close();
});

const MODES: Mode[] = ['io-events', 'commerce-webhook', 'generic-webhook'];
/** The event as each sender's subscription names it. */
const hookOf = (mode: Mode, event: string): string => (mode === 'commerce-webhook' ? `observer.${event}` : event);

/** Answers 2xx to everything but what it must refuse: the answer for a refusal, per sender. */
function expectRefused(mode: Mode, res: Awaited<ReturnType<typeof replay>>, status: number, reason: string): void {
  if (mode === 'commerce-webhook') {
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ op: 'success' });
    expect(res.headers['x-ingest-outcome']).toMatch(new RegExp(`^${reason}: `));
  } else if (mode === 'io-events' && reason === 'not_found') {
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ignored', reason });
  } else {
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ error: reason });
  }
}

describe.each(MODES)('%s: customers', (mode) => {
  it('produces a saved customer once on cdc.magento.customer.v1, read from REST, keyed by its id; a repeat is a duplicate', async () => {
    subscribe(h, mode, { events: [hookOf(mode, 'customer_save_after')] });
    await rest(h.sim, 'PUT', '/customers/1', { customer: { lastname: 'Żółć' } });
    const [entry] = h.sim.events.dispatcher.entries();
    expect(entry?.outcome).toBe('delivered');
    expect(h.customers.calls).toBe(1);
    expect(h.produced).toHaveLength(0);
    expect(h.customerRecords).toHaveLength(1);
    const rec = h.customerRecords[0]!;
    const customer = h.sim.state.customers.get(1)!;
    expect(rec).toMatchObject({
      topic: TOPIC.cdcMagentoCustomer,
      key: '1',
      meta: { correlationId: '1', eventType: 'MagentoCustomerChange', sourceSystem: 'MAGENTO' },
      headers: { 'magento-event': 'customer_save_after', 'ingest-source': mode },
    });
    expect(rec.value).toMatchObject({
      op: 'c',
      before: null,
      after: { id: 1, lastname: 'Żółć', email: customer.email, websiteId: 1 },
      source: { system: 'MAGENTO', entity: 'customer', id: '1', version: customer.updated_at },
    });
    expect(rec.value?.after?.addresses).toHaveLength(customer.addresses.length);
    expect(await h.count(mode, 'produced')).toBe(1);

    const again = await replay(h, entry!);
    expect(again.statusCode).toBe(200);
    if (mode !== 'commerce-webhook') expect(again.json()).toEqual({ status: 'duplicate', customerId: '1' });
    expect(h.customerRecords).toHaveLength(1);
    expect(await h.count(mode, 'duplicate')).toBe(1);
  });

  it('an address saved in the address book re-reads its customer: an update with the same updated_at', async () => {
    subscribe(h, mode, { events: [hookOf(mode, 'customer_save_after'), hookOf(mode, 'customer_address_save_after')] });
    await rest(h.sim, 'PUT', '/customers/2', { customer: { firstname: 'Åsa' } });
    await addAddress(h.sim, 2, { city: 'København Ø', postcode: '2100', country_id: 'DK' });
    expect(h.customerRecords.map((r) => [r.key, r.value?.op, r.value?.source.version])).toEqual([
      ['2', 'c', h.sim.state.customers.get(2)!.updated_at],
      ['2', 'u', h.sim.state.customers.get(2)!.updated_at],
    ]);
    expect(h.customerRecords[1]!.value?.after?.addresses.map((a) => a.address.city)).toContain('København Ø');
    expect(h.customerRecords[1]!.headers).toMatchObject({ 'magento-event': 'customer_address_save_after' });
  });

  it('a delete produces op d with the customer of the payload as before, then a tombstone; a repeat nothing more', async () => {
    subscribe(h, mode, {
      events: [hookOf(mode, 'customer_delete_after'), hookOf(mode, 'customer_delete_commit_after')],
    });
    const gone = structuredClone(h.sim.state.customers.get(3)!);
    await rest(h.sim, 'DELETE', '/customers/3');
    expect(h.sim.events.dispatcher.entries().map((e) => e.outcome)).toEqual(['delivered', 'delivered']);
    expect(h.customers.calls).toBe(0); // Magento REST no longer has it
    expect(h.customerRecords.map((r) => [r.key, r.value === null ? null : r.value.op])).toEqual([
      ['3', 'd'],
      ['3', null],
    ]);
    expect(h.customerRecords[0]!.value).toMatchObject({
      before: { id: 3, websiteId: 1, email: gone.email, firstname: gone.firstname, lastname: gone.lastname },
      after: null,
      source: { entity: 'customer', id: '3', version: gone.updated_at },
    });
    // the commit_after event of the same delete was a duplicate, and so is a replay
    expect(await h.count(mode, 'duplicate')).toBe(1);
    await replay(h, h.sim.events.dispatcher.entries()[0]!);
    expect(h.customerRecords).toHaveLength(2);
  });

  it('a customer Magento does not have is answered per sender (not_found), counted, nothing produced', async () => {
    h.customers.fail = new AppError('MAGENTO_NOT_FOUND', 'No such entity with customerId = 4');
    subscribe(h, mode, { events: [hookOf(mode, 'customer_save_after')] });
    await rest(h.sim, 'PUT', '/customers/4', { customer: { lastname: 'Gone' } });
    const res = await replay(h, h.sim.events.dispatcher.entries()[0]!);
    expectRefused(mode, res, 422, 'not_found');
    expect(h.customerRecords).toHaveLength(0);
    expect(await h.count(mode, 'not_found')).toBe(2);
    const text =
      mode === 'commerce-webhook' ? String(res.headers['x-ingest-outcome']) : res.json<{ message: string }>().message;
    expect(text).toContain('Magento has no customer 4: not ingested');
  });

  it('refuses a forged body (401) and a customer payload without an id (400), producing nothing', async () => {
    subscribe(h, mode, { events: [hookOf(mode, 'customer_save_after')] });
    await rest(h.sim, 'PUT', '/customers/1', { customer: { lastname: 'Żółć' } });
    const entry = h.sim.events.dispatcher.entries()[0]!;
    h.customerRecords.length = 0;
    const forged = entry.body.replace(/"(id|entity_id)":"?1"?/, '"$1":"5"');
    expect(forged).not.toBe(entry.body);
    expectRefused(mode, await replay(h, entry, { body: forged }), 401, 'unauthorized');
    const body = JSON.parse(entry.body) as Record<string, unknown>;
    const withoutId = JSON.stringify(
      mode === 'io-events'
        ? { ...body, id: 'evt-no-id', data: { value: { email: 'x@example.com' } } }
        : mode === 'commerce-webhook'
          ? { ...body, data: { customer: { email: 'x@example.com' } } }
          : { ...body, id: 'w-no-id', data: { email: 'x@example.com' } },
    );
    const headers =
      mode === 'io-events'
        ? { 'x-adobe-digital-signature-1': undefined, authorization: undefined }
        : mode === 'commerce-webhook'
          ? { 'x-adobe-commerce-webhook-signature': TEST_KEYS.commerce(withoutId) }
          : { 'x-webhook-signature': hmac(HMAC_SECRET, withoutId) };
    if (mode !== 'io-events') {
      const res = await replay(h, entry, { body: withoutId, headers });
      expectRefused(mode, res, 400, 'invalid');
      const text =
        mode === 'commerce-webhook' ? String(res.headers['x-ingest-outcome']) : res.json<{ message: string }>().message;
      expect(text).toMatch(/has neither id nor entity_id/);
    }
    expect(h.customerRecords).toHaveLength(0);
  });
});

describe('customer hooks and events of one sender', () => {
  it.each([
    ['plugin.magento.customer.api.customer_repository.save', 'customer'],
    ['plugin.customer.api.customer_repository.save', 'customer'],
    ['plugin.magento.customer.api.address_repository.save', 'address'],
  ])('Commerce plugin hook %s, named by the last path segment', async (hook, arg) => {
    subscribe(h, 'commerce-webhook', { url: `http://ingest.test${PATHS['commerce-webhook']}/${hook}`, events: [hook] });
    if (arg === 'customer') await rest(h.sim, 'PUT', '/customers/1', { customer: { lastname: 'Żółć' } });
    else await addAddress(h.sim, 1);
    const [entry] = h.sim.events.dispatcher.entries();
    expect(entry).toMatchObject({ outcome: 'delivered', eventName: hook });
    expect(JSON.parse(entry!.body)).toHaveProperty(arg);
    expect(h.customerRecords.map((r) => [r.key, r.value?.op, r.headers?.['magento-event']])).toEqual([
      ['1', 'c', hook],
    ]);
  });

  it('I/O Events: a storefront registration (customer_register_success, {customer, account_controller})', async () => {
    subscribe(h, 'io-events', { events: ['customer_register_success'] });
    const res = await h.sim.app.inject({
      method: 'POST',
      url: '/_control/customers',
      payload: { customer: { email: 'new.shopper@example.com', firstname: 'Åsa', lastname: 'Berg' } },
    });
    const id = String(res.json<{ id: number }>().id);
    await h.sim.idle();
    const [entry] = h.sim.events.dispatcher.entries();
    expect(JSON.parse(entry!.body)).toHaveProperty('data.value.account_controller');
    expect(h.customerRecords.map((r) => [r.key, r.value?.op, r.value?.after?.email])).toEqual([
      [id, 'c', 'new.shopper@example.com'],
    ]);
  });

  it('a generic webhook naming another entity for a customer event is not handled (422)', async () => {
    const body = JSON.stringify({ event: 'customer_save_after', id: 'w1', entity: 'product', data: { id: 1 } });
    const res = await h.http.inject({
      method: 'POST',
      url: PATHS['generic-webhook'],
      headers: { 'content-type': 'application/json', 'x-webhook-signature': hmac(HMAC_SECRET, body) },
      payload: body,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ message: string }>().message).toMatch(/^event product\/customer_save_after is not handled here/);
  });

  it('logs ids only: no e-mail, name or address of a customer in any log line', async () => {
    h.sim.events.config.setSubscribers(
      MODES.map((mode) => ({
        url: `http://ingest.test${PATHS[mode]}`,
        mode,
        events: ['customer_save_after', 'customer_address_save_after', 'customer_delete_after'].map((e) =>
          hookOf(mode, e),
        ),
        ...(mode === 'generic-webhook' ? { secret: HMAC_SECRET } : {}),
      })),
    );
    const customers = [1, 2].map((id) => structuredClone(h.sim.state.customers.get(id)!));
    await rest(h.sim, 'PUT', '/customers/1', { customer: { lastname: 'Żółć-Lindqvist' } });
    await rest(h.sim, 'DELETE', '/customers/2');
    h.customers.fail = new AppError('MAGENTO_NOT_FOUND', 'No such entity with customerId = 1');
    await rest(h.sim, 'PUT', '/customers/1', { customer: { firstname: 'Zoë-Marie' } });
    expect(h.customerRecords).toHaveLength(3); // customer 1 once (three channels, one content), op d and tombstone of 2
    expect(lines.length).toBeGreaterThan(0);
    const text = lines.join('\n');
    for (const c of customers) {
      for (const value of [c.email, c.firstname, c.lastname, ...c.addresses.flatMap((a) => [...a.street, a.telephone])])
        expect(text).not.toContain(value);
    }
    expect(text).not.toContain('Żółć-Lindqvist');
    expect(text).not.toContain('Zoë-Marie');
  });
});
