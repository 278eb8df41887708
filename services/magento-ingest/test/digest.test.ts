// HTTP Digest (RFC 7616) on the generic webhook endpoint: the RFC's own test vectors, the challenge →
// response round trip an RFC client makes, stale and forged nonces, and the pre-computed MD5 header of the
// Mageplaza Webhook module (static nonce, empty uri).
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { digestChallenges, issueNonce, NONCE_TTL_MS, parseDigest, verifyDigest } from '../src/auth/digest';
import { GENERIC_WEBHOOK_PATH } from '../src/routes/generic-webhook.route';
import { harness, hmac, HMAC_SECRET, T0, type Harness } from './support/harness';

// RFC 7616 §3.9.1.
const RFC = {
  user: 'Mufasa',
  password: 'Circle of Life',
  realm: 'http-auth@example.org',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  uri: '/dir/index.html',
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
};
const rfcHeader = (algorithm: string, response: string) =>
  `Digest username="${RFC.user}", realm="${RFC.realm}", uri="${RFC.uri}", algorithm=${algorithm}, ` +
  `nonce="${RFC.nonce}", nc=00000001, cnonce="${RFC.cnonce}", qop=auth, response="${response}", opaque="${RFC.opaque}"`;
const rfcSettings = { user: RFC.user, password: RFC.password, realm: RFC.realm, staticNonce: RFC.nonce };

const hash = (alg: 'md5' | 'sha256', s: string) => createHash(alg).update(s).digest('hex');

/** What an RFC 7616 client computes from a challenge. */
function answer(
  challenge: string,
  c: { user: string; password: string; method: string; uri: string; cnonce?: string },
): string {
  const p = parseDigest(challenge)!;
  const alg = p.algorithm === 'SHA-256' ? 'sha256' : 'md5';
  const cnonce = c.cnonce ?? 'client-nonce-1';
  const ha1 = hash(alg, `${c.user}:${p.realm}:${c.password}`);
  const ha2 = hash(alg, `${c.method}:${c.uri}`);
  const response = hash(alg, `${ha1}:${p.nonce}:00000001:${cnonce}:auth:${ha2}`);
  return (
    `Digest username="${c.user}", realm="${p.realm}", nonce="${p.nonce}", uri="${c.uri}", algorithm=${p.algorithm}, ` +
    `qop=auth, nc=00000001, cnonce="${cnonce}", response="${response}", opaque="${p.opaque}"`
  );
}

describe('verifyDigest', () => {
  const req = (authorization: string) => ({ method: 'GET', url: RFC.uri, authorization, now: T0 });

  it('accepts the RFC 7616 §3.9.1 responses (SHA-256 and MD5)', () => {
    expect(
      verifyDigest(
        rfcSettings,
        req(rfcHeader('SHA-256', '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1')),
      ),
    ).toEqual({ ok: true });
    expect(verifyDigest(rfcSettings, req(rfcHeader('MD5', '8ca523f5e9506fed4657c9700eebdbec')))).toEqual({ ok: true });
  });

  it('refuses a wrong response, an unknown algorithm and a nonce it did not issue', () => {
    expect(verifyDigest(rfcSettings, req(rfcHeader('MD5', '0'.repeat(32))))).toEqual({
      ok: false,
      reason: 'wrong Digest credentials',
    });
    expect(verifyDigest(rfcSettings, req(rfcHeader('SHA-512-256', 'x')))).toMatchObject({
      ok: false,
      reason: 'Digest algorithm SHA-512-256 is not supported',
    });
    const { staticNonce: _none, ...issuedOnly } = rfcSettings;
    expect(verifyDigest(issuedOnly, req(rfcHeader('MD5', '8ca523f5e9506fed4657c9700eebdbec')))).toEqual({
      ok: false,
      reason: 'Digest nonce was not issued here',
    });
  });

  it('a nonce it issued is valid for its TTL, then stale; its uri must be the request target', () => {
    const s = { user: 'u', password: 'p', realm: 'r' };
    const [challenge] = digestChallenges(s, T0);
    const auth = answer(challenge!, { user: 'u', password: 'p', method: 'POST', uri: '/x' });
    expect(parseDigest(challenge)?.nonce).toBe(issueNonce(s, T0));
    expect(verifyDigest(s, { method: 'POST', url: '/x', authorization: auth, now: T0 + NONCE_TTL_MS })).toEqual({
      ok: true,
    });
    expect(verifyDigest(s, { method: 'POST', url: '/x', authorization: auth, now: T0 + NONCE_TTL_MS + 1 })).toEqual({
      ok: false,
      reason: 'Digest nonce expired',
      stale: true,
    });
    expect(verifyDigest(s, { method: 'POST', url: '/y', authorization: auth, now: T0 })).toMatchObject({
      ok: false,
      reason: 'Digest uri is not the request target',
    });
    // Another password issues other nonces: a nonce is not transferable between credentials.
    expect(
      verifyDigest({ ...s, password: 'q' }, { method: 'POST', url: '/x', authorization: auth, now: T0 }),
    ).toMatchObject({
      ok: false,
      reason: 'Digest nonce was not issued here',
    });
  });
});

