// Every endpoint through app.inject(): deliveries exactly as the Magento simulator sends them, and every 4xx.
import { AppError } from '@m3mage/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness, hmac, HMAC_SECRET, rsaKeys, TEST_KEYS, type Harness } from './support/harness';
import { PATHS, placeAndDeliver, replay, subscribe, type Mode } from './support/deliveries';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const MODES: Mode[] = ['io-events', 'commerce-webhook', 'generic-webhook'];

type Res = Awaited<ReturnType<typeof replay>>;

/**
 * A refusal as its sender is answered (answers.ts): the status and `{error}` for senders that read statuses;
 * for Commerce, which would abort the store action on anything but 200 and never calls again, 200
 * {"op":"success"} with the reason in x-ingest-outcome.
 */
function expectRefused(mode: Mode, res: Res, status: number, reason: string): void {
  if (mode === 'commerce-webhook') {
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ op: 'success' });
    expect(res.headers['x-ingest-outcome']).toMatch(new RegExp(`^${reason}: .+`));
  } else {
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ error: reason });
  }
}

describe.each(MODES)('%s endpoint', (mode) => {
  it('ingests a simulator delivery: one change event keyed by increment id, op c, after Kafka acked', async () => {
    const [entry] = await placeAndDeliver(h, mode);
    expect(entry?.outcome).toBe('delivered');
    expect(h.produced).toHaveLength(1);
    const rec = h.produced[0]!;
    const order = [...h.sim.state.orders.values()][0]!;
    expect(rec.topic).toBe('cdc.magento.order.v1');
    expect(rec.key).toBe(order.increment_id);
    expect(rec.meta).toMatchObject({ correlationId: order.increment_id, eventType: 'MagentoOrderChange' });
    // The delivery id: CloudEvent id / x-webhook-id; Commerce webhooks have none, so a hash of the body.
    expect(rec.meta.causationId).toBe(mode === 'commerce-webhook' ? rec.value?.source.eventId : entry!.eventId);
    expect(rec.value?.source.eventId).toMatch(
      mode === 'commerce-webhook' ? /^sha256:[0-9a-f]{32}$/ : /^[0-9a-f-]{36}$/,
    );
    expect(rec.value?.op).toBe('c');
    expect(rec.value?.source).toMatchObject({
      system: 'MAGENTO',
      entity: 'order',
      id: order.increment_id,
      version: order.updated_at,
    });
    expect(rec.value?.after?.shippingAddress?.street).toEqual(
      order.extension_attributes.shipping_assignments[0]!.shipping.address.street,
    );
    expect(await h.count(mode, 'produced')).toBe(1);
  });

  it('acknowledges a repeated delivery without producing again', async () => {
    const [entry] = await placeAndDeliver(h, mode);
    const res = await replay(h, entry!);
    expect(res.statusCode).toBe(200);
    expect(h.produced).toHaveLength(1);
    expect(await h.count(mode, 'duplicate')).toBe(1);
  });

  it('refuses a forged body with the original signature (401), and produces nothing', async () => {
    const [entry] = await placeAndDeliver(h, mode);
    h.produced.length = 0;
    const forged = entry!.body.replace(/"increment_id":"(\d+)"/, '"increment_id":"999$1"');
    expect(forged).not.toBe(entry!.body);
    const res = await replay(h, entry!, { body: forged });
    expectRefused(mode, res, 401, 'unauthorized');
    expect(h.produced).toHaveLength(0);
    expect(await h.count(mode, 'unauthorized')).toBe(1);
  });

  it('refuses a delivery without any signature (401)', async () => {
    const [entry] = await placeAndDeliver(h, mode);
    const res = await replay(h, entry!, {
      headers: {
        'x-adobe-digital-signature-1': undefined,
        'x-adobe-commerce-webhook-signature': undefined,
        'x-webhook-signature': undefined,
      },
    });
    expectRefused(mode, res, 401, 'unauthorized');
  });

  it('refuses a body above the limit (413) and another media type (415)', async () => {
    const [entry] = await placeAndDeliver(h, mode);
    const big = await replay(h, entry!, { body: `{"pad":"${'x'.repeat(1024 * 1024 + 10)}"}` });
    expectRefused(mode, big, 413, 'too_large');
    const xml = await replay(h, entry!, { headers: { 'content-type': 'application/xml' }, body: '<order/>' });
    expectRefused(mode, xml, 415, 'unsupported_media_type');
    expect(await h.count(mode, 'too_large')).toBe(1);
    expect(await h.count(mode, 'unsupported_media_type')).toBe(1);
  });

  it('503 when Kafka does not acknowledge (Commerce: 200, left to the poller); then ingested on a retry', async () => {
    h.produceFailure.error = new AppError('KAFKA_PRODUCE_FAILED', 'broker down');
    const [entry] = await placeAndDeliver(h, mode);
    // Commerce records a 200 {"op":"success"} as delivered and never calls again: only the poller can catch up.
    expect(entry?.outcome).toBe(mode === 'commerce-webhook' ? 'delivered' : 'failed');
    const failed = await replay(h, entry!);
    expectRefused(mode, failed, 503, 'unavailable');
    if (mode !== 'commerce-webhook') expect(failed.headers['retry-after']).toBe('5');
    expect(await h.leftToPoller(mode, 'unavailable')).toBe(mode === 'commerce-webhook' ? 2 : 0);
    delete h.produceFailure.error;
    const retried = await replay(h, entry!);
    expect(retried.statusCode).toBe(200);
    expect(h.produced).toHaveLength(1);
  });
});

