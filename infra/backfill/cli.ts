// `npm run backfill -- --entity <e> --from m3|magento [--since <iso>] [--keys a,b] [--rate N] [--max-lag N]
// [--page-size N] [--resume] [--dry-run]`: reads one entity of one system page by page and produces each row
// as a snapshot change (op `r`) into the change topic the live pipeline consumes, so the normal services
// apply it — a row older than what the pipeline already applied for its key is skipped (live changes win).
// The job's checkpoint is in Kafka (state.backfill.checkpoints.v1): after a kill, the same command with --resume goes on
// after the last page saved. Progress on stderr (a bar on a terminal, lines otherwise); the summary on stdout.
//
// Exit codes: 0 done (failed rows are in the summary and the DLQ); 1 an error (one line on stderr; the
// checkpoint holds what was done); 2 a usage error.
import { parseArgs } from 'node:util';
import { readConnection } from '../stack/connection';
import { dlqNamespace } from '../topics/dlq/namespace';
import { backfillOptions, ENTITIES, jobId, SYSTEMS, UsageError, type BackfillOptions } from './options';
import { progressView } from './progress';
import { NothingToResume, runBackfill, type BackfillSummary } from './runner';
import { openBackfillSession } from './session';
import { openSource, supportedSources } from './sources/index';
import { lagGate, rateBudget } from './throttle';

const USAGE = [
  'usage: npm run backfill -- --entity <entity> --from m3|magento [options]',
  `  --entity        ${ENTITIES.join(' | ')}`,
  `  --from          ${SYSTEMS.join(' | ')}   (available now: ${supportedSources().join(', ')})`,
  '  --since <iso>   only rows changed at or after this date or date-time',
  '  --keys a,b      only these keys (e.g. item numbers)',
  '  --rate N        records per second at most (default 2000)',
  '  --max-lag N     wait while the live consumers of the topic have more than N records to read (default 5000)',
  '  --page-size N   rows read per page, one checkpoint per page (default 500)',
  '  --resume        go on after the last page the previous run of the same job saved',
  '  --dry-run       read and judge every row, produce nothing, save no checkpoint',
].join('\n');

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        entity: { type: 'string' },
        from: { type: 'string' },
        since: { type: 'string' },
        keys: { type: 'string' },
        rate: { type: 'string' },
        'max-lag': { type: 'string' },
        'page-size': { type: 'string' },
        resume: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function formatSummary(s: BackfillSummary, o: BackfillOptions): string {
  const lines = [
    `backfill ${s.job}${o.dryRun ? ' (dry run: nothing produced)' : ''}: ${s.outcome === 'already-done' ? 'already done (run it without --resume to read again)' : 'done'}`,
    `  read              ${s.read}${s.resumedAt ? ` (${s.resumedAt} before the resume)` : ''}`,
    `  produced          ${s.produced}`,
    `  skipped as older  ${s.skippedOlder}   (the pipeline has a newer change of the key)`,
    `  failed            ${s.failed}${s.failed ? '   (each in the DLQ with the reason; first ones below)' : ''}`,
    `  time              ${(s.elapsedMs / 1000).toFixed(1)} s, ${Math.round(((s.read - s.resumedAt) * 1000) / Math.max(1, s.elapsedMs))} rows/s`,
    ...s.failures.map((f) => `    ${f.key}: ${f.reason}`),
  ];
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const { values: a } = parse(argv);
  if (a.help) {
    console.log(USAGE);
    return 0;
  }
  const o = backfillOptions(a, Date.now());
  const conn = readConnection();
  if (!conn)
    throw new Error('no Kafka stack: start it with `npm run stack:up` (or set KAFKA_BROKERS and SCHEMA_REGISTRY_URL)');
  const { namespace, from } = dlqNamespace();
  const view = progressView();
  if (from === 'sandbox') view.note(`topics of the sandbox (${namespace}*); set KAFKA_NAMESPACE to choose`);
  const session = await openBackfillSession(conn, namespace);
  try {
    const source = await openSource(o, session, process.env, (t) => view.note(t));
    try {
      const saved = session.checkpoints.get(jobId(o));
      if (!o.resume && saved?.status === 'RUNNING')
        view.note(
          `job ${saved.job} has an unfinished run (last key ${saved.lastKey}); starting again — --resume goes on from there`,
        );
      await session.prepare(source.writes);
      let waiting = false;
      const summary = await runBackfill(o, {
        source,
        checkpoints: session.checkpoints,
        produce: (r) => session.produce(r),
        rate: rateBudget(o.rate),
        gate: lagGate({
          lag: () => session.lag(source.topic),
          maxLag: o.maxLag,
          onWait: (lag) => {
            if (!waiting)
              view.note(`waiting: the consumers of ${source.topic} have ${lag} records to read (live first)`);
            waiting = true;
          },
        }),
        now: Date.now,
        onProgress: (p) => {
          waiting = false;
          view.update(p);
        },
        onResume: (c) => view.note(`resuming ${c.job} after key ${c.lastKey} (${c.read} rows read before)`),
      });
      view.stop();
      console.log(formatSummary(summary, o));
      return 0;
    } finally {
      await source.close?.();
    }
  } finally {
    view.stop();
    await session.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) {
      console.error(`backfill: ${err.message}\n${USAGE}`);
      process.exit(2);
    }
    const message = err instanceof NothingToResume ? err.message : err instanceof Error ? err.message : String(err);
    console.error(`backfill: ${message}`);
    process.exit(1);
  },
);
