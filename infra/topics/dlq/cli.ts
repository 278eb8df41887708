// `npm run dlq -- list|replay`: inspect the dead-letter topics and replay dead letters into their original
// topics once the cause is fixed. Topic names carry KAFKA_NAMESPACE, as the services use it.
//
//   npm run dlq -- list [--service <name>] [--limit N]
//   npm run dlq -- replay --service <name> (--offset 3,5 | --key K | --code CODE | --all) [--dry-run]
//   (both take --timeout-s S: how long reading a DLQ may take, default 30)
//
// Exit codes: 0 done; 1 an error (one line on stderr), a record the producer could not write, or a
// selector naming offsets / a key / a code the DLQ does not have; 2 a usage error (unknown command or
// service, no or several selectors).
import { parseArgs } from 'node:util';
import { readConnection } from '../../stack/connection';
import { dlqNamespace } from './namespace';
import { formatList, formatReport } from './format';
import { listDeadLetters } from './list';
import { replayFromDlq } from './replay-command';
import { SelectorError, selectorOf } from './select';
import { openDlqSession, type DlqSession } from './session';
import { dlqServices, dlqSource, dlqSources, UnknownServiceError } from './sources';

const USAGE = [
  'usage: npm run dlq -- list [--service <name>] [--limit N]',
  '       npm run dlq -- replay --service <name> (--offset 3,5 | --key K | --code CODE | --all) [--dry-run]',
  '       (--timeout-s S: how long reading a DLQ may take, default 30)',
  `services: ${dlqServices().join(', ')}`,
].join('\n');

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
        all: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
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

  // Usage is checked before connecting to anything.
  const sources = a.service === undefined ? dlqSources(namespace) : [dlqSource(a.service, namespace)];
  if (command === 'replay') {
    if (a.service === undefined) throw new UsageError('replay needs --service <name>');
    if (limit !== undefined) throw new UsageError('--limit is for list');
  } else if ([a.offset, a.key, a.code, a.all, a['dry-run']].some((x) => x !== undefined)) {
    throw new UsageError('--offset, --key, --code, --all and --dry-run are for replay');
  }
  const selector = command === 'replay' ? selectorOf(a) : undefined;

  const conn = readConnection();
  if (!conn)
    throw new Error('no broker configured: run `npm run stack:up` or set KAFKA_BROKERS and SCHEMA_REGISTRY_URL');
  const session = openDlqSession(conn, process.env.LOG_LEVEL ? { logLevel: process.env.LOG_LEVEL } : {});
  try {
    if (selector === undefined) {
      console.log(formatList(await listDeadLetters(session, sources, read), limit));
      return 0;
    }
    return await replayCommand(session, sources[0]!, selector, { ...read, dryRun: a['dry-run'] === true });
  } finally {
    await session.close();
  }
}

async function replayCommand(
  session: DlqSession,
  source: Parameters<typeof replayFromDlq>[1],
  selector: Parameters<typeof replayFromDlq>[2],
  opts: { timeoutMs?: number; dryRun: boolean },
): Promise<number> {
  const { report, notFound } = await replayFromDlq(session, source, selector, opts);
  for (const n of notFound) console.log(`not found  ${n} in ${source.topic}`);
  console.log(formatReport(source.service, report));
  return report.failed.length > 0 || notFound.length > 0 ? 1 : 0;
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