describe('generic webhook with Basic/Digest credentials', () => {
  let h: Harness;
  afterEach(() => h.close());

  const delivery = (h: Harness) => {
    const [order] = h.sim.placeOrders(1);
    return {
      order: order!,
      body: JSON.stringify({ event: 'sales_order_save_after', id: `d-${order!.entity_id}`, data: order }),
    };
  };
  const post = (body: string, authorization?: string) =>
    h.http.inject({
      method: 'POST',
      url: GENERIC_WEBHOOK_PATH,
      payload: body,
      headers: {
        'content-type': 'application/json',
        'x-webhook-signature': hmac(HMAC_SECRET, body),
        ...(authorization ? { authorization } : {}),
      },
    });

  it('answers 401 with SHA-256, MD5 and Basic challenges; the answer to a challenge is accepted', async () => {
    h = await harness({ WEBHOOK_BASIC_USER: 'shop', WEBHOOK_BASIC_PASSWORD: 'pa55word' });
    const { order, body } = delivery(h);
    const first = await post(body);
    expect(first.statusCode).toBe(401);
    expect(first.json()).toEqual({ error: 'unauthorized', message: 'missing Basic or Digest credentials' });
    const challenges = first.headers['www-authenticate'] as string[];
    expect(challenges.map((c) => /^(\w+)/.exec(c)?.[1] + ' ' + (parseDigest(c)?.algorithm ?? ''))).toEqual([
      'Digest SHA-256',
      'Digest MD5',
      'Basic ',
    ]);
    expect(challenges[2]).toBe('Basic realm="magento-ingest"');
    for (const challenge of challenges.slice(0, 2)) {
      const auth = answer(challenge, { user: 'shop', password: 'pa55word', method: 'POST', uri: GENERIC_WEBHOOK_PATH });
      const res = await post(body, auth);
      expect(res.statusCode).toBe(200);
    }
    expect(h.produced.map((r) => r.key)).toEqual([order.increment_id]); // the second is the same version
    const wrong = answer(challenges[0]!, {
      user: 'shop',
      password: 'guess',
      method: 'POST',
      uri: GENERIC_WEBHOOK_PATH,
    });
    const refused = await post(body, wrong);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toEqual({ error: 'unauthorized', message: 'wrong Digest credentials' });
    expect(await h.count('generic-webhook', 'unauthorized')).toBe(2);
  });

  it('a nonce it did not issue gets fresh challenges; Basic with the same credentials still works', async () => {
    h = await harness({ WEBHOOK_BASIC_USER: 'shop', WEBHOOK_BASIC_PASSWORD: 'pa55word' });
    const { order, body } = delivery(h);
    const foreign = answer(`Digest realm="magento-ingest", nonce="abc", opaque="o", algorithm=MD5, qop="auth"`, {
      user: 'shop',
      password: 'pa55word',
      method: 'POST',
      uri: GENERIC_WEBHOOK_PATH,
    });
    const res = await post(body, foreign);
    expect(res.statusCode).toBe(401);
    expect(res.json<{ message: string }>().message).toBe('Digest nonce was not issued here');
    expect(parseDigest((res.headers['www-authenticate'] as string[])[0])?.nonce).toBe(
      issueNonce({ user: 'shop', password: 'pa55word', realm: 'magento-ingest' }, T0 + 1000),
    );
    const basic = await post(body, `Basic ${Buffer.from('shop:pa55word').toString('base64')}`);
    expect(basic.statusCode).toBe(200);
    expect(h.produced.map((r) => r.key)).toEqual([order.increment_id]);
  });

  it("accepts Mageplaza's pre-computed MD5 Digest (configured nonce, empty uri), never challenged first", async () => {
    h = await harness({
      WEBHOOK_BASIC_USER: 'shop',
      WEBHOOK_BASIC_PASSWORD: 'pa55word',
      WEBHOOK_DIGEST_REALM: 'shop-hooks',
      WEBHOOK_DIGEST_NONCE: 'typed-into-the-admin-form',
    });
    const { order, body } = delivery(h);
    // Mageplaza Helper/Data.php getDigestAuthHeader: MD5, uri = parse_url($url)[2] (empty).
    const ha1 = hash('md5', 'shop:shop-hooks:pa55word');
    const ha2 = hash('md5', 'POST:');
    const response = hash('md5', `${ha1}:typed-into-the-admin-form:00000001:cn:auth:${ha2}`);
    const auth =
      `Digest username="shop", realm="shop-hooks", nonce="typed-into-the-admin-form", uri="", ` +
      `qop=auth, nc=00000001, cnonce="cn", response="${response}", opaque=""`;
    const res = await post(body, auth);
    expect(res.statusCode).toBe(200);
    expect(h.produced.map((r) => r.key)).toEqual([order.increment_id]);
  });
});
