// cmd.m3.customer-order.v1 → an M3 customer order, exactly once per CUOR (Magento increment id):
//   xref.order.v1 cache → customer (find or create) → OIS100MI LstHead of the customer, looking for CUOR →
//   AddBatchHead → AddBatchLine × n → AddBatchAddress (ship-to) → Confirm → xref.order.v1.
// A crash after Confirm and before the offset commit: the redelivery finds the order by CUOR and only
// publishes the xref. A Confirm that failed in flight (timeout, 5xx) is retried on the same batch order
// in this process; after a crash the unconfirmed batch order stays in OIS275 (no customer order exists).
import { AppError, type Handler, type InboundMessage } from '@m3mage/runtime';
import type { OrderClient } from '../clients/order.client';
import type { CompactedTable } from '@m3mage/runtime';
import type { CommandMeta, CreateCustomerOrder, OrderXref } from '@m3mage/schemas/types';
import type { CustomerResolver } from './customer-resolver';

export interface CustomerOrderHandlerOptions {
  customers: CustomerResolver;
  orders: OrderClient;
  xref: CompactedTable<OrderXref>;
  publish(xref: OrderXref, meta: CommandMeta): Promise<void>;
  now?: () => number;
}

export function customerOrderHandler(opts: CustomerOrderHandlerOptions): Handler<CreateCustomerOrder> {
  const now = opts.now ?? Date.now;
  /** CUOR → a complete batch order whose Confirm did not come back. */
  const unconfirmed = new Map<string, string>();

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
  }

  async function batchOrder(cmd: CreateCustomerOrder, cuno: string): Promise<string> {
    const cuor = cmd.head.cuor;
    const pending = unconfirmed.get(cuor);
    if (pending) return pending;
    const temp = await opts.orders.addBatchHead(cuno, cmd.head);
    for (const line of cmd.lines) await opts.orders.addBatchLine(temp, line, cmd.head);
    if (cmd.shipTo) await opts.orders.addBatchAddress(temp, cmd.shipTo);
    unconfirmed.set(cuor, temp);
    return temp;
  }

  async function confirm(cuor: string, temp: string): Promise<string> {
    try {
      const orno = await opts.orders.confirm(temp);
      unconfirmed.delete(cuor);
      return orno;
    } catch (err) {
      // only an answer that never came (transient) keeps the batch order for the next attempt
      if (!(err instanceof AppError) || !err.retriable) unconfirmed.delete(cuor);
      throw err;
    }
  }

  return async (msg: InboundMessage<CreateCustomerOrder>) => {
    const cmd = msg.value;
    if (cmd === null) return { outcome: 'ack' };
    if (cmd.lines.length === 0) {
      throw new AppError('MAPPING_UNMAPPABLE', `Order ${cmd.incrementId} has no lines: nothing to create in M3`);
    }
    if (opts.xref.get(cmd.incrementId)) return { outcome: 'ack' };

    const { cuno } = await opts.customers.resolve(cmd.customer, cmd.meta);
    const existing = await opts.orders.findByCuor(cuno, cmd.head.cuor);
    if (existing) {
      unconfirmed.delete(cmd.head.cuor);
      await done(cmd, existing.orno, cuno);
      return { outcome: 'ack' };
    }
    const temp = await batchOrder(cmd, cuno);
    const orno = await confirm(cmd.head.cuor, temp);
    await done(cmd, orno, cuno);
    return { outcome: 'ack' };
  };
}
