// `npm run chaos [-- <scenario…>] [--orders N] [--short]`: every scenario (or the ones named) at full size,
// each on a sandbox of its stack — the shared one, or the suite's private broker and registry for the
// restarts — one row printed as each ends, the table at the end. Exit 1 when a row breaks the promise.
import { parseArgs } from 'node:util';
import type { ChaosContext, Row } from './burst';
import { startPrivateStack, type PrivateStack } from './private-stack';
import { startChaosSandbox, type ChaosSandbox } from './sandbox';
import { selectScenarios, type Scenario } from './scenarios/index';
import { rowLine, shortfalls, table } from './table';
import { testStack } from '../support/env';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { orders: { type: 'string', default: '500' }, short: { type: 'boolean', default: false } },
});
const orders = Number(values.orders);
if (!Number.isInteger(orders) || orders < 2) throw new Error(`--orders ${values.orders}: a whole number ≥ 2`);
const picked = selectScenarios(positionals);
const log = (line: string): void => console.log(`[chaos] ${line}`);

async function onSandbox(
  list: Scenario[],
  start: () => Promise<{ cs: ChaosSandbox; brokers: string[]; stack?: PrivateStack; stop: () => Promise<void> }>,
  rows: Row[],
): Promise<void> {
  if (list.length === 0) return;
  const { cs, brokers, stack, stop } = await start();
  const ctx: ChaosContext = { sb: cs.sb, brokers, namespace: cs.namespace, orders, full: !values.short, log };
  try {
    for (const s of list) {
      log(`${s.name}: ${orders} orders…`);
      const row = await s.run(ctx, stack);
      rows.push(row);
      console.log(rowLine(row));
    }
  } finally {
    await stop();
  }
}

const rows: Row[] = [];
const started = performance.now();
await onSandbox(
  picked.filter((s) => !s.privateStack),
  async () => {
    const cs = await startChaosSandbox(testStack());
    return { cs, brokers: testStack().brokers, stop: () => cs.sb.stop() };
  },
  rows,
);
await onSandbox(
  picked.filter((s) => s.privateStack),
  async () => {
    log('starting the private broker and registry…');
    const stack = await startPrivateStack();
    try {
      const cs = await startChaosSandbox(stack.connection, 'chaos-stack');
      return { cs, brokers: stack.connection.brokers, stack, stop: () => cs.sb.stop().finally(() => stack.stop()) };
    } catch (err) {
      await stack.stop();
      throw err;
    }
  },
  rows,
);
console.log(`\n${table(rows)}\n`);
log(`${rows.length} scenarios in ${((performance.now() - started) / 60_000).toFixed(1)} min`);
const broken = rows.filter((r) => shortfalls(r).length > 0);
for (const r of broken) log(`${r.scenario}: ${shortfalls(r).join(', ')}`);
process.exit(broken.length > 0 ? 1 : 0);
