// Helpers of the chaos suite: the M3 simulator's control API (as an operator drives it), what "done" means
// for an order, the dead letters of every DLQ of the catalogue; the drained end marker is the e2e tests'.
import type { BatchOrderSummary } from '@m3mage/simulators/m3';
import { allTopics, topicAdmin } from '@m3mage/topics';
import type { Sandbox } from '../../infra/sandbox/sandbox';

export { waitDrained } from '../e2e/drained';
export { waitFor } from '../e2e/support';

/** `PUT|POST|GET <m3Url>/_control/<path>`; throws on a non-2xx answer. */
export async function m3Control<T = unknown>(
  sb: Sandbox,
  method: 'GET' | 'PUT' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${sb.m3Url}/_control/${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  if (!res.ok) throw new Error(`${method} /_control/${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export const openBatchOrders = async (sb: Sandbox): Promise<BatchOrderSummary['open']> =>
  (await m3Control<BatchOrderSummary>(sb, 'GET', 'state/batch-orders/summary')).open;

/** M3 customer orders per CUOR (Magento increment id): more than one is a duplicate. */
export function m3OrderCount(sb: Sandbox): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const o of sb.m3.state.orders.values()) {
    const cuor = String(o.head.CUOR ?? '').trim();
    if (cuor) out.set(cuor, [...(out.get(cuor) ?? []), o.ORNO]);
  }
  return out;
}

/** M3 customers per e-mail (lower case): more than one is a duplicate. */
export function m3CustomerCount(sb: Sandbox): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of sb.m3.state.customers.values()) {
    const mail = c.rec.MAIL?.trim().toLowerCase();
    if (mail) out.set(mail, (out.get(mail) ?? 0) + 1);
  }
  return out;
}

/**
 * The confirmation that came back to Magento: the comment of M3 status 22 carrying magento-writer's marker
 * with the M3 order number (`[m3mage comment:<increment id>:<ORNO>:22]`), counted.
 */
export function confirmationComments(sb: Sandbox, incrementId: string, orno: string): number {
  const order = sb.magento.state.orderByIncrementId(incrementId);
  const marker = `[m3mage comment:${incrementId}:${orno}:22]`;
  return (order?.status_histories ?? []).filter((h) => h.comment.includes(marker)).length;
}

/** Confirmed once: exactly one M3 order for the CUOR, and its number back in Magento exactly once. */
export function confirmedOnce(sb: Sandbox, counts: Map<string, string[]>, id: string): boolean {
  const ornos = counts.get(id) ?? [];
  return ornos.length === 1 && confirmationComments(sb, id, ornos[0]!) === 1;
}

/** Confirmed at all (in M3, and its number back in Magento): the wait's positive condition. */
export function confirmed(sb: Sandbox, counts: Map<string, string[]>, id: string): boolean {
  const ornos = counts.get(id) ?? [];
  return ornos.length > 0 && ornos.some((orno) => confirmationComments(sb, id, orno) > 0);
}

/** Magento shipments and invoices per order. */
export function magentoDocuments(sb: Sandbox, incrementId: string): { shipments: number; invoices: number } {
  const id = sb.magento.state.orderByIncrementId(incrementId)?.entity_id;
  const count = (docs: Iterable<{ order_id: number }>): number => [...docs].filter((d) => d.order_id === id).length;
  return { shipments: count(sb.magento.state.shipments.values()), invoices: count(sb.magento.state.invoices.values()) };
}

/** Every dead-letter topic of the catalogue (`*.dlq`) under the namespace. */
export const dlqTopics = (namespace: string): string[] =>
  allTopics()
    .filter((t) => t.name.endsWith('.dlq'))
    .map((t) => `${namespace}${t.name}`);

/** Records in all dead-letter topics (high watermarks summed). */
export async function deadLetterCount(brokers: string[], namespace: string): Promise<number> {
  const admin = topicAdmin(brokers, 'chaos-dlq');
  await admin.connect();
  try {
    let n = 0;
    for (const topic of dlqTopics(namespace)) for (const p of await admin.fetchTopicOffsets(topic)) n += Number(p.high);
    return n;
  } finally {
    await admin.disconnect();
  }
}
