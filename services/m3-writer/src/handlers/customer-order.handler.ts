// cmd.m3.customer-order.v1 → an M3 customer order, exactly once per CUOR (Magento increment id):
//   xref.order.v1 cache → customer (find or create) → a batch order in progress already released? →
//   OIS100MI LstHead of the customer, looking for CUOR → resumable batch entry (order-entry.ts:
//   AddBatchHead → AddBatchLine × n → AddBatchAddress → Confirm) → xref.order.v1.
// A step that fails because M3 is unwell or the record is locked is resumed in place (jittered backoff
// inside the message's budget, M3_ORDER_RESUME_*); past the budget the message goes to the retry tiers and
// the next attempt resumes the same batch order. A crash after Confirm and before the offset commit: the
// redelivery finds the order (GetOrderNo, or LstHead by CUOR) and only publishes the xref.
import {
  AppError,
  isRepeatableFailure,
  withRepeats,
  type CompactedTable,
  type Handler,
  type InboundMessage,
  type RepeatPolicy,
} from '@m3mage/runtime';
import type { OrderClient } from '../clients/order.client';
import type { BatchOrderEntry, CommandMeta, CreateCustomerOrder, OrderXref } from '@m3mage/schemas/types';
import type { CustomerResolver } from './customer-resolver';
import { createOrderEntry } from './order-entry';

export interface CustomerOrderHandlerOptions {
  customers: CustomerResolver;
  orders: OrderClient;
  xref: CompactedTable<OrderXref>;
  /** Batch orders in progress per CUOR (state.m3-writer.batch-orders.v1). */
  batches: CompactedTable<BatchOrderEntry>;
  publish(xref: OrderXref, meta: CommandMeta): Promise<void>;
  /** Resuming a failed step in place; default 4 retries, 200 ms doubling to 3 s, 30 s. */
  resume?: RepeatPolicy;
  now?: () => number;
  /** Jitter and waits of the in-place resume (tests). */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RESUME_POLICY: Readonly<RepeatPolicy> = Object.freeze({
  retries: 4,
  baseDelayMs: 200,
  maxDelayMs: 3_000,
  budgetMs: 30_000,
});

/** Worth resuming in place: M3 unwell (5xx, timeout, reset) or a record locked by another job. */
const resumable = (err: AppError): boolean => isRepeatableFailure(err) || err.details?.['m3Category'] === 'locked';

export function customerOrderHandler(opts: CustomerOrderHandlerOptions): Handler<CreateCustomerOrder> {
  const now = opts.now ?? Date.now;
  const entry = createOrderEntry({ orders: opts.orders, batches: opts.batches, now });

  async function done(cmd: CreateCustomerOrder, orno: string, cuno: string): Promise<void> {
    const xref: OrderXref = {
      incrementId: cmd.incrementId,
      orno,
      cuno,
      confirmedAt: now(),
      commandId: cmd.meta.commandId,
    };
    // Publish first: a failed publish must leave no local entry, so the retry publishes again.
    await opts.publish(xref, cmd.meta);
    opts.xref.remember(cmd.incrementId, xref);
    await entry.forget(cmd.head.cuor, cmd.meta.correlationId);
  }

  async function createOnce(cmd: CreateCustomerOrder): Promise<void> {
    const { cuno } = await opts.customers.resolve(cmd.customer, cmd.meta);
    const cuor = cmd.head.cuor;
    const released = await entry.releasedBefore(cuor);
    if (released) return done(cmd, released, cuno);
    const existing = await opts.orders.findByCuor(cuno, cuor);
    if (existing) {
      // created by an earlier attempt (or by hand): an unfinished batch order of ours is left over
      await entry.discard(cuor);
      return done(cmd, existing.orno, cuno);
    }
    return done(cmd, await entry.enter(cmd, cuno), cuno);
  }

  return async (msg: InboundMessage<CreateCustomerOrder>) => {
    const cmd = msg.value;
    if (cmd === null) return { outcome: 'ack' };
    if (cmd.lines.length === 0) {
      throw new AppError('MAPPING_UNMAPPABLE', `Order ${cmd.incrementId} has no lines: nothing to create in M3`);
    }
    if (opts.xref.get(cmd.incrementId)) return { outcome: 'ack' };
    await withRepeats(() => createOnce(cmd), {
      policy: opts.resume ?? DEFAULT_RESUME_POLICY,
      shouldRepeat: resumable,
      now,
      ...(opts.random ? { random: opts.random } : {}),
      ...(opts.sleep ? { sleep: opts.sleep } : {}),
    });
    return { outcome: 'ack' };
  };
}
