// Every endpoint through app.inject(): deliveries exactly as the Magento simulator sends them, and every 4xx.
import { AppError } from '@m3mage/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness, hmac, HMAC_SECRET, rsaKeys, type Harness } from './support/harness';
import { placeAndDeliver, replay, type Mode } from './support/deliveries';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const MODES: Mode[] = ['io-events', 'commerce-webhook', 'generic-webhook'];

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

  it('401 for a forged body with the original signature, and produces nothing', async () => {
    const [entry] = await placeAndDeliver(h, mode);
    h.produced.length = 0;
    const forged = entry!.body.replace(/"increment_id":"(\d+)"/, '"increment_id":"999$1"');
    expect(forged).not.toBe(entry!.body);
    const res = await replay(h, entry!, { body: forged });
    expect(res.statusCode).toBe(401);
    expect(h.produced).toHaveLength(0);
    expect(await h.count(mode, 'unauthorized')).toBe(1);
  });

  it('401 without any signature', async () => {
    const [entry] = await placeAndDeliver(h, mode);
    const res = await replay(h, entry!, {
      headers: {
        'x-adobe-digital-signature-1': undefined,
        'x-adobe-commerce-webhook-signature': undefined,
        'x-webhook-signature': undefined,
      },
    });
    expect(res.statusCode).toBe(401);
  });

  it('413 above the body limit, 415 for another media type', async () => {
    const [entry] = await placeAndDeliver(h, mode);
    const big = await replay(h, entry!, { body: `{"pad":"${'x'.repeat(1024 * 1024 + 10)}"}` });
    expect(big.statusCode).toBe(413);
    const xml = await replay(h, entry!, { headers: { 'content-type': 'application/xml' }, body: '<order/>' });
    expect(xml.statusCode).toBe(415);
    expect(await h.count(mode, 'too_large')).toBe(1);
    expect(await h.count(mode, 'unsupported_media_type')).toBe(1);
  });

  it('503 when Kafka does not acknowledge, so the sender retries; then 200 on the retry', async () => {
    h.produceFailure.error = new AppError('KAFKA_PRODUCE_FAILED', 'broker down');
    const [entry] = await placeAndDeliver(h, mode);
    expect(entry?.outcome).toBe('failed');
    const failed = await replay(h, entry!);
    expect(failed.statusCode).toBe(503);
    expect(failed.headers['retry-after']).toBe('5');
    delete h.produceFailure.error;
    const retried = await replay(h, entry!);
    expect(retried.statusCode).toBe(200);
    expect(h.produced).toHaveLength(1);
  });
});

describe('Adobe Commerce webhook answers', () => {
  it('{"op":"success"} on success, {"op":"exception"} with the status on failure', async () => {
    const [entry] = await placeAndDeliver(h, 'commerce-webhook');
    expect((await replay(h, entry!)).json()).toEqual({ op: 'success' });
    const bad = await replay(h, entry!, {
      headers: { 'x-adobe-commerce-webhook-signature': rsaKeys().commerce(entry!.body) },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toEqual({ op: 'exception', message: 'invalid x-adobe-commerce-webhook-signature' });
  });

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

  it('422 for an event type it does not ingest, 400 for a body that is not a CloudEvent', async () => {
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
        type: 'com.adobe.commerce.observer.customer_save_after',
        data: { value: { entity_id: '1' } },
      };
      const unknown = await send(JSON.stringify(event));
      expect(unknown.statusCode).toBe(422);
      const reason = unknown.json<{ error: string; message: string }>();
      expect(reason.error).toBe('unsupported_event');
      expect(reason.message).toContain('com.adobe.commerce.observer.sales_order_save_after');
      const notCloudEvent = await send(JSON.stringify({ ...event, specversion: undefined }));
      expect(notCloudEvent.statusCode).toBe(400);
      const invalid = notCloudEvent.json<{ error: string; message: string }>();
      expect(invalid.error).toBe('invalid');
      expect(invalid.message).toContain('specversion');
      const noIds = await send(
        JSON.stringify({
          ...event,
          type: 'com.adobe.commerce.observer.sales_order_save_after',
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
      const body = JSON.stringify({ event: 'customer_save_after', id: 'x', entity: 'customer', data: { id: 1 } });
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

  it('422 with the field for an order that cannot be mapped', async () => {
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
    expect(res.json()).toEqual({ error: 'unmappable', message: 'Magento order: state is missing' });
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
