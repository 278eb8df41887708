// One S4 run: a sandbox (five services as processes, simulators in this process, the stock poll every
// second) with every service in one PIPELINE_MODE, warmed up (sources created, the first stock pass applied),
// then the burst — the same changes in every run (same seeds, same schedule) — and its drain, measured:
// freshness per key from its last M3 change to Magento showing it (sampled every 100 ms), source-item calls
// (magento-writer's own call metric), CPU ms per change per process (/proc, over the burst and its drain) and
// RSS. Every wait has a deadline: what was reached by then is reported, never a silent hang.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PipelineMode } from '@m3mage/runtime';
import { startSandbox, type Sandbox } from '../../../infra/sandbox/sandbox';
import { sandboxServices } from '../../../infra/sandbox/wiring';
import type { StackConnection } from '../../../infra/stack/connection';
import { uniqueName } from '../../support/env';
import { brokerPid, cpuFrom, rssMb, type Proc } from '../common/proc';
import { pct, round4, sleep } from '../common/stats';

export const CHANGES = 50_000;
export const KEYS = 5_000;
const SPREAD_MS = 10_000;
const STEPS = 20;
const WAREHOUSES = ['100', '200', '300'];
const SOURCE_OF: Record<string, string> = { '100': 'wh_sto', '200': 'wh_ber', '300': 'wh_osl' };
const ITEMS = Math.ceil(KEYS / WAREHOUSES.length);

export interface ProcessCpu {
  service: string;
  cpuMsPerChange: number;
  rssMb: number;
}

export interface BurstResult {
  mode: PipelineMode;
  changes: number;
  keys: number;
  warmupMs: number;
  /** False when the warm-up deadline passed first (the burst then also drains what was left of it). */
  warmupSettled: boolean;
  burstMs: number;
  /** From the end of the burst until every key was fresh, or the deadline. */
  drainedAfterBurstMs: number;
  /** Every key reached its newest value before the deadline. */
  settled: boolean;
  freshnessMs: { p50: number; p99: number; max: number | null; notFresh: number };
  magentoSourceItemCalls: number;
  /** Calls against one call per change (the issue's arithmetic baseline). */
  callsPerChangePct: number;
  cpuPerService: ProcessCpu[];
  servicesCpuMsPerChange: number;
  /** The Kafka broker of the local stack, when its pid is known (.stack/kafka.pid). */
  brokerCpuMsPerChange: number | null;
  simulatorsAndBenchCpuMsPerChange: number;
}

export interface BurstOptions {
  connection: StackConnection;
  /** Deadline of the warm-up and, separately, of the drain after the burst. */
  deadlineMs: number;
  say(message: string): void;
}

async function sandboxIn(mode: PipelineMode, o: BurstOptions): Promise<Sandbox> {
  const dir = mkdtempSync(join(tmpdir(), `bench-s4-${mode}-`));
  o.say(`${mode}: starting the sandbox (${ITEMS} items, warehouses ${WAREHOUSES.join(', ')}); logs in ${dir}/logs`);
  const own: Record<string, Record<string, string>> = {
    'm3-ion-ingest': { WAREHOUSE_POLL_INTERVAL_MS: '1000', STOCK_POLL_INTERVAL_MS: '1000', LOG_LEVEL: 'info' },
    transformer: { LOG_LEVEL: 'info' },
    'magento-writer': { RETRY_DELAYS_MS: '1000,5000,20000', LOG_LEVEL: 'info' },
  };
  return startSandbox({
    connection: o.connection,
    dir,
    namespace: `${uniqueName(`bench-s4-${mode}`)}.`,
    servicePorts: 'free',
    logLevel: 'warn',
    bodNouns: [],
    m3: { seed: { items: ITEMS, warehouses: WAREHOUSES } },
    magento: { sizes: { customers: 1, products: 0, orders: 0, sources: 1 } },
    serviceEnv: Object.fromEntries(
      sandboxServices.map((s) => [s.name, { ...own[s.name], PIPELINE_MODE: mode }] as const),
    ),
  });
}

export async function runBurst(mode: PipelineMode, o: BurstOptions): Promise<BurstResult> {
  const sb = await sandboxIn(mode, o);
  try {
    return await measure(sb, mode, o);
  } finally {
    await sb.stop();
  }
}

