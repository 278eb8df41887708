// Stock balances for the store: every interval, the configured reader's balances (balance-readers.ts), each
// produced to cdc.m3.stock.v1 (key ITNO@WHLO, compacted) when its quantities changed since the last one
// produced (key `stock:<ITNO>@<WHLO>` in the variation table). The version is the last stock transaction's
// time where the reader gives it (TRDT/TRTM), else the time the balance was seen — and always above the last
// version sent, so newest wins downstream. Many balances are offered at once (STOCK_POLL_CONCURRENCY): a
// burst of changes is a few thousand records per pass, whatever the number of transactions behind them.
// A record that cannot be read (or a moved balance M3 will not return) goes to m3-ion-ingest.dlq once; a failed pass saves nothing and is repeated.
import type { Logger, Metrics, Schedule } from '@m3mage/runtime';
import { miPoller, type Poller } from '../state/mi-poller';
import type { MiRecord } from '@m3mage/connectors/m3';
import type { PolledChanges, PolledOutcome } from '../state/polled-changes';
import type { BalanceReader } from './balance-readers';
import { balanceKey, balanceOf, balanceRecord, transactionAt, UnreadableRecord } from './records';
import { countOutcome, emptyReport, type PassReport } from './warehouse-poller';

export const STOCK_POLLER = 'm3-stock';

export interface StockPollerOptions {
  reader: BalanceReader;
  changes: PolledChanges;
  metrics: Pick<Metrics, 'ingestRequestsTotal'>;
  logger: Logger;
  now: () => number;
  intervalMs: number;
  concurrency: number;
  schedule?: Schedule;
}

export interface StockPassReport extends PassReport {
  missing: number;
}

export function createStockPoller(o: StockPollerOptions): Poller<StockPassReport> {
  const log = o.logger.child({ component: 'stock-poller', poller: STOCK_POLLER });
  const count = (outcome: string, n = 1) => o.metrics.ingestRequestsTotal.inc({ source: 'm3-stock-poll', outcome }, n);

  async function offer(rec: MiRecord, reader: string, seenAt: number): Promise<PolledOutcome> {
    try {
      const balance = balanceOf(rec, reader);
      const { reader: _r, ...content } = balance;
      return await o.changes.offer(
        `stock:${balanceKey(balance)}`,
        content,
        transactionAt(rec.TRDT, rec.TRTM),
        seenAt,
        (v) =>
          balanceRecord({
            value: { ...balance, changeStamp: String(v) },
            at: Math.min(v, seenAt),
            poller: STOCK_POLLER,
            receivedAt: o.now(),
          }),
      );
    } catch (e) {
      if (!(e instanceof UnreadableRecord)) throw e;
      const key = `stock:${rec.ITNO?.trim() || '(none)'}@${rec.WHLO?.trim() || '(none)'}`;
      return o.changes.unreadable(key, rec, reader, e.message);
    }
  }

  async function pollOnce(): Promise<StockPassReport> {
    const started = o.now();
    const read = await o.reader.read();
    const seenAt = o.now();
    const report: StockPassReport = { ...emptyReport(), read: read.records.length, missing: read.missing.length };
    for (let i = 0; i < read.records.length; i += o.concurrency) {
      const chunk = read.records.slice(i, i + o.concurrency);
      for (const outcome of await Promise.all(chunk.map((r) => offer(r, read.reader, seenAt))))
        countOutcome(report, outcome);
    }
    // A balance that moved but cannot be read (GetItmWhsBal NOK): dead-lettered once with M3's message.
    for (const m of read.missing)
      countOutcome(report, await o.changes.unreadable(`stock:${m.key}`, m.input, read.reader, m.reason));
    await read.commit();
    count('produced', report.produced);
    count('skipped', report.skipped);
    count('dead-lettered', report.deadLettered);
    if (report.produced > 0 || report.deadLettered > 0 || report.missing > 0)
      log.info({ ...report, ms: o.now() - started }, 'stock poll pass');
    return report;
  }

  return miPoller({
    what: 'stock',
    pass: pollOnce,
    intervalMs: o.intervalMs,
    count,
    logger: log,
    ...(o.schedule ? { schedule: o.schedule } : {}),
  });
}
