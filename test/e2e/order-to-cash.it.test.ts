// Order-to-cash through all five services, as child processes, on the real broker and registry, against the
// simulators — the sandbox of `npm start` under a unique namespace. Counted, not eyeballed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../infra/sandbox/sandbox';
import { testStack, uniqueName } from '../support/env';
import {
  deliveryEvidence,
  expectCleanPhase,
  expectFulfilledInMagento,
  expectM3OrderOf,
  expectPostedOnce,
  openBatchOrders,
} from './checks';
import { waitDrained } from './drained';
import { topicAdmin } from '@m3mage/topics';
import type { Timeline } from '../../infra/timeline/lookup';
import {
  dlqDepth,
  dlqMessages,
  m3OrdersByCuor,
  readToEnd,
  replayTopic,
  serviceLogTails,
  spawnTool,
  toolEnv,
  topicKeys,
  waitFor,
  type RawRecord,
  e2eServiceEnv,
} from './support';

const ns = `${uniqueName('e2e')}.`;

/** Which of `ids` M3 does not have yet, how far each got (Magento, each topic), the DLQs and the services' last words. */
const missing = async (sb: Sandbox, ids: string[], m: Map<string, unknown>): Promise<string> => {
  const absent = ids.filter((id) => !m.has(id));
  const brokers = testStack().brokers;
  const stages = ['cdc.magento.order.v1', 'cmd.m3.customer-order.v1', 'xref.order.v1'];
  const seenOn = await Promise.all(
    stages.map((t) => topicKeys(brokers, `${ns}${t}`).catch((e: unknown) => new Set([`(unreadable: ${String(e)})`]))),
  );
  const where = absent.slice(0, 10).map((id) => {
    const o = sb.magento.state.orderByIncrementId(id);
    const on = stages.filter((_, i) => seenOn[i]!.has(id));
    return `${id}(${o ? `magento ${o.status} ${o.updated_at}` : 'not in Magento'}; on ${on.join(', ') || 'no topic'})`;
  });
  const dlq = await dlqDepth(brokers, ns).catch((e: unknown) => String(e));
  return `${absent.length} of ${ids.length} missing: ${where.join(', ')}; DLQ ${JSON.stringify(dlq)}\n${serviceLogTails(sb)}`;
};

const brokers = (): string[] => testStack().brokers;
const clean = (sb: Sandbox, phase: string) => expectCleanPhase(sb, brokers(), ns, phase);

/** One M3 customer per e-mail. */
const expectCustomersOnce = (sb: Sandbox, emails: Iterable<string>): void => {
  for (const email of new Set([...emails].map((e) => e.toLowerCase()))) {
    const matches = [...sb.m3.state.customers.values()].filter((c) => c.rec.MAIL?.toLowerCase() === email);
    expect(matches, `M3 customers with ${email}`).toHaveLength(1);
  }
};

