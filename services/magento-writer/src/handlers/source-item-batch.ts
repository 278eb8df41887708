// Source items written many per call: one micro-batcher per process (the service context's: with
// PIPELINE_MODE=naive it makes one call per item) collects the items admitted by the handlers and posts
// each batch as one `POST /V1/inventory/source-items`. Magento saves a
// request all or nothing, so when a batch is refused (400: an unknown source, a field Magento rejects) each
// of its items is saved alone and only the refused ones fail, each with an error naming its sku, its source
// and Magento's message — except an item whose source does not exist yet (created from its M3 warehouse by
// the source flow, which may lag the first balances): that one is retried (MAPPING_NOT_YET). A 5xx, timeout
// or open breaker on the batch fails every item of it (all retried).
import {
  AppError,
  classify,
  createMicroBatcher,
  isAppError,
  type Logger,
  type MicroBatcherFactory,
} from '@m3mage/runtime';
import type { InventoryClient, SourceItemBody } from '../clients/inventory.client';

export interface SourceItemBatchOptions {
  inventory: InventoryClient;
  logger: Logger;
  /** Items per call (MAGENTO_SOURCE_ITEMS_BATCH_SIZE). */
  maxItems: number;
  /** How long the first item of a batch waits for others (MAGENTO_SOURCE_ITEMS_WAIT_MS). */
  maxWaitMs: number;
  /** Makes the micro-batcher: the service context's (`ctx.microBatcher`, follows PIPELINE_MODE); default batches. */
  microBatcher?: MicroBatcherFactory;
  now?: () => number;
}

export interface SourceItemBatch {
  /** Resolves once the item is saved in Magento; rejects with its own error (or its batch's). */
  save(item: SourceItemBody): Promise<void>;
  /** Items queued or being saved. */
  pending(): number;
  /** Saves what is queued now (on shutdown). */
  drain(): Promise<void>;
}

/** Magento refused the request itself (400): sending it again cannot help, sending it in parts may. */
const refused = (err: unknown): err is AppError => isAppError(err) && err.code === 'MAGENTO_VALIDATION';

/** What Magento says for a row its database refused: for a source item, a source_code with no source. */
const COULD_NOT_SAVE = 'Could not save Source Item';

function itemError(item: SourceItemBody, err: AppError): AppError {
  const template = err.details?.['template'];
  const hint =
    template === COULD_NOT_SAVE
      ? ` (Magento answers this when source "${item.source_code}" does not exist: create it, cmd.magento.source.v1)`
      : '';
  return new AppError(
    'MAGENTO_VALIDATION',
    `source item ${item.sku}@${item.source_code} refused by Magento: ${err.message}${hint}`,
    { cause: err, details: { ...err.details, sku: item.sku, sourceCode: item.source_code } },
  );
}

export function createSourceItemBatch(opts: SourceItemBatchOptions): SourceItemBatch {
  const { inventory } = opts;
  const now = opts.now ?? Date.now;
  const log = opts.logger.child({ component: 'source-items' });

  async function sourceExists(code: string): Promise<boolean> {
    try {
      return (await inventory.getSource(code)) !== undefined;
    } catch {
      return true; // cannot tell: keep Magento's refusal
    }
  }

  /** One item alone: undefined when saved, else its error (refused: DLQ; anything else as it is). */
  async function alone(item: SourceItemBody): Promise<AppError | undefined> {
    try {
      await inventory.saveSourceItem(item);
      log.debug({ sku: item.sku, sourceCode: item.source_code }, 'source item saved alone');
      return undefined;
    } catch (err) {
      if (!refused(err)) return classify(err);
      // The source may not exist yet: it is created from its M3 warehouse on cmd.magento.source.v1, and the
      // first balances can arrive before it. That is a retry, not a dead letter.
      if (err.details?.['template'] === COULD_NOT_SAVE) {
        if (await sourceExists(item.source_code)) {
          // Created since the save was refused (the source flow runs beside this one): once more, now.
          try {
            await inventory.saveSourceItem(item);
            return undefined;
          } catch (again) {
            if (!refused(again)) return classify(again);
            return itemError(item, again);
          }
        }
        return new AppError(
          'MAPPING_NOT_YET',
          `source item ${item.sku}@${item.source_code}: source "${item.source_code}" does not exist in Magento yet (it is created from its M3 warehouse; check table sourceByWarehouse and the warehouse poll if this persists)`,
          { details: { sku: item.sku, sourceCode: item.source_code } },
        );
      }
      const e = itemError(item, err);
      log.debug({ sku: item.sku, sourceCode: item.source_code, err: e }, e.message);
      return e;
    }
  }

  async function flush(items: SourceItemBody[]): Promise<(AppError | undefined)[]> {
    const started = now();
    try {
      await inventory.saveSourceItems(items);
    } catch (err) {
      if (!refused(err)) {
        log.warn({ items: items.length, err }, `source items: batch of ${items.length} failed; every item is retried`);
        throw err;
      }
      // One refused item fails the whole request: each alone, so only the refused ones fail.
      const results = await Promise.all(items.map(alone));
      const failed = results.filter((r) => r !== undefined).length;
      log.info(
        { items: items.length, calls: 1 + items.length, failed, ms: now() - started, batchError: err.message },
        `source items: batch refused (${err.message}); ${items.length - failed} saved alone, ${failed} failed`,
      );
      return results;
    }
    log.info(
      { items: items.length, calls: 1, failed: 0, ms: now() - started },
      `source items: ${items.length} saved in one call`,
    );
    return items.map(() => undefined);
  }

  const batcher = (opts.microBatcher ?? createMicroBatcher)<SourceItemBody, AppError | undefined>({
    maxItems: opts.maxItems,
    maxWaitMs: opts.maxWaitMs,
    flush,
  });
  return {
    async save(item) {
      const error = await batcher.add(item);
      if (error) throw error;
    },
    pending: () => batcher.pending(),
    drain: () => batcher.drain(),
  };
}
