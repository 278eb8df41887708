// Warehouses for the MSI sources: every interval, MMS005MI LstWarehouses (all of them: a company has tens,
// not thousands), each produced to cdc.m3.warehouse.v1 when its content changed since the last one produced
// (key `warehouse:<WHLO>` in the variation table; LstWarehouses gives no change stamp, so the version is the
// time the content was first seen). A record without WHLO goes to m3-ion-ingest.dlq once.
import type { Logger, Metrics, Schedule } from '@m3mage/runtime';
import { miPoller, type Poller } from '../state/mi-poller';
import type { MiClient } from '@m3mage/connectors/m3';
import type { PolledChanges, PolledOutcome } from '../state/polled-changes';
import { UnreadableRecord, warehouseOf, warehouseRecord } from './records';

export const WAREHOUSE_POLLER = 'm3-warehouses';
const READER = 'MMS005MI/LstWarehouses';

export interface WarehousePollerOptions {
  mi: Pick<MiClient, 'execute'>;
  changes: PolledChanges;
  metrics: Pick<Metrics, 'ingestRequestsTotal'>;
  logger: Logger;
  now: () => number;
  intervalMs: number;
  schedule?: Schedule;
}

export interface PassReport {
  read: number;
  produced: number;
  skipped: number;
  deadLettered: number;
}

export type { Poller };

export const emptyReport = (): PassReport => ({ read: 0, produced: 0, skipped: 0, deadLettered: 0 });

export function countOutcome(report: PassReport, outcome: PolledOutcome): void {
  if (outcome === 'produced') report.produced += 1;
  else if (outcome === 'dead-lettered') report.deadLettered += 1;
  else report.skipped += 1;
}

export function createWarehousePoller(o: WarehousePollerOptions): Poller<PassReport> {
  const log = o.logger.child({ component: 'warehouse-poller', poller: WAREHOUSE_POLLER });
  const count = (outcome: string) => o.metrics.ingestRequestsTotal.inc({ source: 'm3-warehouse-poll', outcome });

  async function pollOnce(): Promise<PassReport> {
    const records = await o.mi.execute('MMS005MI', 'LstWarehouses', {}, { maxrecs: 0 });
    const seenAt = o.now();
    const report = { ...emptyReport(), read: records.length };
    for (const rec of records) {
      let outcome: PolledOutcome;
      try {
        const warehouse = warehouseOf(rec);
        outcome = await o.changes.offer(`warehouse:${warehouse.whlo}`, warehouse, undefined, seenAt, (v) =>
          warehouseRecord({
            value: { ...warehouse, changeStamp: String(v) },
            at: seenAt,
            poller: WAREHOUSE_POLLER,
            receivedAt: o.now(),
          }),
        );
      } catch (e) {
        if (!(e instanceof UnreadableRecord)) throw e;
        outcome = await o.changes.unreadable(`warehouse:${rec.WHLO?.trim() || '(none)'}`, rec, READER, e.message);
      }
      count(outcome);
      countOutcome(report, outcome);
    }
    if (report.produced > 0 || report.deadLettered > 0) log.info(report, 'warehouse poll pass');
    return report;
  }

  return miPoller({
    what: 'warehouse',
    pass: pollOnce,
    intervalMs: o.intervalMs,
    count,
    logger: log,
    ...(o.schedule ? { schedule: o.schedule } : {}),
  });
}
