// What every end-to-end phase must leave behind, and what each order must look like on both sides.
// The checks read the simulators as an operator would: the control API for batch orders and deliveries.
import { parseI1 } from '@m3mage/simulators/m3';
import type { BatchOrderSummary, BodLogEntry } from '@m3mage/simulators/m3';
import type { DeliveryLogEntry, Order as MagentoOrder } from '@m3mage/simulators/magento';
import { expect } from 'vitest';
import type { Sandbox } from '../../infra/sandbox/sandbox';
import { waitDrained } from './drained';
import { dlqDepth, m3OrdersByCuor } from './support';

const NO_DEAD_LETTERS = {
  'magento-ingest': 0,
  'm3-ion-ingest': 0,
  transformer: 0,
  'm3-writer': 0,
  'magento-writer': 0,
};

async function control<T>(base: string, path: string): Promise<T> {
  const res = await fetch(`${base}${path}`);
  expect(res.status, `GET ${path}`).toBe(200);
  return (await res.json()) as T;
}

/** M3 batch orders never released (`GET /_control/state/batch-orders/summary` → open). */
export async function openBatchOrders(sb: Sandbox): Promise<BatchOrderSummary['open']> {
  return (await control<BatchOrderSummary>(sb.m3Url, '/_control/state/batch-orders/summary')).open;
}

/**
 * After a phase: the pipeline drained (the end marker), no dead letter in any DLQ, no batch order left open
 * in M3 (an orphan is an order entry that never became an order), no duplicate M3 order, no corrupted order.
 */
export async function expectCleanPhase(sb: Sandbox, brokers: string[], ns: string, phase: string): Promise<void> {
  await waitDrained(sb, brokers, ns, 120_000);
  expect(await dlqDepth(brokers, ns), `dead letters after ${phase}`).toEqual(NO_DEAD_LETTERS);
  expect(await openBatchOrders(sb), `open (orphan) M3 batch orders after ${phase}`).toEqual([]);
  expect(
    [...m3OrdersByCuor(sb).keys()].filter((k) => k.includes('#dup')),
    `duplicate M3 orders after ${phase}`,
  ).toEqual([]);
  expect([...sb.magento.state.corruptions.values()], `corrupted Magento orders after ${phase}`).toEqual([]);
}

const squashAll = (s: string): string => s.replace(/\s+/g, '');
const codePoints = (s: string): number => [...s].length;

/**
 * The M3 order of a Magento order: its lines, its customer by e-mail, and the whole ship-to street. The
 * transformer re-flows street lines on word boundaries into CUA1..CUA4 of 36 characters and never truncates
 * (services/transformer/README.md): every line fits, and all the text is there in order.
 */
export function expectM3OrderOf(sb: Sandbox, o: MagentoOrder): void {
  const m3 = m3OrdersByCuor(sb).get(o.increment_id);
  expect(m3, `M3 order of ${o.increment_id}`).toBeDefined();
  const lines = m3!.lines.map((l) => [l.ITNO, l.ORQT, l.SAPR]).sort();
  expect(lines, `lines of ${o.increment_id}`).toEqual(o.items.map((i) => [i.sku, i.qty_ordered, i.price]).sort());
  const customer = sb.m3.state.customers.get(String(m3!.head.CUNO).trim());
  expect(customer?.rec.MAIL?.toLowerCase(), `customer of ${o.increment_id}`).toBe(o.customer_email.toLowerCase());
  const street = o.extension_attributes.shipping_assignments[0]!.shipping.address.street;
  const adr = m3!.addresses.find((a) => String(a.ADRT).trim() === '1');
  expect(adr, `ship-to of ${o.increment_id}`).toBeDefined();
  const cua = ['CUA1', 'CUA2', 'CUA3', 'CUA4'].map((k) => String(adr![k] ?? '').trim());
  expect(
    cua.filter((l) => codePoints(l) > 36),
    `ship-to lines of ${o.increment_id} over 36`,
  ).toEqual([]);
  expect(squashAll(cua.join('')), `ship-to street of ${o.increment_id}`).toBe(squashAll(street.join('')));
}

