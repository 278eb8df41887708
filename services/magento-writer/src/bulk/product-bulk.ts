// Backfill products through Magento's async bulk API. The product handler hands each admitted backfill command
// here and awaits its own item: the commands the consumer runs at once (distinct skus) are collected into
// chunks (the runtime's micro-batcher: `chunkSize` items, or `lingerMs` after the first), and per chunk
// - one search (`sku in …`) tells which products exist and their owned attributes;
// - each command is decided as on the synchronous path (planProduct: create body, only the differing owned
//   attributes, or nothing — an unchanged product costs no operation);
// - creates go as one `POST /async/bulk/V1/products`, updates as one `PUT /async/bulk/V1/products/bySku`;
// - each bulk is polled (`detailed-status` every `pollMs`) until none of its operations is open.
// An item resolves when its operation is finished: complete → created/updated; not retriably failed or rejected
// → MAGENTO_VALIDATION with Magento's result_message (dead letter, as a 400 of the synchronous path); retriably
// failed → HTTP_5XX; still open after `timeoutMs` → HTTP_TIMEOUT (both retried).
// Nothing is written twice: the poll of a timed-out bulk goes on (up to ABANDON_FACTOR × timeoutMs), and
// `settled(sku)` — awaited by the handler before any write of the sku, bulk or not — waits for that operation;
// the repeat then finds the product as it was written (unchanged: no operation) or, if it failed, writes it.
import { AppError, createMicroBatcher, type Logger, type Metrics, type MicroBatcherFactory } from '@m3mage/runtime';
import type { UpsertProduct } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { BULK_STATUS, type BulkAccepted, type BulkClient, type BulkOperationStatus } from '../clients/bulk.client';
import type { ProductBody, ProductsClient } from '../clients/products.client';
import type { CategoryResolver } from '../handlers/category-resolver';
import { planProduct, type ProductOutcome } from '../handlers/product.handler';

export interface ProductBulkOptions {
  bulk: BulkClient;
  products: Pick<ProductsClient, 'findBySkus'>;
  categories?: CategoryResolver;
  logger: Logger;
  metrics?: Metrics;
  /** Products per chunk (MAGENTO_BULK_CHUNK_SIZE). */
  chunkSize: number;
  /** How long the first product of a chunk waits for others (MAGENTO_BULK_LINGER_MS). */
  lingerMs: number;
  /** Between two detailed-status reads of a bulk (MAGENTO_BULK_POLL_MS). */
  pollMs: number;
  /** How long an item waits for its operation before it is retried (MAGENTO_BULK_TIMEOUT_MS). */
  timeoutMs: number;
  microBatcher?: MicroBatcherFactory;
  now?: () => number;
}

export interface ProductBulk {
  /** Resolves once Magento ran the command's operation (or decided nothing was to be sent). */
  upsert(cmd: UpsertProduct): Promise<ProductOutcome>;
  /** Resolves when no bulk operation of the sku is open; a retriable error when one still is after timeoutMs. */
  settled(sku: string): Promise<void>;
  pending(): number;
  /** Submits what is queued now (on shutdown). */
  drain(): Promise<void>;
  /** Stops polling; waits still open end with a retriable error. */
  close(): void;
}

/** A timed-out bulk is still watched this many times its timeout, so a repeat of its items can wait for it. */
export const ABANDON_FACTOR = 10;

type Write = 'create' | 'update';
/** Not a promise itself: the micro-batcher's flush returns once submitted, the item waits on `done`. */
interface Ticket {
  done: Promise<ProductOutcome>;
}
interface Entry {
  cmd: UpsertProduct;
  body: ProductBody;
  ticket: Deferred<ProductOutcome>;
}

const STATUS_NAME: Record<number, string> = {
  [BULK_STATUS.COMPLETE]: 'complete',
  [BULK_STATUS.RETRIABLY_FAILED]: 'retriably-failed',
  [BULK_STATUS.NOT_RETRIABLY_FAILED]: 'failed',
  [BULK_STATUS.REJECTED]: 'rejected',
};

