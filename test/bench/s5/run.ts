// One S5 run: a sandbox seeded with the item master (five services as processes, simulators in this process,
// no stock or warehouse polls, no item BODs: the backfill is how the items reach Magento), warmed up by a few
// orders; then the idle phase, live orders alone at a fixed rate, and the backfill phase, the backfill CLI
// started while the same orders go on, until every released, priced item is a product (or the deadline). CPU
// per process over each phase (/proc; the CLI's from this process's reaped children), RSS peaks, and each
// order's latency from placement to its confirmed M3 order. Every wait has a deadline: what was reached by
// then is reported, never a silent hang.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../../infra/sandbox/sandbox';
import type { StackConnection } from '../../../infra/stack/connection';
import { e2eServiceEnv, m3OrdersByCuor, waitFor } from '../../e2e/support';
import { uniqueName } from '../../support/env';
import { brokerPid, cpuFrom, reapedChildrenTicks, rssPeaks, TICK_MS, type Proc } from '../common/proc';
import { ratio, round4, sleep } from '../common/stats';
import { startBackfill, watchProducts, type CliSummary } from './backfill';
import { liveOrders, type OrderLatency } from './orders';

const STALL_MS = 60_000;

export interface S5Options {
  connection: StackConnection;
  items: number;
  orderRate: number;
  idleS: number;
  /** Bounds the backfill phase (CLI and products); the orders' drain after it has its own 120 s. */
  deadlineMs: number;
  /** Appended to `--entity items --from m3` (S5_BACKFILL_ARGS, e.g. `--rate 10000`). */
  backfillArgs: string[];
  say(message: string): void;
}

export interface ProcessFigures {
  process: string;
  /** Idle phase: CPU ms per live order. */
  idleCpuMsPerOrder: number | null;
  /** Backfill phase: CPU ms per item read, and the same less what the phase's live orders cost at idle. */
  cpuMsPerItem: number;
  netCpuMsPerItem: number;
  /** Highest RSS over both phases (null: not sampled). */
  rssPeakMb: number | null;
}

export interface S5Run {
  items: number;
  itemsInM3: number;
  productsExpected: number;
  orderRate: number;
  idleS: number;
  backfillArgs: string[];
  warmupMs: number;
  idleOrders: OrderLatency;
  cli: CliSummary;
  endToEnd: { settled: boolean; productsCreated: number; ms: number; productsPerS: number };
  /** Orders placed from the CLI's start until every product was there (or the deadline). */
  backfillOrders: OrderLatency;
  /** The subset placed while the CLI process ran. */
  whileCliRanOrders: OrderLatency;
  p99RatioToIdle: number | null;
  duplicateOrders: number;
  ordersNotPlaced: number;
  processes: ProcessFigures[];
  servicesCpuMsPerItem: number;
  servicesNetCpuMsPerItem: number;
}

async function sandboxFor(o: S5Options, namespace: string): Promise<Sandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-s5-'));
  o.say(`starting the sandbox (${o.items} items in warehouses 100, 200); logs in ${dir}/logs`);
  return startSandbox({
    connection: o.connection,
    dir,
    namespace,
    servicePorts: 'free',
    logLevel: 'warn',
    bodNouns: ['SalesOrder', 'Shipment', 'Invoice'],
    m3: { seed: { items: o.items, warehouses: ['100', '200'] } },
    magento: { sizes: { customers: 20, products: 30, orders: 0, sources: 1 } },
    serviceEnv: e2eServiceEnv(
      { 'm3-ion-ingest': { STOCK_POLL_ENABLED: 'false', WAREHOUSE_POLL_ENABLED: 'false' } },
      { LOG_LEVEL: 'warn' },
    ),
  });
}

export async function runS5(o: S5Options): Promise<S5Run> {
  const namespace = `${uniqueName('bench-s5')}.`;
  const sb = await sandboxFor(o, namespace);
  try {
    return await measure(sb, namespace, o);
  } finally {
    await sb.stop();
  }
}