describe('Adobe Commerce webhook answers', () => {
  const signed = (body: string) => ({
    'content-type': 'application/json',
    'x-adobe-commerce-webhook-signature': TEST_KEYS.commerce(body),
  });

  it('{"op":"success"} once durable; a refusal is 200 {"op":"success"} too, named in a header and left to the poller', async () => {
    const [entry] = await placeAndDeliver(h, 'commerce-webhook');
    expect((await replay(h, entry!)).json()).toEqual({ op: 'success' });
    h.produced.length = 0;
    const wrongKey = await replay(h, entry!, {
      headers: { 'x-adobe-commerce-webhook-signature': rsaKeys().commerce(entry!.body) },
    });
    expect(wrongKey.statusCode).toBe(200);
    expect(wrongKey.json()).toEqual({ op: 'success' });
    expect(wrongKey.headers['x-ingest-outcome']).toBe('unauthorized: invalid x-adobe-commerce-webhook-signature');
    expect(h.produced).toHaveLength(0);
    expect(await h.count('commerce-webhook', 'unauthorized')).toBe(1);
    expect(await h.leftToPoller('commerce-webhook', 'unauthorized')).toBe(1);
  });

  it('names an event it does not handle before checking the payload, and does not count it as left to the poller', async () => {
    const body = JSON.stringify({ subject: [], eventName: 'catalog_product_save_after', data: { product: { id: 1 } } });
    const res = await h.http.inject({
      method: 'POST',
      url: PATHS['commerce-webhook'],
      headers: signed(body),
      payload: body,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ op: 'success' });
    expect(res.headers['x-ingest-outcome']).toMatch(
      /^unsupported_event: event observer\.catalog_product_save_after is not handled here; handled: observer\.sales_order_save_after, /,
    );
    expect(await h.count('commerce-webhook', 'unsupported_event')).toBe(1);
    expect(await h.leftToPoller('commerce-webhook', 'unsupported_event')).toBe(0);
  });

  it.each(['plugin.magento.sales.api.order_repository.save', 'plugin.sales.api.order_repository.save'])(
    'ingests the plugin hook %s named by the last path segment',
    async (hook) => {
      subscribe(h, 'commerce-webhook', {
        url: `http://ingest.test${PATHS['commerce-webhook']}/${hook}`,
        events: [hook],
      });
      h.sim.placeOrders(1);
      await h.sim.idle();
      const [entry] = h.sim.events.dispatcher.entries();
      expect(entry).toMatchObject({ outcome: 'delivered' });
      expect(JSON.parse(entry!.body)).toHaveProperty('result.increment_id');
      expect(h.produced).toHaveLength(1);
      expect(h.produced[0]?.key).toBe([...h.sim.state.orders.values()][0]!.increment_id);
      const noOrder = JSON.stringify({ subject: [], saveOptions: false });
      const invalid = await h.http.inject({
        method: 'POST',
        url: `${PATHS['commerce-webhook']}/${hook}`,
        headers: signed(noOrder),
        payload: noOrder,
      });
      expect(invalid.headers['x-ingest-outcome']).toMatch(/^invalid: not a valid Commerce .* webhook payload/);
      expect(await h.leftToPoller('commerce-webhook', 'invalid')).toBe(1);
    },
  );

  it('maps the complete webhook order without reading Magento REST', async () => {
    await placeAndDeliver(h, 'commerce-webhook');
    expect(h.orders.calls).toBe(0);
  });
});