describe('order-to-cash end to end', () => {
  let sb: Sandbox;
  const placed: string[] = [];
  const startedAt = Date.now();
  const tools = () => toolEnv(sb, ns);

  beforeAll(async () => {
    sb = await startSandbox({
      connection: testStack(),
      dir: mkdtempSync(join(tmpdir(), 'e2e-')),
      namespace: ns,
      servicePorts: 'free',
      logLevel: 'warn',
      magento: {
        sizes: { customers: 80, products: 40, orders: 0, sources: 3 },
        delivery: { duplicateRate: 1, dropRate: 0.1, retryBackoffMs: 100 },
      },
      m3: { bodDelivery: { outOfOrder: { window: 4, maxHoldMs: 300 }, duplicateRate: 0.3 } },
      serviceEnv: e2eServiceEnv({
        'magento-ingest': { POLL_INTERVAL_MS: '1000', POLL_OVERLAP_MS: '5000' },
        'm3-writer': { M3_BREAKER_RESET_MS: '2000', M3_BREAKER_VOLUME: '3', M3_TIMEOUT_MS: '3000' },
      }),
    });
  }, 300_000);

  afterAll(async () => {
    await sb?.stop();
  });

  it('200 orders, every webhook delivered twice and 10 % dropped: exactly 200 confirmed M3 orders, each customer once', async () => {
    const orders = sb.magento.placeOrders(200);
    placed.push(...orders.map((o) => o.increment_id));
    await waitFor(
      '200 confirmed M3 orders',
      () => m3OrdersByCuor(sb),
      (m) => placed.every((id) => m.has(id)),
      240_000,
      (m) => missing(sb, placed, m),
    );
    await clean(sb, 'the first 200 orders');
    expect(placed.filter((id) => m3OrdersByCuor(sb).has(id))).toHaveLength(200);
    expect(orders.some((o) => o.customer_is_guest === 1)).toBe(true);
    expect(orders.some((o) => o.customer_is_guest === 0)).toBe(true);
    for (const o of orders) expectM3OrderOf(sb, o);
    expectCustomersOnce(
      sb,
      orders.map((o) => o.customer_email),
    );

    // The faults configured happened: Magento sent duplicates and dropped webhooks (the poller caught those).
    const { magento } = await deliveryEvidence(sb);
    console.info(`[e2e] Magento deliveries after 200 orders: ${JSON.stringify(magento)}`);
    expect(magento.duplicates, 'webhooks Magento sent twice').toBeGreaterThan(0);
    expect(magento.dropped, 'webhooks Magento dropped').toBeGreaterThan(0);
  }, 300_000);

  it('fulfilment with BODs out of order and duplicated: every order shipped once with its tracking and invoiced once', async () => {
    const byCuor = m3OrdersByCuor(sb);
    const tracking = new Map<string, string>();
    expect(
      placed.filter((id) => !byCuor.has(id)),
      'orders the previous test left unconfirmed',
    ).toEqual([]);
    for (const id of placed) {
      const orno = byCuor.get(id)!.ORNO;
      tracking.set(id, `1Z${orno}`);
      sb.m3.fulfilment.pick(orno);
      sb.m3.fulfilment.ship(orno, { trackingNumbers: [`1Z${orno}`], carrier: 'UPS' });
      sb.m3.fulfilment.invoice(orno);
    }
    const documentsOf = (entityId: number) =>
      [...sb.magento.state.shipments.values()].some((s) => s.order_id === entityId) &&
      [...sb.magento.state.invoices.values()].some((s) => s.order_id === entityId);
    await waitFor(
      'every order shipped and invoiced in Magento',
      () => placed.filter((id) => documentsOf(sb.magento.state.orderByIncrementId(id)!.entity_id)).length,
      (n) => n === placed.length,
      300_000,
    );
    // Payments: an offline method is paid when Magento registers the invoice, a gateway payment (braintree)
    // is captured by it; each is posted once to M3's ledger (GLS840MI).
    const postedFor = (id: string) =>
      [...sb.m3.state.glBatches.values()].some((b) => b.DESC.includes(id) && b.status === 'updated');
    await waitFor(
      'a GL posting for every order',
      () => placed.filter(postedFor).length,
      (n) => n === placed.length,
      120_000,
    );
    await clean(sb, 'fulfilment');
    for (const id of placed) {
      expectFulfilledInMagento(sb, id, tracking.get(id)!);
      expectPostedOnce(sb, id);
    }
    expect(placed.some((id) => sb.magento.state.orderByIncrementId(id)!.payment.method === 'braintree')).toBe(true);

    const { m3 } = await deliveryEvidence(sb);
    console.info(`[e2e] M3 BOD deliveries after fulfilment: ${JSON.stringify(m3)}`);
    expect(m3.duplicates, 'BODs M3 sent twice').toBeGreaterThan(0);
    expect(m3.overtaken, 'BODs delivered after one queued later').toBeGreaterThan(0);

    // The writer's own idempotency, not only the dedup upstream of it: every Magento command replayed as it
    // was. Each one finds its shipment, invoice or comment already there — nothing new, nothing dead-lettered.
    const replayed = await replayTopic(brokers(), `${ns}cmd.magento.order.v1`);
    expect(replayed, 'Magento commands replayed (a shipment and an invoice per order at least)').toBeGreaterThanOrEqual(
      2 * placed.length,
    );
    await clean(sb, 'the replay of every Magento command');
    for (const id of placed) expectFulfilledInMagento(sb, id, tracking.get(id)!);
  }, 400_000);

  it('m3-writer killed (-9) mid-run and restarted: no lost and no duplicate M3 order', async () => {
    const orders = sb.magento.placeOrders(60);
    const ids = orders.map((o) => o.increment_id);
    const confirmed = () => ids.filter((id) => m3OrdersByCuor(sb).has(id)).length;
    await waitFor('some orders confirmed', confirmed, (n) => n >= 5, 120_000);
    await sb.stopService('m3-writer', 'SIGKILL');
    // Counted once the process is gone: what it finished before the kill, and what was left for the restart.
    const atKill = confirmed();
    const openAtKill = (await openBatchOrders(sb)).length;
    console.info(`[e2e] m3-writer killed with ${atKill} of 60 orders confirmed (${openAtKill} batch orders open)`);
    expect(atKill, 'orders confirmed before the kill').toBeGreaterThanOrEqual(5);
    expect(atKill, 'orders confirmed before the kill').toBeLessThan(60);
    await sb.startService('m3-writer');
    await waitFor(
      'all 60 confirmed after the restart',
      () => m3OrdersByCuor(sb),
      (m) => ids.every((id) => m.has(id)),
      240_000,
      (m) => missing(sb, ids, m),
    );
    await clean(sb, 'the kill -9 of m3-writer');
    for (const o of orders) expectM3OrderOf(sb, o);
    expectCustomersOnce(
      sb,
      orders.map((o) => o.customer_email),
    );
  }, 400_000);

  it('M3 down for 60 s mid-run: nothing dead-lettered, every order completes after recovery', async () => {
    const from = Date.now();
    const to = from + 60_000;
    sb.m3.faults.setProfile({ outages: [{ fromMs: from, toMs: to }] });
    const orders = sb.magento.placeOrders(30);
    const ids = orders.map((o) => o.increment_id);
    await waitFor(
      'all 30 confirmed after the outage',
      () => m3OrdersByCuor(sb),
      (m) => ids.every((id) => m.has(id)),
      240_000,
      (m) => missing(sb, ids, m),
    );
    sb.m3.faults.setProfile({});
    await clean(sb, 'the M3 outage');
    // M3 refused the writer during the outage and answered no MI call in it (the simulator's call log).
    const mi = sb.m3.recorder.list().filter((c) => c.path.includes('/m3api-rest/') && c.at >= from && c.at < to);
    expect(mi.filter((c) => c.status === 503).length, 'MI calls refused in the outage').toBeGreaterThan(0);
    expect(
      mi.filter((c) => c.status < 300),
      'MI calls answered in the outage',
    ).toEqual([]);
    for (const o of orders) expectM3OrderOf(sb, o);
  }, 400_000);

  it('a card number typed into a street line is masked on every topic and in M3', async () => {
    const pan = '4539 1488 0343 6467';
    const [order] = sb.magento.placeOrders(1, { street: [`Leave at door, card ${pan}`, 'Storgatan 12'] });
    const id = order!.increment_id;
    await waitFor('the order confirmed in M3', () => m3OrdersByCuor(sb).has(id), Boolean, 120_000);
    await clean(sb, 'the order with a card number');

    const digits = /4539[ -]?1488[ -]?0343[ -]?6467/;
    const admin = topicAdmin(brokers(), 'e2e-pan');
    await admin.connect();
    const topics = (await admin.listTopics().finally(() => admin.disconnect())).filter((t) => t.startsWith(ns));
    const records = await readToEnd(brokers(), topics);
    const bytesOf = (r: RawRecord) =>
      [r.key, r.value, ...r.headers.map((h) => h.value)].map((b) => b?.toString('latin1') ?? '');
    const leaks = records.filter((r) => bytesOf(r).some((b) => digits.test(b)));
    expect(
      leaks.map((r) => `${r.topic}/${r.partition}@${r.offset}`),
      'records carrying the card number',
    ).toEqual([]);
    // Not vacuous: the order went through with the number masked (last four kept) on the way to M3 (where
    // the street is re-flowed into lines of 36, so the mask may be split across two).
    const masked = records.filter((r) => bytesOf(r).some((b) => b.includes('**** **** ****')));
    expect([...new Set(masked.map((r) => r.topic.slice(ns.length)))]).toEqual(
      expect.arrayContaining(['cdc.magento.order.v1', 'cmd.m3.customer-order.v1']),
    );
    const adr = m3OrdersByCuor(sb)
      .get(id)!
      .addresses.find((a) => String(a.ADRT).trim() === '1')!;
    const street = ['CUA1', 'CUA2', 'CUA3', 'CUA4'].map((k) => String(adr[k] ?? '')).join(' ');
    expect(street).toContain('6467');
    expect(street).not.toMatch(digits);
    // Magento keeps what the shopper typed: the integration never writes addresses back.
    expect(sb.magento.state.orderByIncrementId(id)!.billing_address.street[0]).toContain(pan);
  }, 200_000);

  it('a shadow replay of every order event so far: an empty diff and not one write to M3 or Magento', async () => {
    await waitDrained(sb, brokers(), ns, 120_000);
    const t0 = Date.now();
    const run = spawnTool(
      'infra/replay/cli.ts',
      ['--topic', 'cdc.magento.order.v1', '--from', new Date(startedAt - 60_000).toISOString(), '--shadow'],
      tools(),
    );
    expect(await run.exit, `${run.stderr}\n${run.stdout.slice(-2000)}`).toBe(0);
    const summary = /^diff: .*$/m.exec(run.stdout)?.[0];
    console.info(`[e2e] shadow replay: ${summary}`);
    expect(summary, run.stdout.slice(-2000)).toMatch(/^diff: \d+ same, 0 changed, 0 new, 0 gone, 0 failing/);
    expect(Number(/^diff: (\d+) same/.exec(summary ?? '')?.[1]), 'commands compared').toBeGreaterThanOrEqual(300);
    // Writes: MI transactions that change M3, and any Magento call but a read.
    const m3Writes = sb.m3.recorder
      .list({ pathPrefix: '/m3api-rest' })
      .filter((c) => c.at >= t0 && /\/(Add|Chg|Upd|Del|Confirm|Set|Crt)\w*$/.test(c.path));
    const magentoWrites = sb.magento.recorder.list().filter((c) => c.at >= t0 && c.method !== 'GET');
    expect(
      m3Writes.map((c) => c.path),
      'M3 writes during the shadow replay',
    ).toEqual([]);
    expect(
      magentoWrites.map((c) => `${c.method} ${c.path}`),
      'Magento writes during the shadow replay',
    ).toEqual([]);
  }, 180_000);

  it('bad input gets the documented 4xx or an actionable dead letter, and other orders still flow', async () => {
    const ingest = sb.serviceUrl('magento-ingest');
    const post = (url: string, body: string, headers: Record<string, string>) =>
      fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
    const hmac = (body: string) =>
      `sha256=${createHmac('sha256', sb.secrets.webhookHmacSecret).update(body).digest('hex')}`;
    const good = sb.magento.placeOrders(5).map((o) => o.increment_id);

    const forged = await post(
      `${ingest}/webhooks/adobe-commerce`,
      JSON.stringify({ eventName: 'sales_order_save_after', data: { order: { increment_id: '1' } } }),
      {
        'x-adobe-commerce-webhook-signature': Buffer.from('forged').toString('base64'),
      },
    );
    // Commerce never gets a status that would abort the store action; the refusal is named in a header.
    expect(forged.status).toBe(200);
    expect(forged.headers.get('x-ingest-outcome')).toMatch(/^unauthorized: /);
    const malformed = '{"event":"sales_order_save_after","data":{';
    const bad = await post(`${ingest}/webhooks/generic`, malformed, { 'x-webhook-signature': hmac(malformed) });
    expect(bad.status).toBe(400);
    const noToken = await fetch(`${sb.serviceUrl('m3-ion-ingest')}/ion/bod`, {
      method: 'POST',
      body: '<x/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(noToken.status).toBe(401);
    const badXml = await fetch(`${sb.serviceUrl('m3-ion-ingest')}/ion/bod`, {
      method: 'POST',
      body: '<SyncShipment><unclosed>',
      headers: { 'content-type': 'application/xml', authorization: `Bearer ${sb.secrets.bodToken}` },
    });
    expect(badXml.status).toBe(400);

    // A full order as a generic webhook delivers it: one with an item M3 does not know, one without e-mail.
    const template = JSON.parse(JSON.stringify(sb.magento.state.orderByIncrementId(good[0]!))) as Record<
      string,
      unknown
    > & { items: Array<{ sku: string }> };
    const unknownSku = {
      ...template,
      entity_id: 990001,
      increment_id: 'E2E-BADSKU-1',
      items: template.items.map((i, n) => (n === 0 ? { ...i, sku: 'NO-SUCH-ITEM' } : i)),
    };
    const noEmail = {
      ...template,
      entity_id: 990002,
      increment_id: 'E2E-NOMAIL-1',
      customer_email: null,
      billing_address: { ...(template.billing_address as object), email: null },
    };
    const answers: Array<{ status: number; body: unknown }> = [];
    for (const order of [unknownSku, noEmail]) {
      const body = JSON.stringify({
        event: 'sales_order_save_after',
        id: `e2e-${String(order.increment_id)}`,
        data: order,
      });
      const res = await post(`${ingest}/webhooks/generic`, body, { 'x-webhook-signature': hmac(body) });
      answers.push({ status: res.status, body: await res.json() });
    }
    // Both are valid Magento orders: magento-ingest takes them (e-mail is optional in its mapping, README
    // "Mapping": null if absent); the transformer refuses the one without e-mail (M3 customers are found and
    // created by e-mail) and m3-writer the unknown item, each as a MAPPING_UNMAPPABLE / M3 dead letter.
    expect(answers).toEqual([
      { status: 200, body: { status: 'produced', incrementId: 'E2E-BADSKU-1' } },
      { status: 200, body: { status: 'produced', incrementId: 'E2E-NOMAIL-1' } },
    ]);

    await waitFor(
      'the good orders confirmed',
      () => good.filter((id) => m3OrdersByCuor(sb).has(id)).length,
      (n) => n === good.length,
      120_000,
    );
    const letters = await waitFor(
      'dead letters naming the unknown item and the missing e-mail',
      () => dlqMessages(brokers(), ns),
      (l) => l.some((m) => m.key === 'E2E-BADSKU-1') && l.some((m) => m.key === 'E2E-NOMAIL-1'),
      120_000,
    );
    await waitDrained(sb, brokers(), ns, 120_000);
    expect(await dlqDepth(brokers(), ns), 'dead letters after the bad input').toEqual({
      'magento-ingest': 0,
      'm3-ion-ingest': 0,
      transformer: 1,
      'm3-writer': 1,
      'magento-writer': 0,
    });
    const badSku = letters.find((m) => m.key === 'E2E-BADSKU-1')!;
    expect(badSku.topic).toBe(`${ns}m3-writer.dlq`);
    expect(badSku.headers['x-error-message']).toContain('NO-SUCH-ITEM');
    expect(badSku.headers['x-original-topic']).toBe(`${ns}cmd.m3.customer-order.v1`);
    const noMail = letters.find((m) => m.key === 'E2E-NOMAIL-1')!;
    expect(noMail.topic).toBe(`${ns}transformer.dlq`);
    expect(noMail.headers['x-error-code']).toBe('MAPPING_UNMAPPABLE');
    expect(noMail.headers['x-error-message']).toContain('customer.email: the order has no customer e-mail');
    expect(m3OrdersByCuor(sb).has('E2E-BADSKU-1')).toBe(false);
    expect(m3OrdersByCuor(sb).has('E2E-NOMAIL-1')).toBe(false);
    expect(await openBatchOrders(sb), 'open (orphan) M3 batch orders after the bad input').toEqual([]);
  }, 300_000);

  it('the timeline of an order that went through retry, DLQ and redrive shows every step', async () => {
    // A person creates the missing item in M3 (MMS001, with a balance in every warehouse), then redrives.
    sb.m3.state.putItem({
      STAT: '20',
      ITNO: 'NO-SUCH-ITEM',
      ITDS: 'Created after the dead letter',
      UNMS: 'PCS',
      ITTY: 'FIN',
      ITGR: 'WEB',
      ITCL: 'A',
      RESP: 'E2E',
      LMDT: sb.m3.state.today(),
      _PRICE: '10.00',
    });
    for (const whlo of sb.m3.state.warehouses.keys())
      sb.m3.state.balances.set(sb.m3.state.balanceKey(whlo, 'NO-SUCH-ITEM'), {
        WHLO: whlo,
        ITNO: 'NO-SUCH-ITEM',
        STQT: 100,
        ALQT: 0,
        WHSL: 'A-01-01',
        BANO: '',
      });
    const redrive = spawnTool(
      'infra/topics/dlq/cli.ts',
      ['replay', '--service', 'm3-writer', '--key', 'E2E-BADSKU-1'],
      tools(),
    );
    expect(await redrive.exit, `${redrive.stderr}\n${redrive.stdout}`).toBe(0);
    await waitFor('E2E-BADSKU-1 confirmed in M3', () => m3OrdersByCuor(sb).has('E2E-BADSKU-1'), Boolean, 120_000);
    await waitDrained(sb, brokers(), ns, 120_000);

    const run = spawnTool('infra/timeline/cli.ts', ['E2E-BADSKU-1', '--json'], tools());
    expect(await run.exit, run.stderr).toBe(0);
    const timeline = JSON.parse(run.stdout) as Timeline;
    const topics = timeline.steps.map((s) => s.topic);
    const first = (pred: (t: string) => boolean) => topics.findIndex(pred);
    const change = first((t) => t === 'cdc.magento.order.v1');
    const command = first((t) => t === 'cmd.m3.customer-order.v1');
    const retry = first((t) => t.startsWith('m3-writer.retry.'));
    const dead = first((t) => t === 'm3-writer.dlq');
    const redriven = timeline.steps.findIndex(
      (s, i) => i > dead && s.topic === 'cmd.m3.customer-order.v1' && s.facts.replayedFrom !== undefined,
    );
    const xref = first((t) => t === 'xref.order.v1');
    for (const [name, at] of Object.entries({ change, command, retry, dead, redriven, xref }))
      expect(at, `${name} in the timeline: ${topics.join(' → ')}`).toBeGreaterThanOrEqual(0);
    // In the order it happened.
    expect([change, command, retry, dead, redriven, xref], topics.join(' → ')).toEqual(
      [change, command, retry, dead, redriven, xref].sort((a, b) => a - b),
    );
    expect(timeline.steps[dead]?.summary).toContain('NO-SUCH-ITEM');
    expect(timeline.steps.slice(1).every((s) => typeof s.hopMs === 'number')).toBe(true);
    expect(timeline.outcome.orno, timeline.outcome.text).toBe(m3OrdersByCuor(sb).get('E2E-BADSKU-1')?.ORNO);
    // The M3 dead letter, redriven; the order was only ever a webhook (not in Magento), so M3's confirmation
    // comment back to Magento is dead-lettered by magento-writer (MAGENTO_NOT_FOUND) — also in the timeline.
    expect(
      timeline.outcome.deadLetters.map(
        (d) => `${d.topic} ${d.errorCode} ${d.redrivenAt ? 'redriven' : 'not redriven'}`,
      ),
      timeline.outcome.text,
    ).toEqual(['m3-writer.dlq MAPPING_NOT_YET redriven', 'magento-writer.dlq MAGENTO_NOT_FOUND not redriven']);
    // M3's side of the order is followed through its ORNO.
    expect(timeline.keys.map((k) => k.role)).toContain('orno');
  }, 300_000);
});
