// Order-to-cash through all five services, as child processes, on the real broker and registry, against the
// simulators — the sandbox of `npm start` under a unique namespace. Counted, not eyeballed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { parseI1 } from '@m3mage/simulators/m3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../infra/sandbox/sandbox';
import { testStack, uniqueName } from '../support/env';
import { dlqDepth, dlqMessages, m3OrdersByCuor, serviceLogTails, topicKeys, waitFor } from './support';

const ns = `${uniqueName('e2e')}.`;
const fast = {
  RETRY_DELAYS_MS: '300,1000,2000',
  LOG_LEVEL: 'warn',
};

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

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

describe('order-to-cash end to end', () => {
  let sb: Sandbox;
  const placed: string[] = [];

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
      serviceEnv: {
        'magento-ingest': { ...fast, POLL_INTERVAL_MS: '1000', POLL_OVERLAP_MS: '5000' },
        'm3-ion-ingest': fast,
        transformer: fast,
        'm3-writer': { ...fast, M3_BREAKER_RESET_MS: '2000', M3_BREAKER_VOLUME: '3', M3_TIMEOUT_MS: '3000' },
        'magento-writer': fast,
      },
    });
  }, 300_000);

  afterAll(async () => {
    await sb?.stop();
  });

  it('200 orders, every webhook delivered twice and 10 % dropped: exactly 200 confirmed M3 orders, each customer once', async () => {
    const orders = sb.magento.placeOrders(200);
    placed.push(...orders.map((o) => o.increment_id));
    const byCuor = await waitFor(
      '200 confirmed M3 orders',
      () => m3OrdersByCuor(sb),
      (m) => placed.every((id) => m.has(id)),
      240_000,
      (m) => missing(sb, placed, m),
    );
    expect([...byCuor.keys()].filter((k) => k.includes('#dup'))).toEqual([]);
    expect(placed.filter((id) => byCuor.has(id))).toHaveLength(200);
    expect(await dlqDepth(testStack().brokers, ns), 'dead letters of 200 valid orders').toEqual({
      'magento-ingest': 0,
      transformer: 0,
      'm3-writer': 0,
      'magento-writer': 0,
    });
    expect(orders.some((o) => o.customer_is_guest === 1)).toBe(true);
    expect(orders.some((o) => o.customer_is_guest === 0)).toBe(true);

    for (const o of orders) {
      const m3 = byCuor.get(o.increment_id)!;
      const lines = m3.lines.map((l) => [l.ITNO, l.ORQT, l.SAPR]).sort();
      const expected = o.items.map((i) => [i.sku, i.qty_ordered, i.price]).sort();
      expect(lines, `lines of ${o.increment_id}`).toEqual(expected);
      const customer = sb.m3.state.customers.get(String(m3.head.CUNO).trim());
      expect(customer?.rec.MAIL?.toLowerCase(), `customer of ${o.increment_id}`).toBe(o.customer_email.toLowerCase());
      const shipTo = o.extension_attributes.shipping_assignments[0]!.shipping.address;
      const adr = m3.addresses.find((a) => String(a.ADRT).trim() === '1');
      expect(adr, `ship-to of ${o.increment_id}`).toBeDefined();
      const m3Street = norm(['CUA1', 'CUA2', 'CUA3', 'CUA4'].map((k) => String(adr![k] ?? '')).join(' '));
      expect(m3Street).toContain(norm(shipTo.street.join(' ')).slice(0, 30));
    }
    const emails = new Set(orders.map((o) => o.customer_email.toLowerCase()));
    for (const email of emails) {
      const matches = [...sb.m3.state.customers.values()].filter((c) => c.rec.MAIL?.toLowerCase() === email);
      expect(matches, `M3 customers with ${email}`).toHaveLength(1);
    }
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
    const shipmentsOf = (entityId: number) =>
      [...sb.magento.state.shipments.values()].filter((s) => s.order_id === entityId);
    const invoicesOf = (entityId: number) =>
      [...sb.magento.state.invoices.values()].filter((s) => s.order_id === entityId);
    await waitFor(
      'every order shipped and invoiced in Magento',
      () =>
        placed.filter((id) => {
          const o = sb.magento.state.orderByIncrementId(id)!;
          return shipmentsOf(o.entity_id).length > 0 && invoicesOf(o.entity_id).length > 0;
        }).length,
      (n) => n === placed.length,
      300_000,
    );
    await sb.magento.idle();
    for (const id of placed) {
      const o = sb.magento.state.orderByIncrementId(id)!;
      const shipments = shipmentsOf(o.entity_id);
      expect(shipments, `shipments of ${id}`).toHaveLength(1);
      expect(JSON.stringify(shipments[0])).toContain(tracking.get(id));
      expect(invoicesOf(o.entity_id), `invoices of ${id}`).toHaveLength(1);
    }
    expect([...sb.magento.state.corruptions.values()]).toEqual([]);

    // Payments: an offline method is paid when Magento registers the invoice, and each payment is posted
    // once to M3's ledger (GLS840MI) with its amount; a gateway payment (braintree) is captured by the invoice
    // (capture on invoice) and posted too.
    const batchesOf = (id: string) => [...sb.m3.state.glBatches.values()].filter((b) => b.DESC.includes(id));
    const paid = placed.filter((id) => (sb.magento.state.orderByIncrementId(id)!.total_paid ?? 0) > 0);
    expect(
      placed.filter((id) => !paid.includes(id)),
      'orders invoiced but not paid',
    ).toEqual([]);
    expect(placed.some((id) => sb.magento.state.orderByIncrementId(id)!.payment.method === 'braintree')).toBe(true);
    await waitFor(
      'a GL posting for every paid order',
      () => paid.filter((id) => batchesOf(id).some((b) => b.status === 'updated')).length,
      (n) => n === paid.length,
      120_000,
    );
    for (const id of placed) {
      const o = sb.magento.state.orderByIncrementId(id)!;
      const batches = batchesOf(id);
      if (!o.total_paid) {
        expect(batches, `GL postings of unpaid ${id}`).toHaveLength(0);
        continue;
      }
      expect(batches, `GL postings of ${id}`).toHaveLength(1);
      const amounts = [...batches[0]!.lines.values()].map((l) => parseI1(l).CUAM);
      expect(
        amounts.sort((a, b) => a - b),
        `GL amounts of ${id}`,
      ).toEqual([-o.total_paid, o.total_paid]);
    }
  }, 400_000);

  it('m3-writer killed (-9) mid-run and restarted: no lost and no duplicate M3 order', async () => {
    const orders = sb.magento.placeOrders(60).map((o) => o.increment_id);
    await waitFor(
      'some orders confirmed',
      () => orders.filter((id) => m3OrdersByCuor(sb).has(id)).length,
      (n) => n >= 5,
      120_000,
    );
    await sb.stopService('m3-writer', 'SIGKILL');
    await sb.startService('m3-writer');
    const byCuor = await waitFor(
      'all 60 confirmed after the restart',
      () => m3OrdersByCuor(sb),
      (m) => orders.every((id) => m.has(id)),
      240_000,
      (m) => missing(sb, orders, m),
    );
    expect([...byCuor.keys()].filter((k) => k.includes('#dup'))).toEqual([]);
  }, 400_000);

  it('M3 down for 60 s mid-run: nothing dead-lettered, every order completes after recovery', async () => {
    const before = await dlqDepth(testStack().brokers, ns);
    const from = Date.now();
    sb.m3.faults.setProfile({ outages: [{ fromMs: from, toMs: from + 60_000 }] });
    const orders = sb.magento.placeOrders(30).map((o) => o.increment_id);
    const byCuor = await waitFor(
      'all 30 confirmed after the outage',
      () => m3OrdersByCuor(sb),
      (m) => orders.every((id) => m.has(id)),
      240_000,
      (m) => missing(sb, orders, m),
    );
    expect(Date.now() - from).toBeGreaterThanOrEqual(60_000);
    expect([...byCuor.keys()].filter((k) => k.includes('#dup'))).toEqual([]);
    expect(await dlqDepth(testStack().brokers, ns)).toEqual(before);
    sb.m3.faults.setProfile({});
  }, 400_000);

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
    expect(forged.status).toBe(401);
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
    const answers: number[] = [];
    for (const order of [unknownSku, noEmail]) {
      const body = JSON.stringify({
        event: 'sales_order_save_after',
        id: `e2e-${String(order.increment_id)}`,
        data: order,
      });
      answers.push((await post(`${ingest}/webhooks/generic`, body, { 'x-webhook-signature': hmac(body) })).status);
    }
    expect(answers[0]).toBe(200);
    expect([200, 422]).toContain(answers[1]);

    const letters = await waitFor(
      'dead letters naming the unknown item and the missing e-mail',
      () => dlqMessages(testStack().brokers, ns),
      (l) =>
        l.some((m) => m.key === 'E2E-BADSKU-1') &&
        (answers[1] === 422 || l.some((m) => m.key === 'E2E-NOMAIL-1' && m.topic.endsWith('transformer.dlq'))),
      120_000,
    );
    const badSku = letters.find((m) => m.key === 'E2E-BADSKU-1')!;
    expect(badSku.headers['x-error-message']).toContain('NO-SUCH-ITEM');
    expect(badSku.headers['x-original-topic']).toContain('cmd.m3.customer-order.v1');
    if (answers[1] !== 422)
      expect(
        letters.find((m) => m.key === 'E2E-NOMAIL-1' && m.topic.endsWith('transformer.dlq'))!.headers[
          'x-error-message'
        ],
      ).toMatch(/e-?mail/i);
    await waitFor(
      'the good orders confirmed',
      () => good.filter((id) => m3OrdersByCuor(sb).has(id)).length,
      (n) => n === good.length,
      120_000,
    );
    expect(m3OrdersByCuor(sb).has('E2E-BADSKU-1')).toBe(false);
  }, 300_000);
});
