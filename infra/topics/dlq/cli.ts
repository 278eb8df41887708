// `npm run dlq -- list|replay`: inspect the dead-letter topics and replay dead letters into their original
// topics once the cause is fixed. Topic names carry KAFKA_NAMESPACE, as the services use it.
//
//   npm run dlq -- list [--service <name>] [filters] [--limit N]
//   npm run dlq -- replay --service <name> (filters | --all) [--dry-run [--limit N]] [--max-replays N] [--force]
//                 [--resume]
//   filters (they combine): --offset 3,5  --key K (* wildcards)  --code CODE[,CODE]  --stage <stage>
//                           --since <iso>  --until <iso> (when the dead letter failed: its failedAt)
//   (both take --timeout-s S: how long reading a DLQ may take, default 30)
//
// A replayed record carries x-replay-count; a dead letter replayed --max-replays times (default 3) that failed
// again is stopped and reported, not replayed (--force: replay it anyway). A real replay saves its progress per
// DLQ partition in state.backfill.checkpoints.v1 (job = service + filters); --resume goes on after the last
// offset saved, or says the job is done. Progress goes to stderr (a bar on a terminal), results to stdout.
//
// Exit codes: 0 done (also when dead letters were stopped at the maximum); 1 an error (one line on stderr), a
// record the producer could not write, filters or offsets the DLQ has nothing for, or nothing to resume; 2 a
// usage error (unknown command, service, stage or option, a bad time, --all with filters).
import { parseArgs } from 'node:util';
import { readConnection } from '../../stack/connection';
import { dlqNamespace } from './namespace';
import { progressView, type ProgressView } from '../../backfill/progress';
import { DRY_RUN_LINES, formatList, formatReport } from './format';
import { listDeadLetters } from './list';
import { replayFromDlq, type DlqProgress, type JobOutcome } from './replay-command';
import { describeSelector, DLQ_STAGES, select, SelectorError, selectorOf, type Selector } from './select';
import { openDlqSession, type DlqSession } from './session';
import { dlqServices, dlqSource, dlqSources, UnknownServiceError } from './sources';

const USAGE = [
  'usage: npm run dlq -- list [--service <name>] [filters] [--limit N] [--max-replays N]',
  '       npm run dlq -- replay --service <name> (filters | --all) [--dry-run [--limit N]] [--max-replays N]',
  '                     [--force] [--resume]',
  '  filters, combined: --offset 3,5 | 0:3  --key K (* wildcards)  --code CODE[,CODE]  --stage <stage>',
  '                     --since <iso> --until <iso> (when the dead letter failed)',
  `  stages: ${DLQ_STAGES.join(', ')}`,
  '  --max-replays N: stop a dead letter replayed N times (default 3); --force replays it anyway',
  '  --resume: go on after the last offset the same replay (service + filters) saved',
  '  --timeout-s S: how long reading a DLQ may take, default 30',
  `services: ${dlqServices().join(', ')}`,
].join('\n');

/** More than this many dead letters to replay: a progress bar (or lines) on stderr. */
const HANDFUL = 5;