describe('Adobe I/O Events', () => {
  it('enriches the thin payload from REST (GET /V1/orders/{entity_id})', async () => {
    const [entry] = await placeAndDeliver(h, 'io-events');
    const sent = JSON.parse(entry!.body) as { data: { value: Record<string, unknown> } };
    expect(sent.data.value).not.toHaveProperty('extension_attributes');
    expect(h.orders.calls).toBe(1);
    expect(h.produced[0]?.value?.after?.items.length).toBeGreaterThan(0);
  });

  it('skips enrichment for a repeated event id', async () => {
    const [entry] = await placeAndDeliver(h, 'io-events');
    await replay(h, entry!);
    expect(h.orders.calls).toBe(1);
  });

  it('200 "ignored" naming an event type it does not ingest, 400 for a body that is not a CloudEvent', async () => {
    const keys = rsaKeys();
    const local = await harness({ IO_EVENTS_PUBLIC_KEY: keys.pem });
    try {
      const send = (body: string) =>
        local.http.inject({
          method: 'POST',
          url: '/events/adobe-io',
          headers: { 'content-type': 'application/json', 'x-adobe-digital-signature-1': keys.raw(body) },
          payload: body,
        });
      const event = {
        specversion: '1.0',
        id: 'e1',
        source: 'urn:uuid:x',
        type: 'com.adobe.commerce.observer.catalog_product_save_after',
        data: { value: { entity_id: '1' } },
      };
      // I/O Events retries any non-2xx for 24 h and then disables the whole registration (FORMAT-NOTES 47).
      const unknown = await send(JSON.stringify(event));
      expect(unknown.statusCode).toBe(200);
      const reason = unknown.json<{ status: string; reason: string; message: string }>();
      expect(reason).toMatchObject({ status: 'ignored', reason: 'unsupported_event' });
      expect(reason.message).toMatch(
        /^event com\.adobe\.commerce\.observer\.catalog_product_save_after is not handled here/,
      );
      expect(reason.message).toContain('com.adobe.commerce.observer.sales_order_save_after');
      expect(await local.leftToPoller('io-events', 'unsupported_event')).toBe(0);
      const orderType = 'com.adobe.commerce.observer.sales_order_save_after';
      const notCloudEvent = await send(JSON.stringify({ ...event, type: orderType, specversion: undefined }));
      expect(notCloudEvent.statusCode).toBe(400);
      const invalid = notCloudEvent.json<{ error: string; message: string }>();
      expect(invalid.error).toBe('invalid');
      expect(invalid.message).toContain('specversion');
      const noIds = await send(
        JSON.stringify({
          ...event,
          type: orderType,
          data: { value: { status: 'x' } },
        }),
      );
      expect(noIds.statusCode).toBe(400);
      const malformed = await send('{"specversion":');
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toMatchObject({ error: 'malformed' });
    } finally {
      await local.close();
    }
  });

  it('accepts a configured bearer token as well, and answers the registration challenge', async () => {
    const local = await harness({ IO_EVENTS_PUBLIC_KEY: '', IO_EVENTS_TOKEN: 'io-token' });
    try {
      const body = JSON.stringify({
        specversion: '1.0',
        id: 'e1',
        source: 's',
        type: 'com.adobe.commerce.observer.sales_order_save_after',
        data: { value: { entity_id: '1' } },
      });
      const denied = await local.http.inject({
        method: 'POST',
        url: '/events/adobe-io',
        headers: { 'content-type': 'application/json', authorization: 'Bearer nope' },
        payload: body,
      });
      expect(denied.statusCode).toBe(401);
      const unknownOrder = await local.http.inject({
        method: 'POST',
        url: '/events/adobe-io',
        headers: { 'content-type': 'application/json', authorization: 'Bearer io-token' },
        payload: body,
      });
      // Authenticated; Magento has no order 1: 2xx "ignored" (I/O Events retries any other answer for 24 h).
      expect(unknownOrder.statusCode).toBe(200);
      expect(unknownOrder.json()).toMatchObject({ status: 'ignored', reason: 'not_found' });
      const challenge = await local.http.inject({ method: 'GET', url: '/events/adobe-io?challenge=abc-123' });
      expect(challenge.json()).toEqual({ challenge: 'abc-123' });
    } finally {
      await local.close();
    }
  });

  it('503 when Magento REST fails during enrichment', async () => {
    h.orders.fail = new AppError('BREAKER_OPEN', 'magento breaker open');
    const [entry] = await placeAndDeliver(h, 'io-events');
    const res = await replay(h, entry!);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ error: 'unavailable', message: 'not ingested, retry later (BREAKER_OPEN)' });
    expect(h.produced).toHaveLength(0);
  });
});

