// S4's report: both runs side by side with the ratios optimised / naive, and the comparison with the stored
// baseline (test/bench/baselines/s4.json), flagging what regressed beyond the noise of a shared 2-core machine.
import { regressionCheck } from '../common/regressions';
import { ratio } from '../common/stats';
import { renderTable, type Cell } from '../common/table';
import type { BurstResult } from './burst';

export interface S4Ratios {
  /** Source-item calls of the optimised run as a percentage of the naive run's (target ≤ 1 %). */
  callsPctOfNaive: number;
  freshnessP50: number | null;
  freshnessP99: number | null;
  servicesCpu: number | null;
  cpuPerService: Record<string, number | null>;
}

export interface S4Result {
  scenario: 'S4 stock burst';
  at: string;
  optimised: BurstResult;
  naive: BurstResult;
  ratios: S4Ratios;
}

export function ratios(optimised: BurstResult, naive: BurstResult): S4Ratios {
  return {
    callsPctOfNaive: Number(
      ((optimised.magentoSourceItemCalls / Math.max(1, naive.magentoSourceItemCalls)) * 100).toFixed(3),
    ),
    freshnessP50: ratio(optimised.freshnessMs.p50, naive.freshnessMs.p50),
    freshnessP99: ratio(optimised.freshnessMs.p99, naive.freshnessMs.p99),
    servicesCpu: ratio(optimised.servicesCpuMsPerChange, naive.servicesCpuMsPerChange),
    cpuPerService: Object.fromEntries(
      optimised.cpuPerService.map((p) => [
        p.service,
        ratio(p.cpuMsPerChange, naive.cpuPerService.find((n) => n.service === p.service)?.cpuMsPerChange ?? null),
      ]),
    ),
  };
}

export function table(r: S4Result): string {
  const { optimised: o, naive: n, ratios: q } = r;
  const rows: Array<[string, Cell, Cell, Cell]> = [
    ['changes / keys', `${o.changes} / ${o.keys}`, `${n.changes} / ${n.keys}`, ''],
    ['warm-up ms', o.warmupMs, n.warmupMs, ''],
    ['settled (every key fresh)', o.settled, n.settled, ''],
    ['drained after burst ms', o.drainedAfterBurstMs, n.drainedAfterBurstMs, ''],
    ['freshness p50 ms', o.freshnessMs.p50, n.freshnessMs.p50, q.freshnessP50],
    ['freshness p99 ms', o.freshnessMs.p99, n.freshnessMs.p99, q.freshnessP99],
    ['freshness max ms', o.freshnessMs.max, n.freshnessMs.max, ratio(o.freshnessMs.max, n.freshnessMs.max)],
    ['keys not fresh', o.freshnessMs.notFresh, n.freshnessMs.notFresh, ''],
    ['Magento source-item calls', o.magentoSourceItemCalls, n.magentoSourceItemCalls, `${q.callsPctOfNaive} %`],
    ['calls per change %', o.callsPerChangePct, n.callsPerChangePct, ''],
    ...o.cpuPerService.map((p): [string, Cell, Cell, Cell] => {
      const m = n.cpuPerService.find((x) => x.service === p.service);
      return [`CPU ms/change ${p.service}`, p.cpuMsPerChange, m?.cpuMsPerChange, q.cpuPerService[p.service]];
    }),
    ['CPU ms/change five services', o.servicesCpuMsPerChange, n.servicesCpuMsPerChange, q.servicesCpu],
    [
      'CPU ms/change Kafka broker',
      o.brokerCpuMsPerChange,
      n.brokerCpuMsPerChange,
      ratio(o.brokerCpuMsPerChange, n.brokerCpuMsPerChange),
    ],
    ['CPU ms/change simulators+bench', o.simulatorsAndBenchCpuMsPerChange, n.simulatorsAndBenchCpuMsPerChange, ''],
    ...o.cpuPerService.map((p): [string, Cell, Cell, Cell] => [
      `RSS MB ${p.service}`,
      p.rssMb,
      n.cpuPerService.find((x) => x.service === p.service)?.rssMb,
      '',
    ]),
  ];
  return renderTable(['', 'optimised', 'naive', 'optimised/naive'], rows);
}

/** What the stored baseline holds of the optimised run (its shape before the naive run: the run itself). */
interface StoredRun {
  freshnessMs: { p99: number; notFresh: number };
  magentoSourceItemCalls: number;
  cpuPerService: Array<{ service: string; cpuMsPerChange: number | string }>;
}

const servicesCpu = (run: StoredRun): number => run.cpuPerService.reduce((n, p) => n + Number(p.cpuMsPerChange), 0);

/**
 * Regressions of the optimised run against the stored one, beyond noise: freshness p99 over 1.5× (and 1 s more),
 * source-item calls over 1.25× (and 10 more), services' CPU per change over 1.5×, any key not fresh, and the
 * calls share of the naive run over 1.5× (and 0.1 point more) when the baseline has one.
 */
export function regressions(current: S4Result, stored: unknown): string[] {
  const s = stored as Partial<S4Result> & Partial<StoredRun>;
  const base: StoredRun | undefined = s.optimised ?? (s.freshnessMs ? (s as StoredRun) : undefined);
  if (!base) return ['the stored baseline has no S4 run to compare with'];
  const o = current.optimised;
  const { over, flag, found } = regressionCheck();
  over('freshness p99 ms', o.freshnessMs.p99, base.freshnessMs.p99, 1.5, 1000);
  over('source-item calls', o.magentoSourceItemCalls, base.magentoSourceItemCalls, 1.25, 10);
  over('CPU ms per change, five services', o.servicesCpuMsPerChange, Number(servicesCpu(base).toFixed(4)), 1.5, 0);
  if (o.freshnessMs.notFresh > 0) flag(`${o.freshnessMs.notFresh} keys never reached their newest value`);
  if (s.ratios) over('calls % of naive', current.ratios.callsPctOfNaive, s.ratios.callsPctOfNaive, 1.5, 0.1);
  return found;
}
