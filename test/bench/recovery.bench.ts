// Recovery after kill -9, end to end: the sandbox (both simulators, the five services as processes) under a
// fresh namespace; a few orders flow through the whole chain first, then each service in turn is killed
// with SIGKILL while it is a live group member, restarted at once, and timed from the restart until its
// /health/ready answers 200 (which needs every consumer group of the service joined and every table
// loaded). Rounds are interleaved; the median and min–max per service are printed.
// Run: npx tsx test/bench/recovery.bench.ts [rounds] [service,…]   (the stack must be up: npm run stack:up)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../../infra/sandbox/sandbox';
import { sandboxServices } from '../../infra/sandbox/wiring';
import { m3OrdersByCuor, waitFor } from '../e2e/support';
import { testStack, uniqueName } from '../support/env';

const rounds = Number(process.argv[2] ?? 3);
const names = process.argv[3]?.split(',') ?? sandboxServices.map((s) => s.name);

const sb = await startSandbox({
  connection: testStack(),
  dir: mkdtempSync(join(tmpdir(), 'bench-recovery-')),
  namespace: `${uniqueName('bench-recovery')}.`,
  servicePorts: 'free',
  logLevel: 'warn',
  magento: { sizes: { customers: 20, products: 20, orders: 0, sources: 3 } },
});

const times = new Map<string, number[]>(names.map((n) => [n, []]));
try {
  // The whole chain works (each service did work); a ready service is a joined, heartbeating member.
  const ids = sb.magento.placeOrders(3).map((o) => o.increment_id);
  await waitFor(
    '3 orders confirmed in M3',
    () => m3OrdersByCuor(sb),
    (m) => ids.every((id) => m.has(id)),
    120_000,
  );
  for (let round = 1; round <= rounds; round += 1) {
    for (const name of names) {
      await sb.stopService(name, 'SIGKILL');
      const restarted = performance.now();
      await sb.startService(name);
      const ms = performance.now() - restarted;
      times.get(name)?.push(ms);
      console.log(`round ${round}: ${name} ready ${(ms / 1000).toFixed(1)} s after kill -9 and restart`);
    }
  }
} finally {
  await sb.stop();
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
console.log(`\nready after kill -9 (${rounds} rounds): median (min–max)`);
for (const [name, xs] of times) {
  const s = (ms: number): string => (ms / 1000).toFixed(1);
  console.log(`  ${name.padEnd(16)} ${s(median(xs))} s (${s(Math.min(...xs))}–${s(Math.max(...xs))})`);
}
