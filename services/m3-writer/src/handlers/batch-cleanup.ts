// The batch order cleanup: an entry of state.m3-writer.batch-orders.v1 older than the grace period belongs
// to an order entry that will not finish by itself (its command was dead-lettered, or the writer that had
// it is gone for good). Its batch order is deleted from M3 (DelBatchHead) or, with action `report`, only
// reported; a batch order already released is just forgotten (the order exists; its command's next delivery
// publishes the xref), and so is one M3 no longer has (deleted there by a person). Every action is logged at warn with the CUOR and the temporary number, never silent.
// The grace period must exceed the longest time a command can wait in the retry tiers (RETRY_OUTAGE_WAIT_MS
// plus the tier delays), so an entry that is only waiting out an outage is never touched.
import type { CompactedTable, Logger } from '@m3mage/runtime';
import type { BatchOrderEntry } from '@m3mage/schemas/types';
import { isUnknownBatch, type OrderClient } from '../clients/order.client';

export interface BatchCleanupOptions {
  orders: OrderClient;
  batches: CompactedTable<BatchOrderEntry>;
  logger: Logger;
  graceMs: number;
  action: 'delete' | 'report';
  now: () => number;
  /** CUORs a handler of this instance is working on right now (skipped). */
  busy?: (cuor: string) => boolean;
}

export interface SweepResult {
  deleted: string[];
  reported: string[];
  released: string[];
  /** Entries whose batch order M3 no longer has (deleted in M3): forgotten. */
  gone: string[];
  failed: string[];
}

export function createBatchCleanup(opts: BatchCleanupOptions): { sweep(): Promise<SweepResult> } {
  const log = opts.logger.child({ component: 'batch-cleanup' });
  const meta = (e: BatchOrderEntry) => ({
    correlationId: e.cuor,
    causationId: e.commandId,
    eventType: 'BatchOrderEntry',
    sourceSystem: 'M3' as const,
  });

  /** The batch orders of the entry still open in M3; 'gone' when its batch order no longer exists. */
  async function open(e: BatchOrderEntry): Promise<string[] | 'gone'> {
    if (e.tempOrno) {
      let real: string | undefined;
      try {
        real = await opts.orders.orderNoOf(e.tempOrno);
      } catch (err) {
        if (isUnknownBatch(err)) return 'gone';
        real = undefined; // M3 unwell or the record locked: taken as open (M3 refuses to delete a released one)
      }
      return real ? [] : [e.tempOrno];
    }
    const heads = await opts.orders.findBatchByCuor(e.cuno, e.cuor);
    return heads.filter((b) => b.stat !== '90').map((b) => b.tempOrno);
  }

  return {
    async sweep() {
      const result: SweepResult = { deleted: [], reported: [], released: [], gone: [], failed: [] };
      const due = [...opts.batches.entries()].filter(
        ([cuor, e]) => opts.now() - e.startedAt >= opts.graceMs && !(opts.busy?.(cuor) ?? false),
      );
      for (const [cuor, e] of due) {
        try {
          const temps = await open(e);
          if (temps === 'gone') {
            log.warn(
              { cuor, tempOrno: e.tempOrno },
              'abandoned order entry: M3 no longer has its batch order; forgotten',
            );
            result.gone.push(cuor);
          } else if (temps.length === 0) {
            log.warn({ cuor, tempOrno: e.tempOrno }, 'abandoned order entry: its batch order was released; forgotten');
            result.released.push(cuor);
          } else if (opts.action === 'report') {
            log.warn({ cuor, tempOrnos: temps, startedAt: e.startedAt }, 'abandoned batch order left in M3 (OIS275)');
            result.reported.push(cuor);
            continue; // reported once per sweep until someone deletes it in M3
          } else {
            for (const t of temps) await opts.orders.deleteBatch(t);
            log.warn({ cuor, tempOrnos: temps, startedAt: e.startedAt }, 'abandoned batch order deleted from M3');
            result.deleted.push(cuor);
          }
          await opts.batches.delete(cuor, meta(e));
        } catch (err) {
          log.warn({ cuor, err }, 'batch order cleanup failed; tried again on the next sweep');
          result.failed.push(cuor);
        }
      }
      return result;
    },
  };
}
