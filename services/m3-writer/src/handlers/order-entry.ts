// Resumable OIS100MI batch entry for one customer order (ADR 0011). The batch order in progress is kept per
// CUOR in the compacted table state.m3-writer.batch-orders.v1: an intent is written before AddBatchHead and
// the temporary number right after it, so a retry, a redelivery or a restarted writer resumes that batch
// order instead of opening another:
//   - a head whose answer was lost (intent without number) is found again with LstBatchHead by CUOR;
//   - lines already on it are recognised by CUPO (LstBatchLine) and not added twice;
//   - a Confirm whose answer was lost is recognised by GetOrderNo (the real ORNO of a released batch).
// A batch order M3 will not take as it is (a refused line, Confirm in status 15) is deleted (DelBatchHead)
// before the error goes on, so nothing is left behind in OIS275; a temporary number is never published.
import { AppError, isRepeatableFailure, type CompactedTable, type RecordMeta } from '@m3mage/runtime';
import type { BatchOrderEntry, CreateCustomerOrder } from '@m3mage/schemas/types';
import { isRefusedBatch, isUnknownBatch, type OrderClient } from '../clients/order.client';

export interface OrderEntryOptions {
  orders: OrderClient;
  batches: CompactedTable<BatchOrderEntry>;
  now: () => number;
}

export interface OrderEntry {
  /** The batch order of `cmd` entered, completed and released; returns the real ORNO. */
  enter(cmd: CreateCustomerOrder, cuno: string): Promise<string>;
  /** The real ORNO when the batch order in progress for this CUOR was released already. */
  releasedBefore(cuor: string): Promise<string | undefined>;
  /** Deletes the batch order in progress for this CUOR (if open) and forgets it. */
  discard(cuor: string): Promise<void>;
  forget(cuor: string, correlationId: string): Promise<void>;
}

const metaFor = (correlationId: string, causationId: string): RecordMeta => ({
  correlationId,
  causationId,
  eventType: 'BatchOrderEntry',
  sourceSystem: 'M3',
});

/** A failure after which the batch order is still good: M3 was unwell or the record was locked. */
const keepsBatch = (err: unknown): boolean =>
  isRepeatableFailure(err) ||
  (err instanceof AppError && (err.code === 'BREAKER_OPEN' || err.details?.['m3Category'] === 'locked'));

export function createOrderEntry(opts: OrderEntryOptions): OrderEntry {
  const { orders, batches, now } = opts;

  async function remember(cmd: CreateCustomerOrder, cuno: string, tempOrno: string | null): Promise<void> {
    const entry: BatchOrderEntry = {
      cuor: cmd.head.cuor,
      cuno,
      tempOrno,
      startedAt: batches.get(cmd.head.cuor)?.startedAt ?? now(),
      commandId: cmd.meta.commandId,
    };
    await batches.set(cmd.head.cuor, entry, entry, metaFor(cmd.meta.correlationId, cmd.meta.commandId));
  }

  /** The batch order to work on, and whether it is new (then it has no lines yet). */
  async function openBatch(cmd: CreateCustomerOrder, cuno: string): Promise<{ temp: string; fresh: boolean }> {
    const current = batches.get(cmd.head.cuor);
    if (current?.tempOrno) return { temp: current.tempOrno, fresh: false };
    if (current) {
      // an AddBatchHead was sent and its answer never came: adopt the head it made, delete any extra
      const open = (await orders.findBatchByCuor(cuno, cmd.head.cuor)).filter((b) => b.stat !== '90');
      const [adopted, ...extra] = open;
      for (const b of extra) await orders.deleteBatch(b.tempOrno);
      if (adopted) {
        await remember(cmd, cuno, adopted.tempOrno);
        return { temp: adopted.tempOrno, fresh: false };
      }
    } else {
      await remember(cmd, cuno, null);
    }
    let temp: string;
    try {
      temp = await orders.addBatchHead(cuno, cmd.head);
    } catch (err) {
      // refused outright (unknown warehouse, customer…): no head was made, nothing to resume
      if (!keepsBatch(err)) await self.forget(cmd.head.cuor, cmd.meta.correlationId);
      throw err;
    }
    await remember(cmd, cuno, temp);
    return { temp, fresh: true };
  }

  async function discardBatch(cuor: string, temp: string, correlationId: string): Promise<void> {
    try {
      await orders.deleteBatch(temp);
    } catch (err) {
      if (!isUnknownBatch(err)) throw err;
    }
    await self.forget(cuor, correlationId);
  }

  async function fill(cmd: CreateCustomerOrder, temp: string, fresh: boolean): Promise<void> {
    const present = fresh ? new Set<number>() : await orders.batchLineNumbers(temp);
    for (const [i, line] of cmd.lines.entries()) {
      if (present.has(i + 1)) continue;
      try {
        await orders.addBatchLine(temp, line, cmd.head, i + 1);
      } catch (err) {
        // M3 keeps a refused line's error on the batch order, so it could never be released: start afresh
        if (!keepsBatch(err)) await discardBatch(cmd.head.cuor, temp, cmd.meta.correlationId);
        throw err;
      }
    }
    if (cmd.shipTo) await orders.addBatchAddress(temp, cmd.shipTo);
  }

  async function confirm(cmd: CreateCustomerOrder, temp: string): Promise<string> {
    try {
      return await orders.confirm(temp);
    } catch (err) {
      if (!isRefusedBatch(err)) throw err;
      const errors = await orders.batchErrors(temp).catch(() => ['(errors could not be read)']);
      await discardBatch(cmd.head.cuor, temp, cmd.meta.correlationId);
      throw new AppError(
        'M3_BATCH_ORDER_REFUSED',
        `${err.message}; M3 said: ${errors.join('; ') || '(no error text)'} — batch order ${temp} was deleted; fix the cause in M3 (item, customer, credit) or the mapping, then replay`,
        { cause: err, details: { ...err.details, m3Errors: errors } },
      );
    }
  }

  const self: OrderEntry = {
    async enter(cmd, cuno) {
      const { temp, fresh } = await openBatch(cmd, cuno);
      await fill(cmd, temp, fresh);
      return confirm(cmd, temp);
    },
    async releasedBefore(cuor) {
      const temp = batches.get(cuor)?.tempOrno;
      if (!temp) return undefined;
      try {
        return await orders.orderNoOf(temp);
      } catch (err) {
        if (!isUnknownBatch(err)) throw err;
        // the batch order is gone (deleted by hand or by the cleanup): the entry starts afresh
        const e = batches.get(cuor);
        if (e) {
          const restart = { ...e, tempOrno: null };
          await batches.set(cuor, restart, restart, metaFor(cuor, e.commandId));
        }
        return undefined;
      }
    },
    async discard(cuor) {
      const e = batches.get(cuor);
      if (!e) return;
      if (e.tempOrno) return discardBatch(cuor, e.tempOrno, cuor);
      const open = (await orders.findBatchByCuor(e.cuno, cuor)).filter((b) => b.stat !== '90');
      for (const b of open) await orders.deleteBatch(b.tempOrno);
      await self.forget(cuor, cuor);
    },
    async forget(cuor, correlationId) {
      const e = batches.get(cuor);
      if (e) await batches.delete(cuor, metaFor(correlationId, e.commandId));
    },
  };
  return self;
}
