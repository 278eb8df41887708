// The CRS610MI change poll for installations without customer BODs: every interval, `CRS610MI LstByNumber` with
// LMTS = the checkpoint less the overlap reads every customer changed since, page by page in customer-number
// order (maxrecs = the page size; the next page is positioned at the last CUNO read, which is dropped when it
// comes again). Each record becomes an M3Customer and is produced to cdc.m3.customer.v1 only when its content
// changed since the last one produced for it (state/polled-changes.ts, key `customer:<CUNO>`), with a version that
// always rises: the record's LMTS where it carries one, else the time it was read (the 14.x LstByNumber outputs
// have no LMTS or LMDT: MASTER-DATA-NOTES §3), never below the last version + 1. "LMTS format not confirmed": it is
// sent as epoch milliseconds, the form M3 writes elsewhere (items/change-stamp.ts); an M3 that ignored the filter
// would list every customer each pass, and the content check would still produce only the changed ones. A record
// that cannot be read goes to m3-ion-ingest.dlq once per content (key CUNO) and the pass goes on. The checkpoint
// (the start of the last finished pass, or the newest LMTS read if later) is saved to state.m3-ion-ingest.poller.v1
// after a pass that finished; a failed pass (M3 or Kafka unavailable) moves nothing and is repeated.
import type { CheckpointStore, Logger, Metrics, Schedule } from '@m3mage/runtime';
import type { MiClient, MiRecord } from '@m3mage/connectors/m3';
import { fromLmts } from '../items/change-stamp';
import { miPoller, type Poller } from '../state/mi-poller';
import type { PolledChanges, PolledOutcome } from '../state/polled-changes';
import { countOutcome, emptyReport, type PassReport } from '../stock/warehouse-poller';
import { polledCustomerRecord } from './customer-change';
import { customerContentOf, stamped, UnmappableCustomer } from './customer-record';

export const CUSTOMER_POLLER = 'm3-customers';
const SOURCE = 'm3-customer-poll';
const READER = 'CRS610MI/LstByNumber';

export const customerKey = (cuno: string): string => `customer:${cuno}`;

export interface CustomerPollerOptions {
  mi: Pick<MiClient, 'execute'>;
  checkpoints: CheckpointStore;
  changes: Pick<PolledChanges, 'offer' | 'unreadable'>;
  metrics: Pick<Metrics, 'ingestRequestsTotal'>;
  logger: Logger;
  now: () => number;
  intervalMs: number;
  /** Re-read this much before the checkpoint (clock skew between M3 and this host). */
  overlapMs: number;
  /** maxrecs of each LstByNumber call. */
  pageSize: number;
  /** Epoch ms of the very first pass's cursor; default: the time of that pass (no backfill). */
  startAt?: number;
  schedule?: Schedule;
}

export interface CustomerPassReport extends PassReport {
  /** Epoch ms (decimal string) the next pass reads from, less the overlap. */
  cursor: string;
  pages: number;
}

export function createCustomerPoller(o: CustomerPollerOptions): Poller<CustomerPassReport> {
  const log = o.logger.child({ component: 'customer-poller', poller: CUSTOMER_POLLER });
  const count = (outcome: string) => o.metrics.ingestRequestsTotal.inc({ source: SOURCE, outcome });
  let firstCursor: number | undefined;

  async function handle(rec: MiRecord, seenAt: number): Promise<PolledOutcome> {
    const cuno = rec.CUNO?.trim() ?? '';
    try {
      const content = customerContentOf(rec);
      const stamp = fromLmts(rec.LMTS);
      return await o.changes.offer(customerKey(content.cuno), content, stamp?.at, seenAt, (version) =>
        polledCustomerRecord({
          customer: stamped(content, { at: stamp?.at ?? seenAt, stamp: String(version) }),
          poller: CUSTOMER_POLLER,
          receivedAt: o.now(),
        }),
      );
    } catch (e) {
      if (!(e instanceof UnmappableCustomer)) throw e;
      return o.changes.unreadable(customerKey(cuno || '(none)'), rec, READER, e.message, cuno || '(no CUNO)');
    }
  }

  async function pollOnce(): Promise<CustomerPassReport> {
    const saved = o.checkpoints.get(CUSTOMER_POLLER);
    const startedAt = o.now();
    firstCursor ??= o.startAt ?? startedAt;
    const cursor = saved ? Number(saved.cursor) : firstCursor;
    const LMTS = String(Math.max(0, cursor - o.overlapMs));
    const report: CustomerPassReport = { ...emptyReport(), cursor: String(cursor), pages: 0 };
    let newest = Math.max(cursor, startedAt);
    let from: string | undefined;
    for (;;) {
      const page = await o.mi.execute('CRS610MI', 'LstByNumber', { CUNO: from, LMTS }, { maxrecs: o.pageSize });
      const seenAt = o.now();
      report.pages += 1;
      const fresh = from === undefined ? page : page.filter((r) => r.CUNO?.trim() !== from);
      report.read += fresh.length;
      for (const outcome of await Promise.all(fresh.map((r) => handle(r, seenAt)))) {
        count(outcome);
        countOutcome(report, outcome);
      }
      for (const r of fresh) newest = Math.max(newest, fromLmts(r.LMTS)?.at ?? 0);
      const last = page.findLast((r) => (r.CUNO?.trim() ?? '') !== '')?.CUNO?.trim();
      if (page.length < o.pageSize || last === undefined || last === from) break;
      from = last;
    }
    // Everything changed before this pass began is read: the next one may start there (less the overlap).
    if (!saved || String(newest) !== saved.cursor)
      await o.checkpoints.set(CUSTOMER_POLLER, { cursor: String(newest), lastEntityId: null }, o.now());
    report.cursor = String(newest);
    if (report.produced > 0 || report.deadLettered > 0) log.info(report, 'customer poll pass');
    return report;
  }

  return miPoller({
    what: 'customer',
    pass: pollOnce,
    intervalMs: o.intervalMs,
    count,
    logger: log,
    ...(o.schedule ? { schedule: o.schedule } : {}),
  });
}