describe('generic webhook', () => {
  it('needs Basic credentials when configured, and 422 for other entities', async () => {
    const local = await harness({ WEBHOOK_HMAC_SECRET: '', WEBHOOK_BASIC_USER: 'shop', WEBHOOK_BASIC_PASSWORD: 'pw' });
    try {
      const body = JSON.stringify({ event: 'catalog_product_save_after', id: 'x', entity: 'product', data: { id: 1 } });
      const basic = `Basic ${Buffer.from('shop:pw').toString('base64')}`;
      const send = (authorization: string, payload = body) =>
        local.http.inject({
          method: 'POST',
          url: '/webhooks/generic',
          headers: { 'content-type': 'application/json; charset=UTF-8', authorization },
          payload,
        });
      expect((await send(`Basic ${Buffer.from('shop:bad').toString('base64')}`)).statusCode).toBe(401);
      const other = await send(basic);
      expect(other.statusCode).toBe(422);
      expect(other.json()).toMatchObject({ error: 'unsupported_event' });
      expect((await send(basic, JSON.stringify({ event: 'sales_order_save_after', data: 'x' }))).statusCode).toBe(400);
    } finally {
      await local.close();
    }
  });

  it('422 naming every field of an order that cannot be mapped', async () => {
    const body = JSON.stringify({
      event: 'sales_order_save_after',
      id: 'w1',
      entity: 'order',
      data: {
        entity_id: 5,
        increment_id: '000000005',
        items: [],
        billing_address: {},
        payment: {},
        is_virtual: 1,
        updated_at: 'yesterday',
      },
    });
    const res = await h.http.inject({
      method: 'POST',
      url: '/webhooks/generic',
      headers: { 'content-type': 'application/json', 'x-webhook-signature': hmac(HMAC_SECRET, body) },
      payload: body,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({
      error: 'unmappable',
      message:
        'Magento order: state is missing; status is missing; createdAt is missing; updatedAt is not a Magento ' +
        'timestamp ("yesterday"); currency is missing; grandTotal is missing; payment.method is missing; ' +
        'payment.amountOrdered is missing',
    });
  });
});

describe('endpoints without credentials', () => {
  it('are not served', async () => {
    const local = await harness({
      WEBHOOK_PUBLIC_KEY: '',
      IO_EVENTS_PUBLIC_KEY: '',
      WEBHOOK_HMAC_SECRET: '',
      POLL_ENABLED: 'true',
    });
    try {
      expect(local.app.endpoints).toEqual([]);
      const res = await local.http.inject({
        method: 'POST',
        url: '/webhooks/adobe-commerce',
        headers: { 'content-type': 'application/json' },
        payload: '{}',
      });
      expect(res.statusCode).toBe(404);
    } finally {
      await local.close();
    }
  });
});
