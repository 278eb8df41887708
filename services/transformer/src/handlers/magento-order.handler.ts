// cdc.magento.order.v1 → cmd.m3.customer-order.v1 (+ cmd.m3.gl-journal.v1 when a payment was captured).
//
// Loop rule (ARCHITECTURE §4.7): an update is sent to M3 only when the order command it maps to differs
// from the one the previous version (`before`) maps to. Our own writes to Magento (shipments, invoices,
// comments from magento-writer) change only status/state, shipped/invoiced quantities and the amount
// paid — none of which is in the order command — so they never travel back. An update whose previous
// version failed with the same problems is not dead-lettered again (the first failure is in the DLQ).
// Without `before` (ingest keeps no old versions; replays), the emitted log decides: a command equal to
// the last one sent for the order is not sent again; a payment is posted only above the last amount posted.
import { isDeepStrictEqual } from 'node:util';
import { contentHash, type Handler, type HandlerResult } from '@m3mage/runtime';
import { commandRecord, type Send } from '../commands/command';
import { compare, formatDecimal, parseDecimal, sub } from '@m3mage/runtime/mapping';
import { customerOrderMapping } from '../mappings/customer-order.mapping';
import { paymentJournalMapping } from '../mappings/payment-journal.mapping';
import type { MapResult, Problem } from '../mappings/kit';
import type { Change, Order } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { ACK, unmappable } from './outcomes';
import { memoryEmittedLog, type EmittedLog } from '../state/emitted-log';

export interface MagentoOrderDeps {
  send: Send;
  now: () => number;
  /** Last commands sent per order (state.transformer.emitted.v1); default: in memory, for the handler's life. */
  emitted?: EmittedLog;
}

const sameFailure = (a: MapResult<unknown>, b: MapResult<unknown>): boolean =>
  !a.ok && !b.ok && isDeepStrictEqual(a.problems, b.problems);

function paid(order: Order | null): string {
  const text = order?.payment?.amountPaid;
  try {
    return text ? formatDecimal(parseDecimal(text)) : '0';
  } catch {
    return '0';
  }
}

/** The amount captured since the previous version, or null when nothing new was paid. */
export function newPayment(
  before: Order | null,
  after: Order,
  lastPosted?: string,
): { total: string; amount: string } | null {
  const total = parseDecimal(paid(after));
  const fromBefore = parseDecimal(paid(before));
  const posted = lastPosted ? parseDecimal(lastPosted) : fromBefore;
  const prev = compare(posted, fromBefore) > 0 ? posted : fromBefore;
  if (compare(total, prev) <= 0) return null;
  return { total: formatDecimal(total), amount: formatDecimal(sub(total, prev)) };
}

export function magentoOrderHandler(deps: MagentoOrderDeps): Handler<Change<Order>> {
  const emitted = deps.emitted ?? memoryEmittedLog();
  return async (msg): Promise<HandlerResult> => {
    const change = msg.value;
    const after = change?.after;
    if (!change || change.op === 'd' || !after) return ACK; // deletes are not propagated to M3
    const { incrementId } = after;
    const problems: { mapping: string; problems: Problem[] }[] = [];

    const order = customerOrderMapping.map(after);
    const previous = change.before ? customerOrderMapping.map(change.before) : undefined;
    const unchanged =
      previous &&
      (previous.ok && order.ok ? isDeepStrictEqual(previous.value, order.value) : sameFailure(previous, order));
    const orderKey = `customer-order:${incrementId}`;
    const source = { eventId: change.source.eventId, correlationId: incrementId };
    if (!unchanged) {
      if (order.ok) {
        await emitted.commands.admit(orderKey, { value: contentHash(order.value) }, source, () =>
          deps.send(
            commandRecord(
              {
                topic: TOPIC.cmdM3CustomerOrder,
                type: 'CreateCustomerOrder',
                key: incrementId,
                idempotencyKey: `order:${incrementId}`,
                body: order.value,
              },
              change.source,
              deps.now,
            ),
          ),
        );
      } else problems.push({ mapping: customerOrderMapping.info.name, problems: order.problems });
    }

    const paymentKey = `payment:${incrementId}`;
    const payment = newPayment(change.before, after, emitted.payments.known(paymentKey)?.value);
    if (payment) {
      const journal = paymentJournalMapping.map({ order: after, amount: payment.amount });
      if (journal.ok) {
        await emitted.payments.admit(paymentKey, { value: payment.total }, source, () =>
          deps.send(
            commandRecord(
              {
                topic: TOPIC.cmdM3GlJournal,
                type: 'PostPaymentJournal',
                key: incrementId,
                idempotencyKey: `payment:${incrementId}:${payment.total}`,
                body: journal.value,
              },
              change.source,
              deps.now,
            ),
          ),
        );
      } else problems.push({ mapping: paymentJournalMapping.info.name, problems: journal.problems });
    }

    if (problems.length === 0) return ACK;
    return unmappable(
      `Magento order ${incrementId}`,
      problems.map((p) => p.mapping).join(', '),
      problems.flatMap((p) => p.problems),
    );
  };
}