async function measure(sb: Sandbox, namespace: string, o: S5Options): Promise<S5Run> {
  const warm0 = Date.now();
  const warm = sb.magento.placeOrders(3).map((x) => x.increment_id);
  await waitFor(
    '3 warm-up orders in M3',
    () => m3OrdersByCuor(sb),
    (m) => warm.every((id) => m.has(id)),
    120_000,
  );
  const warmupMs = Date.now() - warm0;

  const services: Proc[] = [...sb.children.values()].map((c) => ({ process: c.name, pid: c.proc.pid! }));
  const broker = brokerPid();
  const measured: Proc[] = broker ? [...services, { process: 'kafka-broker', pid: broker }] : services;
  const rss = rssPeaks(services);
  const orders = liveOrders(sb);

  o.say(`idle phase: ${o.orderRate} orders/s for ${o.idleS} s …`);
  let cpu = cpuFrom(measured);
  let self = process.cpuUsage();
  const idleStart = performance.now();
  orders.start(o.orderRate);
  await sleep(o.idleS * 1000);
  const idleEnd = performance.now();
  const idleCount = Math.max(1, orders.placedBetween(idleStart, idleEnd));
  const idleMs = new Map(measured.map((p) => [p.process, cpu.ms(p)]));
  const idleSelf = process.cpuUsage(self);
  idleMs.set('simulators+bench', (idleSelf.user + idleSelf.system) / 1000);

  const products = watchProducts(sb);
  o.say(`backfill phase: ${sb.m3.state.items.size} items in M3, ${products.expected} to become products …`);
  cpu = cpuFrom(measured);
  self = process.cpuUsage();
  const reaped0 = reapedChildrenTicks();
  const backfill = startBackfill(sb, namespace, o.backfillArgs);
  const cliProc: Proc = { process: 'backfill-cli', pid: backfill.tool.child.pid! };
  const cliRss = rssPeaks([cliProc]);
  let progressAt = performance.now();
  // After the CLI's exit, a minute without a new product ends the phase too (what is missing is reported).
  let createdAt = { n: 0, at: performance.now() };
  const stalled = () => {
    const ended = backfill.endedAt();
    return ended !== undefined && performance.now() - Math.max(ended, createdAt.at) > STALL_MS;
  };
  while (
    (backfill.endedAt() === undefined || products.allAt() === undefined) &&
    performance.now() - idleEnd < o.deadlineMs &&
    !stalled()
  ) {
    await sleep(100);
    if (products.created() !== createdAt.n) createdAt = { n: products.created(), at: performance.now() };
    if (performance.now() - progressAt < 10_000) continue;
    progressAt = performance.now();
    const line =
      backfill.tool.stderr
        .trimEnd()
        .split(/[\r\n]/)
        .at(-1) ?? '';
    o.say(
      `${Math.round((progressAt - idleEnd) / 1000)} s: ${products.created()}/${products.expected} products, ` +
        `${orders.confirmed()}/${orders.placed()} orders confirmed; CLI ${backfill.endedAt() ? 'done' : line.slice(-120)}`,
    );
  }
  if (backfill.endedAt() === undefined) {
    o.say(`deadline: stopping the backfill CLI (${o.deadlineMs} ms)`);
    backfill.tool.child.kill('SIGTERM');
  }
  const cli = await backfill.done;
  const phaseEnd = performance.now();
  orders.stop();
  cliRss.stop();
  rss.stop();
  const phaseMs = new Map(measured.map((p) => [p.process, cpu.ms(p)]));
  const phaseSelf = process.cpuUsage(self);
  phaseMs.set('simulators+bench', (phaseSelf.user + phaseSelf.system) / 1000);
  phaseMs.set('backfill-cli', (reapedChildrenTicks() - reaped0) * TICK_MS);
  if (cli.exit !== 0) o.say(`backfill CLI exited ${cli.exit}: ${backfill.tool.stderr.slice(-800)}`);

  o.say(`drain: waiting for the last of ${orders.placed()} orders …`);
  const drain0 = Date.now();
  while (orders.confirmed() < orders.placed() && Date.now() - drain0 < 120_000) await sleep(100);

  const items = cli.read ?? sb.m3.state.items.size;
  const phaseOrders = orders.placedBetween(idleEnd, phaseEnd);
  const figures = (name: string): ProcessFigures => {
    const atIdle = idleMs.has(name) ? idleMs.get(name)! / idleCount : null;
    const used = phaseMs.get(name) ?? 0;
    return {
      process: name,
      idleCpuMsPerOrder: atIdle === null ? null : round4(atIdle),
      cpuMsPerItem: round4(used / items),
      netCpuMsPerItem: round4((used - (atIdle ?? 0) * phaseOrders) / items),
      rssPeakMb: name === cliProc.process ? cliRss.peakMb(cliProc) : null,
    };
  };
  const processes = [
    ...services.map((p) => ({ ...figures(p.process), rssPeakMb: rss.peakMb(p) })),
    figures('backfill-cli'),
    ...(broker ? [figures('kafka-broker')] : []),
    figures('simulators+bench'),
  ];
  const five = processes.slice(0, services.length);
  const allAt = products.allAt();
  const e2eMs = Math.round((allAt ?? phaseEnd) - idleEnd);
  const idleOrders = orders.between(idleStart, idleEnd);
  const backfillOrders = orders.between(idleEnd, phaseEnd);
  return {
    items: o.items,
    itemsInM3: sb.m3.state.items.size,
    productsExpected: products.expected,
    orderRate: o.orderRate,
    idleS: o.idleS,
    backfillArgs: ['--entity', 'items', '--from', 'm3', ...o.backfillArgs],
    warmupMs,
    idleOrders,
    cli,
    endToEnd: {
      settled: allAt !== undefined,
      productsCreated: products.created(),
      ms: e2eMs,
      productsPerS: Math.round((products.created() * 1000) / Math.max(1, e2eMs)),
    },
    backfillOrders,
    whileCliRanOrders: orders.between(idleEnd, idleEnd + cli.wallMs),
    p99RatioToIdle: ratio(backfillOrders.p99, idleOrders.p99),
    duplicateOrders: orders.duplicates(),
    ordersNotPlaced: orders.notPlaced(),
    processes,
    servicesCpuMsPerItem: round4(five.reduce((n, p) => n + p.cpuMsPerItem, 0)),
    servicesNetCpuMsPerItem: round4(five.reduce((n, p) => n + p.netCpuMsPerItem, 0)),
  };
}
