// `npm run reconcile -- --entity stock|products [--keys a,b] [--repair] [--json] [--every <s>]`: reads
// M3 and Magento, compares per key what Magento shows with what the mappings say it must show for M3's
// values, and prints the drift and a summary on stdout (one JSON document with --json). --repair produces,
// for every key that drifted or is missing in Magento, the command the pipeline would send for M3's current
// value onto the normal command topic, so the normal magento-writer applies it (repair.ts explains its
// version). --every re-runs on a schedule and serves the drift as gauges on /metrics (--metrics-port).
// Progress on stderr.
//
// Exit codes: 0 done (drift or not: it is in the report); 1 an error (one line on stderr); 2 a usage error.
import { parseArgs } from 'node:util';
import { isAppError } from '@m3mage/runtime';
import { readConnection } from '../stack/connection';
import { dlqNamespace } from '../topics/dlq/namespace';
import { reconcileConfig } from './config';
import { openM3 } from './m3';
import { openMagento } from './magento';
import { driftMetrics } from './metrics';
import { ENTITIES, reconcileOptions, UsageError, type ReconcileOptions } from './options';
import { formatReport, jsonReport, type RunReport } from './report';
import { reconcileOnce, type RunDeps } from './run';
import { openReconcileSession } from './session';

const USAGE = [
  'usage: npm run reconcile -- --entity <entity> [options]',
  `  --entity            ${ENTITIES.join(' | ')}`,
  '  --keys a,b          only these keys (skus; for stock also sku@source)',
  '  --repair            produce the command that fixes each drifted key (applied by magento-writer)',
  '  --json              the report as one JSON document',
  '  --every <seconds>   run again and again, the drift as gauges on /metrics',
  '  --metrics-port N    the port of /metrics in --every mode (default 9464, 0: any)',
].join('\n');

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        entity: { type: 'string' },
        keys: { type: 'string' },
        repair: { type: 'boolean' },
        json: { type: 'boolean' },
        every: { type: 'string' },
        'metrics-port': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

const note = (text: string): void => void process.stderr.write(`[reconcile] ${text}\n`);

const print = (r: RunReport, o: ReconcileOptions): void => console.log(o.json ? jsonReport(r) : formatReport(r));

async function scheduled(o: ReconcileOptions, deps: RunDeps, everyMs: number): Promise<number> {
  const metrics = driftMetrics();
  note(`drift gauges on ${await metrics.listen(o.metricsPort)}; a run every ${everyMs / 1000} s`);
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  process.once('SIGINT', () => stop());
  process.once('SIGTERM', () => stop());
  let running = true;
  void stopped.then(() => (running = false));
  while (running) {
    try {
      const r = await reconcileOnce(o, deps);
      metrics.record(r, Date.now());
      print(r, o);
    } catch (err) {
      metrics.failed(o.entity);
      note(`run failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    await Promise.race([stopped, new Promise((r) => setTimeout(r, everyMs))]);
  }
  await metrics.close();
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const { values: a } = parse(argv);
  if (a.help) {
    console.log(USAGE);
    return 0;
  }
  const o = reconcileOptions(a);
  const c = reconcileConfig(process.env, note);
  const conn = readConnection();
  if (!conn)
    throw new Error('no Kafka stack: start it with `npm run stack:up` (or set KAFKA_BROKERS and SCHEMA_REGISTRY_URL)');
  const { namespace, from } = dlqNamespace();
  if (from === 'sandbox') note(`topics of the sandbox (${namespace}*); set KAFKA_NAMESPACE to choose`);
  const m3 = openM3(c);
  const magento = openMagento(c);
  const session = await openReconcileSession(conn, namespace);
  try {
    const deps: RunDeps = { m3, magento, session, now: Date.now, note };
    if (o.everySeconds !== undefined) return await scheduled(o, deps, o.everySeconds * 1000);
    note(`reading ${o.entity} from M3 and Magento${o.keys ? ` (${o.keys.length} keys)` : ''}`);
    print(await reconcileOnce(o, deps), o);
    return 0;
  } finally {
    await session.close();
    await Promise.all([m3.close(), magento.close()]);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) {
      console.error(`reconcile: ${err.message}\n${USAGE}`);
      process.exit(2);
    }
    const problems = isAppError(err)
      ? (err.details?.['problems'] as Array<{ key: string; problem: string }> | undefined)
      : undefined;
    const message = problems
      ? `configuration: ${problems.map((p) => `${p.key} ${p.problem}`).join('; ')} (none of M3 or Magento named, and no sandbox running)`
      : err instanceof Error
        ? (err.message.split('\n')[0] ?? err.message)
        : String(err);
    console.error(`reconcile: ${message}`);
    process.exit(1);
  },
);
