// `npm run replay -- --topic <t> --from <iso> [--to <iso>] (--shadow | --live) [--dry-run] [--keys a,b] [--resume]`:
// the records of a catalogue topic in a time window (ARCHITECTURE §10). --live re-produces them into the same
// topic (same key, value bytes and headers, plus x-replay-of and x-replayed-at) for the live consumers, whose
// idempotency keeps effects exactly once; the live group is never stopped or reset; checkpoints in
// state.backfill.checkpoints.v1, --resume goes on after a kill. --shadow runs the transformer's handlers on
// the change records in-process and prints how their commands differ from what live produced. --dry-run
// counts per partition and key. Topic names carry KAFKA_NAMESPACE (else the sandbox's), as the services use it.
//
// Exit codes: 0 done (also: no records in the window); 1 an error (one line on stderr); 2 a usage error.
import { parseArgs } from 'node:util';
import { readConnection } from '../stack/connection';
import { dlqNamespace } from '../topics/dlq/namespace';
import { replayCommand } from './command';
import { NothingToResume, UsageError } from './errors';
import { replayableTopics, replayOptions, shadowableTopics } from './options';
import { replayView } from './progress';
import { openReplaySession } from './session';

const USAGE = [
  'usage: npm run replay -- --topic <topic> --from <iso> [--to <iso>] (--shadow | --live) [options]',
  `  --topic         ${replayableTopics().join(' | ')}`,
  '  --from <iso>    first instant of the window (2025-05-01 or 2025-05-01T10:00:00Z)',
  '  --to <iso>      end of the window, exclusive (default: now)',
  `  --shadow        run the transformer's mapping on each record, produce nothing, print the diff with live`,
  `                  (for ${shadowableTopics().join(', ')})`,
  '  --live          re-produce each record into the same topic for the live consumers',
  '  --dry-run       count per partition and key what would be replayed, produce nothing',
  '  --keys a,b      only records of these keys',
  '  --resume        --live: go on after the last offsets the previous run of the same job saved',
].join('\n');

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        topic: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        shadow: { type: 'boolean' },
        live: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        keys: { type: 'string' },
        resume: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function main(argv: string[]): Promise<number> {
  const { values: a } = parse(argv);
  if (a.help) {
    console.log(USAGE);
    return 0;
  }
  const o = replayOptions(a, Date.now());
  const conn = readConnection();
  if (!conn)
    throw new Error('no Kafka stack: start it with `npm run stack:up` (or set KAFKA_BROKERS and SCHEMA_REGISTRY_URL)');
  const { namespace, from } = dlqNamespace();
  const view = replayView();
  if (from === 'sandbox') view.note(`topics of the sandbox (${namespace}*); set KAFKA_NAMESPACE to choose`);
  const session = await openReplaySession(
    conn,
    namespace,
    process.env.LOG_LEVEL ? { logLevel: process.env.LOG_LEVEL } : {},
  );
  try {
    const result = await replayCommand(o, session, { onProgress: (p) => view.update(p), note: (t) => view.note(t) });
    view.stop();
    console.log(result.text);
    return 0;
  } finally {
    view.stop();
    await session.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) {
      console.error(`replay: ${err.message}\n${USAGE}`);
      process.exit(2);
    }
    const message = err instanceof NothingToResume || err instanceof Error ? err.message : String(err);
    console.error(`replay: ${message.split('\n')[0]}`);
    process.exit(1);
  },
);
