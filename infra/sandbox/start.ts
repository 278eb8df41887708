// `npm start`: the whole product as a sandbox on this machine — local Kafka + registry, both simulators
// (seeded, wired to send their events to the ingest services), and the five services. Prints every URL.
// Ctrl-C stops everything it started (the stack too, if this run started it).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readConnection, repoRoot, stackDir } from '../stack/connection';
import { startSandbox } from './sandbox';

const { values: args } = parseArgs({
  options: {
    'm3-port': { type: 'string', default: '8090' },
    'magento-port': { type: 'string', default: '8091' },
    'log-level': { type: 'string', default: 'info' },
    // The simulators start afresh (increment ids from 000000001), so each run gets its own topics.
    namespace: { type: 'string' },
  },
});

const say = (m: string): void => console.log(`[sandbox] ${m}`);
const stackCli = (cmd: string, stdio: 'inherit' | 'ignore' = 'inherit'): number | null =>
  spawnSync(process.execPath, ['--import', 'tsx', 'infra/stack/cli.ts', cmd], { cwd: repoRoot, stdio }).status;

async function main(): Promise<void> {
  const external = Boolean(process.env.KAFKA_BROKERS && process.env.SCHEMA_REGISTRY_URL);
  const startedStack = !external && stackCli('status', 'ignore') !== 0;
  if (!external && stackCli('up') !== 0) throw new Error('the local stack could not start (reason above)');
  const connection = readConnection();
  if (!connection) throw new Error('no Kafka connection: run `npm run stack:up`');
  const dir = resolve(stackDir(), 'sandbox');
  const namespace = args.namespace ?? `sandbox-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}.`;
  say(`starting the simulators and the five services (topics and groups prefixed ${namespace}) …`);
  const sandbox = await startSandbox({
    connection,
    dir,
    namespace,
    m3Port: Number(args['m3-port']),
    magentoPort: Number(args['magento-port']),
    logLevel: String(args['log-level']),
  });
  let stopping = false;
  const stop = async (why: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    say(`${why}: stopping services and simulators${startedStack ? ' and the stack' : ''} …`);
    await sandbox.stop();
    if (startedStack) stackCli('down');
    say('stopped');
  };
  // `on`, not `once`: Ctrl-C reaches npm, tsx and this process, so the signal comes more than once; a repeat
  // must not kill this process half-way (that would leave the services running without their parent).
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return void say(`${signal}: already stopping …`);
    void stop(signal).then(() => process.exit(0));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  for (const c of sandbox.children.values()) {
    void c.exited.then((code) => {
      if (!stopping) say(`${c.name} exited with code ${code} — see ${c.logFile}`);
    });
  }
  const rows: Array<[string, string]> = [
    ['Kafka', `${connection.brokers.join(',')}  (topics ${namespace}*)`],
    ['schema registry', connection.registryUrl],
    ['M3 simulator', `${sandbox.m3Url}  (state: ${sandbox.m3Url}/_control/state/orders, .ionapi: ${dir}/m3.ionapi)`],
    ['Magento simulator', `${sandbox.magentoUrl}/rest/default/V1  (control: ${sandbox.magentoUrl}/_control/info)`],
    ...sandbox.info.services.map((s): [string, string] => [s.name, `${s.url}  (/health/ready, /metrics)`]),
    ['service logs', resolve(dir, 'logs')],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log(`\nM3 ⇄ Magento sandbox is up:\n${rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`).join('\n')}`);
  console.log(
    '\nPlace orders and follow them: `npm run demo -- --orders 50` (another terminal). Ctrl-C stops everything.\n',
  );
}

main().catch((err: unknown) => {
  console.error(`[sandbox] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
