// Benchmark S5 (../shared/design/PERFORMANCE.md, issue 12 item 8, issue 13): a backfill of the M3 item master
// while live orders flow, in one invocation. The sandbox (five services as processes, simulators in this
// process) seeded with S5_ITEMS items; the idle phase places S5_ORDER_RATE orders a second in Magento for
// S5_IDLE_S seconds, open loop, each timed from placement to its confirmed M3 order (the baseline: live orders
// alone); then `infra/backfill/cli.ts --entity items --from m3` runs as its own process while the same orders
// go on, until every released, priced item is a Magento product. Printed next to the targets, not asserted:
// the CLI's rows/s and wall time, products/s end to end, live-order p50/p99/max during the backfill and its
// ratio to idle, CPU ms per item per process (five services, the CLI, the broker, simulators+bench), RSS peaks;
// compared with the stored baseline and regressions beyond noise flagged.
// Run: npm run bench:s5 [-- --save-baseline] (needs the local stack: npm run stack:up). Writes
// test/bench/results/s5.json; --save-baseline also writes it to test/bench/baselines/s5.json.
// S5_ITEMS (default 100000), S5_ORDER_RATE (5), S5_IDLE_S (30), S5_DEADLINE_MS (1200000, the backfill phase),
// S5_BACKFILL_ARGS (appended to the CLI's arguments, e.g. "--rate 10000"; default none: the CLI's defaults).
import { testStack } from '../support/env';
import { publishResult } from './common/publish';
import { notComparable, problems, regressions, table, type S5Result } from './s5/report';
import { runS5 } from './s5/run';

const say = (m: string) => console.log(`[s5] ${m}`);
const env = (name: string, otherwise: number): number => Number(process.env[name] ?? otherwise);

const run = await runS5({
  connection: testStack(),
  items: env('S5_ITEMS', 100_000),
  orderRate: env('S5_ORDER_RATE', 5),
  idleS: env('S5_IDLE_S', 30),
  deadlineMs: env('S5_DEADLINE_MS', 1_200_000),
  backfillArgs: (process.env['S5_BACKFILL_ARGS'] ?? '').split(/\s+/).filter(Boolean),
  say,
});
const result: S5Result = { scenario: 'S5 backfill while orders flow', at: new Date().toISOString(), ...run };
console.log(JSON.stringify(result, null, 2));
console.log(`\nS5 backfill while orders flow, against the idle phase of the same run:\n${table(result)}`);
for (const p of problems(result)) say(`PROBLEM: ${p}`);
publishResult('s5', result, { regressions, notComparable }, say);
say(
  `${result.cli.read} items read at ${result.cli.reportedRowsPerS} rows/s, ${result.endToEnd.productsPerS} products/s ` +
    `end to end; live p99 ${result.backfillOrders.p99} ms against ${result.idleOrders.p99} ms idle (${result.p99RatioToIdle}×)`,
);
