import OAuth from 'oauth-1.0a';
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { MagentoSimulator } from '../src/index';
import { adminToken, build } from './support';

let sim: MagentoSimulator | undefined;
afterEach(async () => sim?.close());

describe('Magento error bodies and status codes (FORMAT-NOTES 28–29)', () => {
  it('401 without credentials names the ACL resource', async () => {
    ({ sim } = build());
    const res = await sim.app.inject({ url: '/rest/default/V1/orders/1' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      message: "The consumer isn't authorized to access %resources.",
      parameters: { resources: 'Magento_Sales::actions_view' },
    });
  });

  it('404 for a missing order, customer and product, and for an unknown route', async () => {
    ({ sim } = build());
    const token = await adminToken(sim);
    const h = { authorization: `Bearer ${token}` };
    const order = await sim.app.inject({ url: '/rest/V1/orders/9999', headers: h });
    expect(order.statusCode).toBe(404);
    expect(order.json()).toEqual({
      message: "The entity that was requested doesn't exist. Verify the entity and try again.",
      parameters: [],
    });
    const customer = await sim.app.inject({ url: '/rest/V1/customers/4242', headers: h });
    expect(customer.statusCode).toBe(404);
    expect(customer.json()).toEqual({
      message: 'No such entity with %fieldName = %fieldValue',
      parameters: { fieldName: 'customerId', fieldValue: 4242 },
    });
    const product = await sim.app.inject({ url: '/rest/V1/products/NOPE', headers: h });
    expect(product.json<{ message: string }>().message).toBe(
      "The product that was requested doesn't exist. Verify the product and try again.",
    );
    const route = await sim.app.inject({ url: '/rest/V1/no/such/route', headers: h });
    expect(route.statusCode).toBe(404);
    expect(route.json()).toEqual({ message: 'Request does not match any route.', parameters: [] });
  });

  it('400 for malformed JSON and for a missing wrapper field', async () => {
    ({ sim } = build());
    const token = await adminToken(sim);
    const bad = await sim.app.inject({
      method: 'PUT',
      url: '/rest/V1/products/MH-00001',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: '{"product": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toBe('Decoding error: \nSyntax error');
    const missing = await sim.app.inject({
      method: 'PUT',
      url: '/rest/V1/products/MH-00001',
      headers: { authorization: `Bearer ${token}` },
      payload: { sku: 'MH-00001' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toEqual({
      message: '"%fieldName" is required. Enter and try again.',
      parameters: { fieldName: 'product' },
    });
  });

  it('unknown store code is refused; default, all and none are accepted', async () => {
    ({ sim } = build());
    const h = { authorization: `Bearer ${await adminToken(sim)}` };
    expect((await sim.app.inject({ url: '/rest/all/V1/orders/1', headers: h })).statusCode).toBe(200);
    expect((await sim.app.inject({ url: '/rest/V1/orders/1', headers: h })).statusCode).toBe(200);
    expect((await sim.app.inject({ url: '/rest/nostore/V1/orders/1', headers: h })).statusCode).toBe(404);
  });
});

describe('admin token', () => {
  it('returns a bare JSON string and expires after 4 hours (injected clock)', async () => {
    const b = build();
    sim = b.sim;
    const res = await sim.app.inject({
      method: 'POST',
      url: '/rest/V1/integration/admin/token',
      payload: { username: 'admin', password: sim.credentials.admin.password },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toMatch(/^"[\w-]+\.[\w-]+\.[\w-]+"$/);
    const h = { authorization: `Bearer ${res.json<string>()}` };
    b.advance(4 * 3600 * 1000 - 1);
    expect((await sim.app.inject({ url: '/rest/V1/orders/1', headers: h })).statusCode).toBe(200);
    b.advance(1);
    const expired = await sim.app.inject({ url: '/rest/V1/orders/1', headers: h });
    expect(expired.statusCode).toBe(401);
    expect(expired.json<{ message: string }>().message).toBe("The consumer isn't authorized to access %resources.");
  });

  it('refuses wrong credentials (401) and missing fields (400)', async () => {
    ({ sim } = build());
    const wrong = await sim.app.inject({
      method: 'POST',
      url: '/rest/V1/integration/admin/token',
      payload: { username: 'admin', password: 'nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json<{ message: string }>().message).toMatch(/^The account sign-in was incorrect/);
    const missing = await sim.app.inject({ method: 'POST', url: '/rest/V1/integration/admin/token', payload: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ parameters: { fieldName: 'username' } });
  });
});

describe('integration bearer token', () => {
  it('is refused by default and accepted with integrationAsBearer (switchable at run time)', async () => {
    ({ sim } = build());
    const h = { authorization: `Bearer ${sim.credentials.integration.accessToken}` };
    expect((await sim.app.inject({ url: '/rest/V1/orders/1', headers: h })).statusCode).toBe(401);
    await sim.app.inject({ method: 'PUT', url: '/_control/settings', payload: { integrationAsBearer: true } });
    expect((await sim.app.inject({ url: '/rest/V1/orders/1', headers: h })).statusCode).toBe(200);
  });
});

describe('OAuth 1.0a (HMAC-SHA256)', () => {
  const client = (s: MagentoSimulator, secret = s.credentials.integration.consumerSecret) =>
    new OAuth({
      consumer: { key: s.credentials.integration.consumerKey, secret },
      signature_method: 'HMAC-SHA256',
      hash_function: (base, key) => createHmac('sha256', key).update(base).digest('base64'),
    });
  const signed = (s: MagentoSimulator, oauth: OAuth, url: string, method = 'GET') => {
    const token = { key: s.credentials.integration.accessToken, secret: s.credentials.integration.accessTokenSecret };
    return oauth.toHeader(oauth.authorize({ url: `http://localhost${url}`, method }, token)).Authorization;
  };

  it('accepts a correctly signed request, query parameters included', async () => {
    ({ sim } = build({ now: () => Date.now() }));
    const url =
      '/rest/V1/orders?searchCriteria[filter_groups][0][filters][0][field]=state&searchCriteria[filter_groups][0][filters][0][value]=new';
    const res = await sim.app.inject({ url, headers: { authorization: signed(sim, client(sim), url) } });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ total_count: number }>().total_count).toBeGreaterThan(0);
  });

  it('rejects a bad signature, a reused nonce and a stale timestamp', async () => {
    let skew = 0; // the simulator's clock runs ahead of the client's by `skew`
    ({ sim } = build({ now: () => Date.now() + skew }));
    const url = '/rest/V1/orders/1';
    const forged = signed(sim, client(sim, 'wrong-secret'), url);
    const bad = await sim.app.inject({ url, headers: { authorization: forged } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json<{ message: string }>().message).toBe('The signature is invalid. Verify and try again.');

    const header = signed(sim, client(sim), url);
    expect((await sim.app.inject({ url, headers: { authorization: header } })).statusCode).toBe(200);
    const replay = await sim.app.inject({ url, headers: { authorization: header } });
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toEqual({
      message: 'The nonce is already being used by the consumer with ID %1',
      parameters: [1],
    });

    skew = 11 * 60 * 1000;
    const stale = await sim.app.inject({ url, headers: { authorization: signed(sim, client(sim), url) } });
    expect(stale.statusCode).toBe(400);
    expect(stale.json<{ message: string }>().message).toBe(
      'Incorrect timestamp value in the oauth_timestamp parameter',
    );
  });
});
