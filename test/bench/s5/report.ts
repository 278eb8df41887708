// S5's report: the run's figures next to PERFORMANCE.md's targets (printed, never asserted), and the comparison
// with the stored baseline (test/bench/baselines/s5.json), flagging what regressed beyond the noise of a shared
// 2-core machine.
import { regressionCheck } from '../common/regressions';
import { renderTable, type Cell } from '../common/table';
import type { OrderLatency } from './orders';
import type { S5Run } from './run';

export interface S5Result extends S5Run {
  scenario: 'S5 backfill while orders flow';
  at: string;
}

export const TARGETS = { itemsPerS: 5000, p99RatioToIdle: 2, rssMb: 256 } as const;

const latencyRows = (what: string, l: OrderLatency, p99Target: Cell = ''): Cell[][] => [
  [`${what} orders confirmed / not`, `${l.count} / ${l.notConfirmed}`, ''],
  [`${what} latency p50 ms`, l.p50, ''],
  [`${what} latency p99 ms`, l.p99, p99Target],
  [`${what} latency max ms`, l.max, ''],
];

export function table(r: S5Result): string {
  const idleP99x2 = `≤ ${TARGETS.p99RatioToIdle * r.idleOrders.p99} (2× idle)`;
  const rows: Cell[][] = [
    ['items in M3 / to become products', `${r.itemsInM3} / ${r.productsExpected}`, ''],
    ['live orders/s (open loop)', r.orderRate, ''],
    ...latencyRows('idle:', r.idleOrders),
    ['backfill CLI exit', r.cli.exit, ''],
    [
      'CLI read / produced / older / failed',
      `${r.cli.read} / ${r.cli.produced} / ${r.cli.skippedOlder} / ${r.cli.failed}`,
      '',
    ],
    ['CLI wall time ms', r.cli.wallMs, ''],
    ['CLI reported time s', r.cli.reportedS, ''],
    ['CLI reported rows/s', r.cli.reportedRowsPerS, `≥ ${TARGETS.itemsPerS}`],
    ['every product in Magento', r.endToEnd.settled, ''],
    ['products created', `${r.endToEnd.productsCreated} / ${r.productsExpected}`, ''],
    ['CLI start → last product ms', r.endToEnd.ms, ''],
    ['products/s end to end', r.endToEnd.productsPerS, `≥ ${TARGETS.itemsPerS}`],
    ...latencyRows('backfill:', r.backfillOrders, idleP99x2),
    ['while the CLI ran: p99 ms', r.whileCliRanOrders.p99, idleP99x2],
    ['live p99 backfill / idle', r.p99RatioToIdle, `≤ ${TARGETS.p99RatioToIdle}`],
    ['orders confirmed twice / not placed', `${r.duplicateOrders} / ${r.ordersNotPlaced}`, '0 / 0'],
    ...r.processes.map((p) => [
      `CPU ms/item ${p.process} (net of orders)`,
      `${p.cpuMsPerItem} (${p.netCpuMsPerItem})`,
      '',
    ]),
    ['CPU ms/item five services (net)', `${r.servicesCpuMsPerItem} (${r.servicesNetCpuMsPerItem})`, ''],
    ...r.processes
      .filter((p) => p.idleCpuMsPerOrder !== null)
      .map((p) => [`idle CPU ms/order ${p.process}`, p.idleCpuMsPerOrder, '']),
    ...r.processes
      .filter((p) => p.rssPeakMb !== null)
      .map((p) => [`RSS peak MB ${p.process}`, p.rssPeakMb, p.process === 'backfill-cli' ? '' : `≤ ${TARGETS.rssMb}`]),
  ];
  return renderTable(['', 'measured', 'target'], rows);
}

/** What went wrong whatever the baseline: a CLI that did not exit 0, products missing, orders lost or doubled. */
export function problems(c: S5Result): string[] {
  const lost = c.idleOrders.notConfirmed + c.backfillOrders.notConfirmed;
  return [
    ...(c.cli.exit === 0 ? [] : [`the backfill CLI exited ${c.cli.exit}`]),
    ...(c.endToEnd.settled ? [] : [`${c.productsExpected - c.endToEnd.productsCreated} products never created`]),
    ...(lost === 0 ? [] : [`${lost} live orders not confirmed in M3`]),
    ...(c.duplicateOrders === 0 ? [] : [`${c.duplicateOrders} live orders confirmed twice`]),
    ...(c.ordersNotPlaced === 0 ? [] : [`${c.ordersNotPlaced} live orders refused by the Magento simulator`]),
  ];
}

const setup = (r: Partial<S5Result>): string =>
  `${r.items} items, ${r.orderRate} orders/s, ${(r.backfillArgs ?? []).join(' ')}`;

/** A stored run of another size, order rate or CLI arguments is not compared. */
export function notComparable(current: S5Result, stored: unknown): string | undefined {
  const s = stored as Partial<S5Result>;
  if (!s.processes || setup(s) !== setup(current)) return `the baseline ran ${setup(s)}; this run ${setup(current)}`;
  return undefined;
}

/**
 * Regressions against the stored run of the same setup, beyond noise: live p99 (idle or backfill) over 1.5× and
 * 500 ms more, the p99 ratio over 1.5× and 0.5 more, CLI rows/s or products/s end to end under 1 / 1.5, the five
 * services' CPU per item over 1.5×, any process's RSS peak over 1.25× and 32 MB more.
 */
export function regressions(c: S5Result, stored: unknown): string[] {
  const { over, under, found } = regressionCheck();
  const s = stored as S5Result;
  over('idle live p99 ms', c.idleOrders.p99, s.idleOrders.p99, 1.5, 500);
  over('backfill live p99 ms', c.backfillOrders.p99, s.backfillOrders.p99, 1.5, 500);
  over('live p99 backfill / idle', c.p99RatioToIdle, s.p99RatioToIdle, 1.5, 0.5);
  under('CLI rows/s', c.cli.reportedRowsPerS, s.cli.reportedRowsPerS, 1.5, 0);
  under('products/s end to end', c.endToEnd.productsPerS, s.endToEnd.productsPerS, 1.5, 0);
  over('CPU ms per item, five services', c.servicesCpuMsPerItem, s.servicesCpuMsPerItem, 1.5, 0);
  for (const p of c.processes) {
    const then = s.processes.find((x) => x.process === p.process)?.rssPeakMb;
    over(`RSS peak MB ${p.process}`, p.rssPeakMb, then, 1.25, 32);
  }
  return found;
}
