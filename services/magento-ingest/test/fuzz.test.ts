// Fuzz: generated malformed deliveries (test/support/fuzz.ts) for each inbound endpoint, through the real
// buildApp in-process (inject; the produce is recorded, Kafka is not needed to answer). Most are signed
// correctly so they reach parsing and validation, the rest carry forged or missing signatures. Every answer
// must come within a bound, be JSON and be the client-error answer its sender understands (below 500, or
// Commerce's 200 with x-ingest-outcome); afterwards a real delivery still produces its order.
// Fixed seed in `npm test`; FUZZ_ITERATIONS=100000 (and FUZZ_SEED) for the nightly run.
import { createHmac, createSign, generateKeyPairSync } from 'node:crypto';
import type { DeliveryLogEntry } from '@m3mage/simulators/magento';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzSettings, mutate, Picker, prng, within } from '../../../test/support/fuzz';
import { placeAndDeliver, PATHS, type Mode } from './support/deliveries';
import { harness, HMAC_SECRET, type Harness } from './support/harness';

const { iterations, seed, timeoutMs } = fuzzSettings(250);
const ANSWER_WITHIN_MS = 5_000;
const MODES: Mode[] = ['io-events', 'commerce-webhook', 'generic-webhook'];
const SIGNATURE_HEADERS = ['x-adobe-digital-signature-1', 'x-adobe-commerce-webhook-signature', 'x-webhook-signature'];

let h: Harness;
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const rsa = (data: Buffer | string): string => createSign('SHA256').update(data).sign(keys.privateKey, 'base64');
const valid = new Map<Mode, DeliveryLogEntry>();

/** Headers signed over the exact bytes of `body` with the keys the app trusts. */
function signed(mode: Mode, body: Buffer): Record<string, string> {
  if (mode === 'io-events') return { 'x-adobe-digital-signature-1': rsa(body) };
  if (mode === 'commerce-webhook') return { 'x-adobe-commerce-webhook-signature': rsa(body.toString('base64')) };
  return { 'x-webhook-signature': `sha256=${createHmac('sha256', HMAC_SECRET).update(body).digest('hex')}` };
}

/**
 * Commerce reads only the op of a 200 and aborts the store action on anything else, so it always gets 200 with
 * the refusal in x-ingest-outcome; the other senders read the status (FORMAT-NOTES 46–52). Either way a
 * malformed delivery is a client error (never internal or unavailable), and an unsigned one is refused for
 * its signature or its media type.
 */
function answeredAsSenderExpects(
  mode: Mode,
  auth: 'signed' | 'forged' | 'missing',
  status: number,
  outcome: string | string[] | number | undefined,
  json: boolean,
): boolean {
  if (!json) return false;
  if (mode === 'commerce-webhook') {
    const reason = typeof outcome === 'string' ? outcome.split(':')[0] : 'accepted';
    if (status !== 200 || reason === 'internal' || reason === 'unavailable') return false;
    return auth === 'signed' || reason === 'unauthorized' || reason === 'unsupported_media_type';
  }
  if (status >= 500) return false;
  return auth === 'signed' || status === 401 || status === 415;
}

function send(mode: Mode, body: Buffer, headers: Record<string, string>) {
  return h.http.inject({ method: 'POST', url: PATHS[mode], payload: body, headers });
}

beforeAll(async () => {
  // The simulator's deliveries give the valid shapes; the fuzz signs with keys it holds.
  const source = await harness();
  for (const mode of MODES) valid.set(mode, (await placeAndDeliver(source, mode)).at(-1)!);
  await source.close();
  h = await harness({ WEBHOOK_PUBLIC_KEY: pem, IO_EVENTS_PUBLIC_KEY: pem });
});
afterAll(() => h.close());

describe.each(MODES)(`fuzz %s (${iterations} cases, seed ${seed})`, (mode) => {
  it(
    'answers every malformed delivery as its sender understands, as JSON, within the bound',
    async () => {
      const p = new Picker(prng(seed + MODES.indexOf(mode)));
      const base = valid.get(mode)!;
      const failures: string[] = [];
      const kinds = new Map<string, number>();
      for (let i = 0; i < iterations; i++) {
        const c = mutate(p, base.body, 'json');
        const auth = p.pick(['signed', 'signed', 'signed', 'signed', 'forged', 'missing'] as const);
        const headers: Record<string, string> = {
          'content-type': p.chance(0.9)
            ? 'application/json'
            : p.pick(['application/json; charset=latin1', 'text/plain', 'application/xml', 'application/json;;']),
          ...(auth === 'signed' ? signed(mode, c.body) : {}),
          ...(auth === 'forged'
            ? Object.fromEntries(SIGNATURE_HEADERS.map((k) => [k, base.headers[k] ?? p.bytes(256).toString('base64')]))
            : {}),
        };
        const res = await within(ANSWER_WITHIN_MS, `case ${i} (${c.kind})`, send(mode, c.body, headers));
        const kind = c.kind.replace(/ at .*/, '');
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        let json = true;
        try {
          JSON.parse(res.body);
        } catch {
          json = false;
        }
        if (!answeredAsSenderExpects(mode, auth, res.statusCode, res.headers['x-ingest-outcome'], json))
          failures.push(`seed ${seed} case ${i} ${c.kind} (${auth}): ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
      expect(failures).toEqual([]);
      expect(kinds.size).toBeGreaterThan(8); // the generator really varied the input
    },
    timeoutMs,
  );

  it('still ingests a real delivery afterwards', async () => {
    const before = h.produced.length;
    h.sim.placeOrders(5); // ids beyond the ones the fuzzed bodies carry
    const order = [...h.sim.state.orders.values()].at(-1)!;
    const ids = { entity_id: String(order.entity_id), increment_id: order.increment_id };
    const payloads: Record<Mode, unknown> = {
      'io-events': {
        specversion: '1.0',
        id: `after-fuzz-${order.entity_id}`,
        source: 'urn:uuid:shop',
        type: 'com.adobe.commerce.observer.sales_order_save_after',
        data: { value: ids },
      },
      'commerce-webhook': { subject: [], eventName: 'sales_order_save_after', data: { order } },
      'generic-webhook': { event: 'sales_order_save_after', id: `after-fuzz-${order.entity_id}`, data: order },
    };
    const body = Buffer.from(JSON.stringify(payloads[mode]));
    const res = await send(mode, body, { 'content-type': 'application/json', ...signed(mode, body) });
    expect(res.statusCode).toBe(200);
    expect(h.produced.length).toBe(before + 1);
    expect(h.produced.at(-1)?.key).toBe(order.increment_id);
  });
});
