// Benchmark S4 (../shared/design/PERFORMANCE.md, issues 10 and 13): a burst of ~50,000 stock changes over
// 5,000 item@warehouse in M3, spread over 10 s, through the sandbox (five services as processes, simulators
// as in `npm start`, the stock poll every second), run twice in one invocation on the same changes: the
// services as built (PIPELINE_MODE=optimised), then the baseline, the same services with PIPELINE_MODE=naive
// (no conflation, one message at a time per partition, no linger, every source item its own call, one M3
// call at a time). Printed, not asserted: freshness after the burst (p50, p99, max), Magento source-item
// calls, CPU ms per change per process, RSS, and the ratios optimised / naive; the optimised run is compared
// with the stored baseline and regressions beyond noise are flagged.
// Run: npm run bench:s4 [-- --save-baseline] (needs the local stack: npm run stack:up). Writes
// test/bench/results/s4.json; --save-baseline also writes it to test/bench/baselines/s4.json.
// S4_DEADLINE_MS (default 600000) bounds the warm-up and the drain of each run.
import { testStack } from '../support/env';
import { publishResult } from './common/publish';
import { runBurst } from './s4/burst';
import { ratios, regressions, table, type S4Result } from './s4/report';

const say = (m: string) => console.log(`[s4] ${m}`);
const deadlineMs = Number(process.env['S4_DEADLINE_MS'] ?? 600_000);
const options = { connection: testStack(), deadlineMs, say };

const optimised = await runBurst('optimised', options);
say(`optimised: freshness p99 ${optimised.freshnessMs.p99} ms, ${optimised.magentoSourceItemCalls} calls`);
const naive = await runBurst('naive', options);
say(`naive: freshness p99 ${naive.freshnessMs.p99} ms, ${naive.magentoSourceItemCalls} calls`);

const result: S4Result = {
  scenario: 'S4 stock burst',
  at: new Date().toISOString(),
  optimised,
  naive,
  ratios: ratios(optimised, naive),
};
console.log(JSON.stringify(result, null, 2));
console.log(`\nS4 stock burst, optimised against naive in the same run:\n${table(result)}`);

publishResult('s4', result, { regressions }, say);
say(
  `source-item calls: optimised ${optimised.magentoSourceItemCalls} = ${result.ratios.callsPctOfNaive} % of naive ` +
    `${naive.magentoSourceItemCalls} (one call per change: ${optimised.changes}); freshness p99 ${optimised.freshnessMs.p99} ms ` +
    `against ${naive.freshnessMs.p99} ms`,
);