export function createProductBulk(opts: ProductBulkOptions): ProductBulk {
  const now = opts.now ?? Date.now;
  const log = opts.logger.child({ component: 'product-bulk' });
  /** The final status of the open operation of each sku (this process's bulks). */
  const open = new Map<string, Promise<BulkOperationStatus>>();
  /** Sleeping pollers: close() wakes them up to end. */
  const sleeping = new Map<NodeJS.Timeout, () => void>();
  let closed = false;

  const count = (outcome: string) =>
    opts.metrics?.messagesTotal.inc({
      service: opts.metrics.service,
      topic: TOPIC.cmdMagentoProduct,
      outcome: `bulk-${outcome}`,
    });
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => (sleeping.delete(t), resolve()), ms);
      sleeping.set(t, resolve);
    });

  /** Polls a bulk until none of `ids` is open; one promise of the final status per id. */
  function watch(uuid: string, ids: readonly number[]): Map<number, Promise<BulkOperationStatus>> {
    const waiting = new Map(ids.map((id) => [id, deferred<BulkOperationStatus>()]));
    const finals = new Map([...waiting].map(([id, d]) => [id, d.promise]));
    const started = now();
    void (async () => {
      while (waiting.size > 0 && !closed && now() - started < ABANDON_FACTOR * opts.timeoutMs) {
        await sleep(opts.pollMs);
        try {
          for (const op of (await opts.bulk.detailedStatus(uuid)).operations_list) {
            const d = waiting.get(op.id);
            if (!d || op.status === BULK_STATUS.OPEN) continue;
            waiting.delete(op.id);
            d.resolve(op);
          }
        } catch (err) {
          log.warn({ bulkUuid: uuid, err }, `bulk ${uuid}: status read failed; polling on`);
        }
      }
      if (waiting.size > 0)
        log.warn({ bulkUuid: uuid, open: waiting.size }, `bulk ${uuid}: ${waiting.size} operations left unwatched`);
      for (const [id, d] of waiting)
        d.reject(new AppError('HTTP_TIMEOUT', `bulk ${uuid} operation ${id}: no longer watched`));
    })();
    return finals;
  }

  /** The final status, or a retriable error after timeoutMs (the watch goes on). */
  function within<T>(p: Promise<T>, error: () => AppError): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const t = setTimeout(() => reject(error()), opts.timeoutMs);
      p.then(resolve, reject).finally(() => clearTimeout(t));
    });
  }

  function outcomeOf(write: Write, e: Entry, uuid: string, op: BulkOperationStatus): ProductOutcome {
    const name = STATUS_NAME[op.status] ?? `status-${op.status}`;
    count(name);
    if (op.status === BULK_STATUS.COMPLETE) return write === 'create' ? 'created' : 'updated';
    const details = {
      sku: e.cmd.sku,
      m3Version: e.cmd.m3Version,
      bulkUuid: uuid,
      operationId: op.id,
      status: op.status,
      ...(op.error_code != null ? { errorCode: op.error_code } : {}),
    };
    const said = op.result_message ?? 'no message';
    if (op.status === BULK_STATUS.NOT_RETRIABLY_FAILED || op.status === BULK_STATUS.REJECTED)
      throw new AppError('MAGENTO_VALIDATION', `product ${e.cmd.sku} refused by Magento (${name}): ${said}`, {
        details,
      });
    throw new AppError('HTTP_5XX', `product ${e.cmd.sku}: bulk operation ${name} in Magento: ${said}`, { details });
  }

  async function submit(write: Write, entries: Entry[]): Promise<void> {
    if (entries.length === 0) return;
    const bodies = entries.map((e) => e.body);
    let accepted: BulkAccepted;
    try {
      accepted = await (write === 'create' ? opts.bulk.createProducts(bodies) : opts.bulk.updateProducts(bodies));
    } catch (err) {
      for (const e of entries) e.ticket.reject(err);
      return;
    }
    const uuid = accepted.bulk_uuid;
    const ids = entries.map((_, i) => accepted.request_items[i]?.id ?? i);
    const finals = watch(uuid, ids);
    entries.forEach((e, i) => {
      const id = ids[i]!;
      const item = accepted.request_items[i];
      if (item && item.status !== 'accepted') {
        const op = { id, status: BULK_STATUS.REJECTED, result_message: `request item ${item.status}` };
        return e.ticket.settle(() => outcomeOf(write, e, uuid, op));
      }
      const final = finals.get(id)!;
      const sku = e.cmd.sku;
      open.set(sku, final);
      final.then(
        () => open.get(sku) === final && open.delete(sku),
        () => open.get(sku) === final && open.delete(sku),
      );
      const timedOut = () => {
        count('timeout');
        return new AppError(
          'HTTP_TIMEOUT',
          `product ${sku}: bulk ${uuid} operation ${id} still open in Magento after ${opts.timeoutMs} ms; retried (the repeat waits for it)`,
          { details: { sku, bulkUuid: uuid, operationId: id } },
        );
      };
      e.ticket.from(within(final, timedOut).then((op) => outcomeOf(write, e, uuid, op)));
    });
    log.debug({ bulkUuid: uuid, write, operations: entries.length }, `bulk ${uuid}: ${entries.length} ${write}s`);
  }

  async function flush(cmds: UpsertProduct[]): Promise<Ticket[]> {
    const started = now();
    const current = new Map((await opts.products.findBySkus(cmds.map((c) => c.sku))).map((p) => [p.sku, p]));
    const tickets = cmds.map(() => deferred<ProductOutcome>());
    const writes: Record<Write, Entry[]> = { create: [], update: [] };
    await Promise.all(
      cmds.map(async (cmd, i) => {
        const ticket = tickets[i]!;
        try {
          const plan = await planProduct(current.get(cmd.sku), cmd, opts.categories);
          if (plan.write === 'none') ticket.resolve(plan.outcome);
          else writes[plan.write].push({ cmd, body: plan.body, ticket });
        } catch (err) {
          ticket.reject(err);
        }
      }),
    );
    await Promise.all([submit('create', writes.create), submit('update', writes.update)]);
    log.info(
      {
        items: cmds.length,
        creates: writes.create.length,
        updates: writes.update.length,
        ms: now() - started,
      },
      `product bulk: ${cmds.length} commands, ${writes.create.length} creates and ${writes.update.length} updates submitted`,
    );
    return tickets.map((t) => ({ done: t.promise }));
  }

  const batcher = (opts.microBatcher ?? createMicroBatcher)<UpsertProduct, Ticket>({
    maxItems: opts.chunkSize,
    maxWaitMs: opts.lingerMs,
    flush,
  });

  return {
    async upsert(cmd) {
      return (await batcher.add(cmd)).done;
    },
    async settled(sku) {
      const final = open.get(sku);
      if (!final) return;
      await within(
        final.then(
          () => undefined,
          () => undefined,
        ),
        () =>
          new AppError(
            'HTTP_TIMEOUT',
            `product ${sku}: a bulk operation of an earlier attempt is still open in Magento after ${opts.timeoutMs} ms`,
            { details: { sku } },
          ),
      );
    },
    pending: () => batcher.pending(),
    drain: () => batcher.drain(),
    close() {
      closed = true;
      for (const [t, wake] of sleeping) {
        clearTimeout(t);
        wake();
      }
      sleeping.clear();
    },
  };
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(v: T): void;
  reject(e: unknown): void;
  /** Settles with what `f` returns or throws. */
  settle(f: () => T): void;
  from(p: Promise<T>): void;
}

/** A promise settled from outside; a rejection nobody awaits (yet) is not an unhandled one. */
function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => undefined);
  return {
    promise,
    resolve,
    reject,
    settle(f) {
      try {
        resolve(f());
      } catch (err) {
        reject(err);
      }
    },
    from(p) {
      p.then(resolve, reject);
    },
  };
}