class UsageError extends Error {
  override name = 'UsageError';
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        service: { type: 'string' },
        limit: { type: 'string' },
        offset: { type: 'string' },
        key: { type: 'string' },
        code: { type: 'string' },
        stage: { type: 'string' },
        since: { type: 'string' },
        until: { type: 'string' },
        all: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        'max-replays': { type: 'string' },
        force: { type: 'boolean' },
        resume: { type: 'boolean' },
        'timeout-s': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

const positive = (name: string, text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} must be a positive whole number, not "${text}"`);
  return n;
};

async function main(argv: string[]): Promise<number> {
  const { values: a, positionals } = parse(argv);
  const command = positionals[0];
  if (a.help) {
    console.log(USAGE);
    return 0;
  }
  if (command === undefined) throw new UsageError('say what to do: list or replay');
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  if (command !== 'list' && command !== 'replay') throw new UsageError(`unknown command "${command}"`);
  const { namespace, from } = dlqNamespace();
  if (from === 'sandbox')
    console.error(
      `[dlq] topics of the sandbox (${namespace}*, from .stack/sandbox/sandbox.json); set KAFKA_NAMESPACE to choose`,
    );
  const limit = positive('limit', a.limit);
  const timeoutS = positive('timeout-s', a['timeout-s']);
  const read = timeoutS === undefined ? {} : { timeoutMs: timeoutS * 1000 };

  const maxReplays = positive('max-replays', a['max-replays']);
  const limits = { ...(maxReplays !== undefined ? { maxReplays } : {}), ...(a.force ? { force: true } : {}) };

  // Usage is checked before connecting to anything.
  const sources = a.service === undefined ? dlqSources(namespace) : [dlqSource(a.service, namespace)];
  if (command === 'replay') {
    if (a.service === undefined) throw new UsageError('replay needs --service <name>');
    if (limit !== undefined && !a['dry-run']) throw new UsageError('--limit is for list and replay --dry-run');
    if (a.resume && a['dry-run']) throw new UsageError('--resume goes on replaying: it does not go with --dry-run');
  } else if ([a['dry-run'], a.force, a.resume].some((x) => x !== undefined)) {
    throw new UsageError('--dry-run, --force and --resume are for replay');
  }
  const selector = selectorOf(a, command === 'replay');

  const conn = readConnection();
  if (!conn)
    throw new Error('no broker configured: run `npm run stack:up` or set KAFKA_BROKERS and SCHEMA_REGISTRY_URL');
  const session = openDlqSession(conn, process.env.LOG_LEVEL ? { logLevel: process.env.LOG_LEVEL } : {});
  try {
    if (command === 'list') return await listCommand(session, sources, selector, { ...read, ...limits }, limit);
    return await replayCommand(session, sources[0]!, selector, {
      ...read,
      ...limits,
      dryRun: a['dry-run'] === true,
      resume: a.resume === true,
      lines: limit ?? DRY_RUN_LINES,
    });
  } finally {
    await session.close();
  }
}

async function listCommand(
  session: DlqSession,
  sources: Parameters<typeof listDeadLetters>[1],
  selector: Selector,
  opts: { timeoutMs?: number; maxReplays?: number; force?: boolean },
  limit: number | undefined,
): Promise<number> {
  const listed = await listDeadLetters(session, sources, opts);
  if (selector.kind === 'all') {
    console.log(formatList(listed, limit, undefined, opts));
    return 0;
  }
  const picked = listed.map((s) =>
    s.records === undefined ? s : { ...s, records: select(s.records, selector).selected, total: s.records.length },
  );
  const filters = describeSelector(selector);
  console.log(formatList(picked, limit, filters, opts));
  if (picked.some((s) => (s.records?.length ?? 0) > 0)) return 0;
  console.error(`[dlq] no dead letter matches ${filters} in ${sources.map((s) => s.topic).join(', ')}`);
  return 1;
}

async function replayCommand(
  session: DlqSession,
  source: Parameters<typeof replayFromDlq>[1],
  selector: Selector,
  opts: Parameters<typeof replayFromDlq>[3] & { lines: number },
): Promise<number> {
  let view: ProgressView | undefined;
  const onProgress = (p: DlqProgress): void => {
    if (p.total - p.resumedAt <= HANDFUL) return;
    view ??= progressView(process.stderr, Date.now, 5000, 'dlq');
    view.update({ ...p, skippedOlder: p.skipped });
  };
  const note = (text: string): void => (view ? view.note(text) : console.error(`[dlq] ${text}`));
  const { report, notFound, job } = await replayFromDlq(session, source, selector, { ...opts, onProgress, note });
  view?.stop();
  for (const n of notFound) console.log(`not found  ${n} in ${source.topic}`);
  if (job?.outcome !== 'already-done') console.log(formatReport(source.service, report, opts.lines));
  if (job) console.log(jobLine(job));
  return report.failed.length > 0 || notFound.length > 0 ? 1 : 0;
}

function jobLine(job: JobOutcome): string {
  const sum = (f: (p: JobOutcome['points'][number]) => number) => job.points.reduce((n, p) => n + f(p), 0);
  const counts = `${sum((p) => p.read)} dead letters gone through, ${sum((p) => p.produced)} replayed`;
  switch (job.outcome) {
    case 'already-done':
      return `job ${job.id} is already done (${counts}); nothing replayed — run it without --resume to replay again`;
    case 'done':
      return `job ${job.id} done (${counts})`;
    case 'stopped': {
      const at = job.points
        .filter((p) => !p.done && p.lastOffset !== undefined)
        .map((p) => `${p.partition}:${p.lastOffset}`);
      return `job ${job.id} stopped (${counts}, last saved ${at.join(', ') || 'none'}); --resume goes on from there`;
    }
    case 'unsaved':
      return `job ${job.id}: progress not saved (no checkpoint topic in this namespace)`;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const usage = err instanceof UsageError || err instanceof SelectorError || err instanceof UnknownServiceError;
    console.error(`[dlq] ${err instanceof Error ? err.message : String(err)}`);
    if (usage) console.error(USAGE);
    process.exit(usage ? 2 : 1);
  },
);