async function measure(sb: Sandbox, mode: PipelineMode, o: BurstOptions): Promise<BurstResult> {
  const m3 = async (path: string, body: unknown): Promise<unknown> => {
    const res = await fetch(`${sb.m3Url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const calls = async (): Promise<number> =>
    (await (await fetch(`${sb.serviceUrl('magento-writer')}/metrics`)).text())
      .split('\n')
      .filter((l) => l.startsWith('pipeline_external_call_seconds_count{') && l.includes('source-items'))
      .reduce((n, l) => n + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
  const quantityOf = (key: string): number | undefined => {
    const [itno, source] = key.split('@') as [string, string];
    const whlo = Object.keys(SOURCE_OF).find((w) => SOURCE_OF[w] === source)!;
    const b = sb.m3.state.balances.get(sb.m3.state.balanceKey(whlo, itno));
    return b ? Math.max(0, b.STQT - b.ALQT) : undefined;
  };
  const isFresh = (key: string): boolean => sb.magento.state.sourceItems.get(key)?.quantity === quantityOf(key);

  // Warm-up: sources created and the first full stock pass applied, so the burst alone is measured.
  const warmKeys = [...sb.m3.state.balances.values()]
    .filter((b) => SOURCE_OF[b.WHLO])
    .map((b) => `${b.ITNO}@${SOURCE_OF[b.WHLO]}`);
  o.say(`${mode}: warm-up, sources and the first stock pass (${warmKeys.length} source items) …`);
  const warm0 = Date.now();
  let stale = warmKeys.length;
  while ((stale = warmKeys.filter((k) => !isFresh(k)).length) > 0 && Date.now() - warm0 < o.deadlineMs)
    await sleep(200);
  const warmupMs = Date.now() - warm0;
  if (stale > 0)
    o.say(`${mode}: warm-up NOT settled after ${warmupMs} ms: ${stale} of ${warmKeys.length} source items behind`);

  const services = [...sb.children.values()].map((c) => ({ process: c.name, pid: c.proc.pid! }));
  const broker = brokerPid();
  const procs = broker ? [...services, { process: 'kafka-broker', pid: broker }] : services;
  const cpu = cpuFrom(procs);
  const self0 = process.cpuUsage();
  const calls0 = await calls();
  const lastChange = new Map<string, number>();
  const seenAt = new Map<string, number>();
  // Sampled during the burst and after it: when Magento first shows a key's value after its last change.
  const sampler = setInterval(() => {
    const now = Date.now();
    for (const key of lastChange.keys()) if (!seenAt.has(key) && isFresh(key)) seenAt.set(key, now);
  }, 100);
  const t0 = Date.now();
  let changes = 0;
  o.say(`${mode}: burst, ~${CHANGES} changes over ${KEYS} keys in ${STEPS} steps over ${SPREAD_MS / 1000} s …`);
  // A first step touching every key, the rest spread over the window on random subsets; same seeds every run.
  for (let step = 0; step < STEPS; step++) {
    const at = t0 + (step * SPREAD_MS) / (STEPS - 1);
    if (Date.now() < at) await sleep(at - Date.now());
    const n = step === 0 ? KEYS : Math.floor((CHANGES - KEYS) / (STEPS - 1));
    const { final } = (await m3('/_control/stock/burst', {
      changes: n,
      keys: step === 0 ? KEYS : Math.floor(KEYS / 4),
      seed: 100 + step,
      warehouses: WAREHOUSES,
    })) as { final: Array<{ WHLO: string; ITNO: string }> };
    changes += n;
    const now = Date.now();
    for (const b of final) {
      const key = `${b.ITNO}@${SOURCE_OF[b.WHLO]}`;
      lastChange.set(key, now);
      seenAt.delete(key);
    }
  }
  const burstEnd = Date.now();
  let progressAt = burstEnd;
  while (seenAt.size < lastChange.size && Date.now() - burstEnd < o.deadlineMs) {
    await sleep(100);
    if (Date.now() - progressAt >= 10_000) {
      progressAt = Date.now();
      const s = Math.round((progressAt - burstEnd) / 1000);
      o.say(
        `${mode}: ${s} s after the burst: ${seenAt.size}/${lastChange.size} keys fresh, ${(await calls()) - calls0} calls`,
      );
    }
  }
  clearInterval(sampler);
  const drained = Date.now();
  const settled = seenAt.size >= lastChange.size;
  if (!settled)
    o.say(`${mode}: NOT settled ${o.deadlineMs} ms after the burst: ${lastChange.size - seenAt.size} keys not fresh`);
  const made = (await calls()) - calls0;
  const lags = [...lastChange].map(([k, at]) => (seenAt.get(k) ?? Number.NaN) - at);
  const fresh = lags.filter((l) => !Number.isNaN(l)).sort((a, b) => a - b);
  const perChange = (p: Proc): number => round4(cpu.ms(p) / changes);
  const cpuPerService = services.map((p) => ({
    service: p.process,
    cpuMsPerChange: perChange(p),
    rssMb: Math.round(rssMb(p.pid)),
  }));
  const selfCpu = process.cpuUsage(self0);
  return {
    mode,
    changes,
    keys: lastChange.size,
    warmupMs,
    warmupSettled: stale === 0,
    burstMs: burstEnd - t0,
    drainedAfterBurstMs: drained - burstEnd,
    settled,
    freshnessMs: {
      p50: pct(fresh, 0.5),
      p99: pct(fresh, 0.99),
      max: fresh.at(-1) ?? null,
      notFresh: lags.length - fresh.length,
    },
    magentoSourceItemCalls: made,
    callsPerChangePct: Number(((made / changes) * 100).toFixed(3)),
    cpuPerService,
    servicesCpuMsPerChange: round4(cpuPerService.reduce((n, p) => n + p.cpuMsPerChange, 0)),
    brokerCpuMsPerChange: broker ? perChange({ process: 'kafka-broker', pid: broker }) : null,
    simulatorsAndBenchCpuMsPerChange: round4((selfCpu.user + selfCpu.system) / 1000 / changes),
  };
}
