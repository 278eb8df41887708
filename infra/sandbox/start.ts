// `npm start`: the whole product as a sandbox on this machine — local Kafka + registry, both simulators
// (seeded, wired to send their events to the ingest services), and the five services. Prints every URL.
// Ctrl-C stops everything it started (the stack too, if this run started it).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createM3Simulator } from '@m3mage/simulators/m3';
import { createMagentoSimulator } from '@m3mage/simulators/magento';
import { allTopics, createTopics, planTopics, readTopics, topicAdmin } from '@m3mage/topics';
import { readConnection, repoRoot, stackDir } from '../stack/connection';
import { alignCatalogues } from './align';
import { startChild, stopChild, waitReady, type Child } from './children';
import { sandboxEndpoints } from './endpoints';
import { sandboxServices, type SandboxWiring } from './wiring';
import type { SandboxInfo } from './info';

const { values: args } = parseArgs({
  options: {
    'm3-port': { type: 'string', default: '8090' },
    'magento-port': { type: 'string', default: '8091' },
    'log-level': { type: 'string', default: 'info' },
    orders: { type: 'string', default: '0' },
  },
});

const say = (m: string): void => console.log(`[sandbox] ${m}`);

function stackIsUp(): boolean {
  return (
    spawnSync(process.execPath, ['--import', 'tsx', 'infra/stack/cli.ts', 'status'], { cwd: repoRoot, stdio: 'ignore' })
      .status === 0
  );
}

async function main(): Promise<void> {
  const startedStack = !process.env.KAFKA_BROKERS && !stackIsUp();
  if (!process.env.KAFKA_BROKERS) {
    const up = spawnSync(process.execPath, ['--import', 'tsx', 'infra/stack/cli.ts', 'up'], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
    if (up.status !== 0) throw new Error('the local stack could not start (reason above)');
  }
  const conn = readConnection();
  if (!conn) throw new Error('no Kafka connection: run `npm run stack:up`');

  const admin = topicAdmin(conn.brokers, 'sandbox');
  await admin.connect();
  const plan = planTopics(
    allTopics(),
    await readTopics(
      admin,
      allTopics().map((t) => t.name),
    ),
  );
  await createTopics(admin, plan.create);
  await admin.disconnect();
  say(`topics: ${plan.ok.length + plan.create.length} ready (${plan.create.length} created)`);

  const dir = resolve(stackDir(), 'sandbox');
  mkdirSync(dir, { recursive: true });
  const endpoints = sandboxEndpoints();
  const m3 = createM3Simulator({ subscribers: [endpoints.bodSubscriber] });
  const magento = createMagentoSimulator({ integrationAsBearer: true, subscribers: endpoints.magentoSubscribers });
  alignCatalogues(m3, magento);
  const m3Url = await m3.listen(Number(args['m3-port']), '127.0.0.1');
  const magentoUrl = await magento.app.listen({ host: '127.0.0.1', port: Number(args['magento-port']) });
  const ionapiFile = resolve(dir, 'm3.ionapi');
  writeFileSync(ionapiFile, `${JSON.stringify(m3.ionapi(m3Url), null, 2)}\n`);
  const magentoPublicKeyFile = resolve(dir, 'magento-webhook-public.pem');
  writeFileSync(magentoPublicKeyFile, magento.publicKeyPem);

  const wiring: SandboxWiring = {
    brokers: conn.brokers.join(','),
    registryUrl: conn.registryUrl,
    m3Url,
    magentoUrl,
    ionapiFile,
    magentoPublicKeyFile,
    magentoToken: magento.credentials.integration.accessToken,
    webhookHmacSecret: endpoints.webhookHmacSecret,
    bodToken: endpoints.bodToken,
    logLevel: String(args['log-level']),
  };
  const logDir = resolve(dir, 'logs');
  const children: Child[] = [];
  let stopping = false;
  const stopAll = async (why: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    say(`${why}: stopping services, simulators${startedStack ? ' and the stack' : ''} …`);
    await Promise.all(children.map((c) => stopChild(c)));
    await Promise.all([m3.close(), magento.close()]);
    if (startedStack)
      spawnSync(process.execPath, ['--import', 'tsx', 'infra/stack/cli.ts', 'down'], {
        cwd: repoRoot,
        stdio: 'inherit',
      });
    say('stopped');
  };
  process.once('SIGINT', () => void stopAll('SIGINT').then(() => process.exit(0)));
  process.once('SIGTERM', () => void stopAll('SIGTERM').then(() => process.exit(0)));

  try {
    for (const svc of sandboxServices) {
      const env = { ...process.env, ...svc.env(wiring) };
      children.push(startChild(svc.name, svc.entry, env, logDir, repoRoot));
    }
    await Promise.all(children.map((c, i) => waitReady(`http://127.0.0.1:${sandboxServices[i]!.port}`, c, 120_000)));
  } catch (err) {
    await stopAll('start-up failed');
    throw err;
  }
  for (const c of children) {
    void c.exited.then((code) => {
      if (!stopping) say(`${c.name} exited with code ${code} — see ${c.logFile}`);
    });
  }

  const info: SandboxInfo = {
    m3Url,
    magentoUrl,
    magentoToken: wiring.magentoToken,
    services: sandboxServices.map((s) => ({ name: s.name, url: `http://127.0.0.1:${s.port}` })),
  };
  writeFileSync(resolve(dir, 'sandbox.json'), `${JSON.stringify(info, null, 2)}\n`);

  const rows = [
    ['Kafka', conn.brokers.join(',')],
    ['schema registry', conn.registryUrl],
    ['M3 simulator', `${m3Url}  (control: ${m3Url}/_control, .ionapi: ${ionapiFile})`],
    ['Magento simulator', `${magentoUrl}/rest/default/V1  (control: ${magentoUrl}/_control/info)`],
    ...sandboxServices.map((s) => [s.name, `http://127.0.0.1:${s.port}  (/health/ready, /metrics)`]),
    ['service logs', logDir],
  ];
  const w = Math.max(...rows.map((r) => r[0]!.length));
  console.log(`\nM3 ⇄ Magento sandbox is up:\n${rows.map(([k, v]) => `  ${k!.padEnd(w)}  ${v}`).join('\n')}`);
  console.log('\nPlace orders with `npm run demo -- --orders 50` (another terminal). Ctrl-C stops everything.\n');
  const orders = Number(args.orders);
  if (orders > 0) say(`placed ${magento.placeOrders(orders).length} orders in the Magento simulator`);
}

main().catch((err: unknown) => {
  console.error(`[sandbox] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