/** Shipped and invoiced once, every line in full (shipment and invoice items against the order lines). */
export function expectFulfilledInMagento(sb: Sandbox, id: string, tracking: string): void {
  const o = sb.magento.state.orderByIncrementId(id)!;
  const shipments = [...sb.magento.state.shipments.values()].filter((s) => s.order_id === o.entity_id);
  const invoices = [...sb.magento.state.invoices.values()].filter((s) => s.order_id === o.entity_id);
  expect(shipments, `shipments of ${id}`).toHaveLength(1);
  expect(
    shipments[0]!.tracks.map((t) => t.track_number),
    `tracking of ${id}`,
  ).toEqual([tracking]);
  expect(invoices, `invoices of ${id}`).toHaveLength(1);
  const ordered = o.items.map((i) => [i.sku, i.qty_ordered]).sort();
  const qtys = (items: Array<{ sku: string; qty: number }>) => items.map((i) => [i.sku, i.qty]).sort();
  expect(qtys(shipments[0]!.items), `shipped quantities of ${id}`).toEqual(ordered);
  expect(qtys(invoices[0]!.items), `invoiced quantities of ${id}`).toEqual(ordered);
  expect(o.items.map((i) => [i.sku, i.qty_shipped, i.qty_invoiced]).sort(), `order line quantities of ${id}`).toEqual(
    o.items.map((i) => [i.sku, i.qty_ordered, i.qty_ordered]).sort(),
  );
  expect(invoices[0]!.grand_total, `invoice total of ${id}`).toBe(o.grand_total);
  expect(o.state, `state of ${id}`).toBe('complete');
}

/**
 * The payment of a fully invoiced order posted once to M3's ledger: one GL batch, updated, its two I1 lines
 * ± the order total, and its vouchers balanced with the same amount.
 */
export function expectPostedOnce(sb: Sandbox, id: string): void {
  const o = sb.magento.state.orderByIncrementId(id)!;
  expect(o.total_paid, `paid of ${id}`).toBe(o.grand_total);
  const batches = [...sb.m3.state.glBatches.values()].filter((b) => b.DESC.includes(id));
  expect(batches, `GL batches of ${id}`).toHaveLength(1);
  expect(batches[0]!.status, `GL batch of ${id}`).toBe('updated');
  const amounts = [...batches[0]!.lines.values()].map((l) => parseI1(l).CUAM).sort((a, b) => a - b);
  expect(amounts, `GL amounts of ${id}`).toEqual([-o.grand_total, o.grand_total]);
  const vouchers = [...sb.m3.state.vouchers.values()].filter((v) => batches[0]!.vouchers.includes(v.VONO));
  expect(vouchers.length, `vouchers of ${id}`).toBeGreaterThan(0);
  const voucherAmounts = vouchers.flatMap((v) => v.lines.map((l) => l.amount)).sort((a, b) => a - b);
  expect(voucherAmounts, `voucher amounts of ${id}`).toEqual([-o.grand_total, o.grand_total]);
}

/** What the simulators' delivery logs say happened: duplicates, drops and reorders, counted. */
export interface DeliveryEvidence {
  magento: { delivered: number; duplicates: number; dropped: number; delayed: number };
  m3: { delivered: number; duplicates: number; overtaken: number };
}

/** Counts from `GET /_control/events` (Magento) and `GET /_control/bods` (M3). */
export async function deliveryEvidence(sb: Sandbox): Promise<DeliveryEvidence> {
  const events = await control<DeliveryLogEntry[]>(sb.magentoUrl, '/_control/events');
  const bods = await control<BodLogEntry[]>(sb.m3Url, '/_control/bods');
  const sent = bods.filter((b) => b.status === 'delivered');
  // A BOD overtaken: delivered after a BOD queued later than it (the queue order is `seq`).
  const byDelivery = [...sent].sort((a, b) => (a.deliveredAt ?? 0) - (b.deliveredAt ?? 0));
  let highestSeq = 0;
  let overtaken = 0;
  for (const b of byDelivery) {
    if (b.seq < highestSeq) overtaken++;
    highestSeq = Math.max(highestSeq, b.seq);
  }
  return {
    magento: {
      delivered: events.filter((e) => e.outcome === 'delivered').length,
      duplicates: events.filter((e) => e.duplicate).length,
      dropped: events.filter((e) => e.outcome === 'dropped').length,
      delayed: events.filter((e) => e.delayedMs > 0).length,
    },
    m3: { delivered: sent.length, duplicates: sent.filter((b) => b.duplicate).length, overtaken },
  };
}
