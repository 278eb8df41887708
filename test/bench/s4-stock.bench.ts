// Benchmark S4 (../shared/design/PERFORMANCE.md, issue 10): a burst of 50,000 stock changes over 5,000
// item@warehouse in M3, spread over 10 s, through the sandbox (five services as processes, simulators as in
// `npm start`, the stock poll every second). Printed, not asserted:
// - freshness after the burst: per key, from its last change in M3 to Magento's source item showing it (p50,
//   p99, max), sampled every 100 ms;
// - Magento calls: source-item POSTs made (magento-writer's own call metric) against one call per change;
// - CPU ms per change per service (user + system from /proc, over the burst and its drain) and RSS.
// Run: npm run bench:s4 (needs the local stack: npm run stack:up). Writes test/bench/results/s4.json.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSandbox } from '../../infra/sandbox/sandbox';
import { testStack, uniqueName } from '../support/env';

const CHANGES = 50_000;
const KEYS = 5_000;
const SPREAD_MS = 10_000;
const STEPS = 20;
const WAREHOUSES = ['100', '200', '300'];
const SOURCE_OF: Record<string, string> = { '100': 'wh_sto', '200': 'wh_ber', '300': 'wh_osl' };
const ITEMS = Math.ceil(KEYS / WAREHOUSES.length);

const say = (m: string) => console.log(`[s4] ${m}`);
const ticks = (pid: number): number => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(f[11]) + Number(f[12]); // utime + stime, in clock ticks (USER_HZ = 100 on Linux)
};
const rssMb = (pid: number): number =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

say(`starting the sandbox: ${ITEMS} items, warehouses ${WAREHOUSES.join(', ')} …`);
const dir = mkdtempSync(join(tmpdir(), 'bench-s4-'));
say(`service logs in ${dir}/logs`);
const sb = await startSandbox({
  connection: testStack(),
  dir,
  namespace: `${uniqueName('bench-s4')}.`,
  servicePorts: 'free',
  logLevel: 'warn',
  bodNouns: [],
  m3: { seed: { items: ITEMS, warehouses: WAREHOUSES } },
  magento: { sizes: { customers: 1, products: 0, orders: 0, sources: 1 } },
  serviceEnv: {
    'm3-ion-ingest': { WAREHOUSE_POLL_INTERVAL_MS: '1000', STOCK_POLL_INTERVAL_MS: '1000', LOG_LEVEL: 'info' },
    transformer: { LOG_LEVEL: 'info' },
    'magento-writer': { RETRY_DELAYS_MS: '1000,5000,20000', LOG_LEVEL: 'info' },
  },
});
try {
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
  const settled = async (want: Map<string, number>, timeoutMs: number): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while ([...want].some(([k, q]) => sb.magento.state.sourceItems.get(k)?.quantity !== q)) {
      if (Date.now() > deadline) throw new Error('source items did not settle');
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const expectedNow = (): Map<string, number> =>
    new Map(
      [...sb.m3.state.balances.values()]
        .filter((b) => SOURCE_OF[b.WHLO])
        .map((b) => [`${b.ITNO}@${SOURCE_OF[b.WHLO]}`, Math.max(0, b.STQT - b.ALQT)] as const),
    );

  // Warm-up: sources created and the first full stock pass applied, so the burst alone is measured.
  say('warm-up: sources and the first stock pass …');
  await settled(expectedNow(), 300_000);

  const pids = [...sb.children.values()].map((c) => ({ name: c.name, pid: c.proc.pid! }));
  const cpu0 = new Map(pids.map((p) => [p.name, ticks(p.pid)]));
  const self0 = process.cpuUsage();
  const calls0 = await calls();
  const lastChange = new Map<string, number>();
  const seenAt = new Map<string, number>();
  const balanceOf = (key: string) => {
    const [itno, source] = key.split('@') as [string, string];
    const whlo = Object.keys(SOURCE_OF).find((w) => SOURCE_OF[w] === source)!;
    const b = sb.m3.state.balances.get(sb.m3.state.balanceKey(whlo, itno));
    return b ? Math.max(0, b.STQT - b.ALQT) : undefined;
  };
  // Sampled during the burst and after it: when Magento first shows a key's value after its last change.
  const sample = (): void => {
    const now = Date.now();
    for (const key of lastChange.keys())
      if (!seenAt.has(key) && sb.magento.state.sourceItems.get(key)?.quantity === balanceOf(key)) seenAt.set(key, now);
  };
  const sampler = setInterval(sample, 100);
  const t0 = Date.now();
  let changes = 0;
  say(`burst: ~${CHANGES} changes over ${KEYS} keys in ${STEPS} steps over ${SPREAD_MS / 1000} s …`);
  // A first step touching every key, the rest spread over the window on random subsets.
  for (let step = 0; step < STEPS; step++) {
    const at = t0 + (step * SPREAD_MS) / (STEPS - 1);
    if (Date.now() < at) await new Promise((r) => setTimeout(r, at - Date.now()));
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
  const deadline = Date.now() + 300_000;
  while (seenAt.size < lastChange.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  clearInterval(sampler);
  const drained = Date.now();
  const made = (await calls()) - calls0;
  const lags = [...lastChange].map(([k, at]) => (seenAt.get(k) ?? Number.NaN) - at).sort((a, b) => a - b);
  const missing = lags.filter((l) => Number.isNaN(l)).length;
  const fresh = lags.filter((l) => !Number.isNaN(l));
  const cpu = pids.map((p) => ({
    service: p.name,
    cpuMsPerChange: (((ticks(p.pid) - cpu0.get(p.name)!) * 10) / changes).toFixed(4),
    rssMb: Math.round(rssMb(p.pid)),
  }));
  const selfCpu = process.cpuUsage(self0);
  const result = {
    scenario: 'S4 stock burst',
    at: new Date().toISOString(),
    changes,
    keys: lastChange.size,
    burstMs: burstEnd - t0,
    drainedAfterBurstMs: drained - burstEnd,
    freshnessMs: { p50: pct(fresh, 0.5), p99: pct(fresh, 0.99), max: fresh.at(-1) ?? null, notFresh: missing },
    magentoSourceItemCalls: made,
    baselineCalls: changes,
    callsVsBaselinePct: Number(((made / changes) * 100).toFixed(3)),
    cpuPerService: cpu,
    simulatorsAndBenchCpuMsPerChange: ((selfCpu.user + selfCpu.system) / 1000 / changes).toFixed(4),
  };
  console.log(JSON.stringify(result, null, 2));
  const out = resolve(import.meta.dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(resolve(out, 's4.json'), `${JSON.stringify(result, null, 2)}\n`);
  say(
    `freshness p99 ${result.freshnessMs.p99} ms after each key's last change; ${made} source-item calls = ${result.callsVsBaselinePct} % of one call per change (${changes})`,
  );
} finally {
  await sb.stop();
}
