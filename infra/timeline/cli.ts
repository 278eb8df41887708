// `npm run timeline -- <key> [--from <iso>] [--to <iso>] [--json]`: what happened to one document, read
// from the topics of the KAFKA_NAMESPACE the services use (else the sandbox's, as `npm run dlq` does).
//
// Exit codes: 0 a timeline, or no records in the window (said so); 1 an error (one line on stderr);
// 2 a usage error (no key, an unreadable time, --from after --to).
import { readConnection } from '../stack/connection';
import { dlqNamespace } from '../topics/dlq/namespace';
import { formatTimeline } from './format';
import { lookupTimeline } from './lookup';
import { parseCli, USAGE, UsageError } from './options';
import { openTimelineSession } from './session';

async function main(argv: string[]): Promise<number> {
  const options = parseCli(argv);
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  const { namespace, from } = dlqNamespace();
  if (from === 'sandbox')
    console.error(
      `[timeline] topics of the sandbox (${namespace}*, from .stack/sandbox/sandbox.json); set KAFKA_NAMESPACE to choose`,
    );
  const conn = readConnection();
  if (!conn)
    throw new Error('no broker configured: run `npm run stack:up` or set KAFKA_BROKERS and SCHEMA_REGISTRY_URL');
  const session = openTimelineSession(
    conn,
    namespace,
    process.env.LOG_LEVEL ? { logLevel: process.env.LOG_LEVEL } : {},
  );
  const timeline = await lookupTimeline(session, options);
  console.log(options.json ? JSON.stringify(timeline, null, 2) : formatTimeline(timeline));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const usage = err instanceof UsageError;
    console.error(`[timeline] ${err instanceof Error ? err.message : String(err)}`);
    if (usage) console.error(USAGE);
    process.exit(usage ? 2 : 1);
  },
);
