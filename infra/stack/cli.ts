// `npm run stack:up | stack:down | stack:status` — the local Kafka broker and schema registry, no Docker.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { connectionFile } from './connection';
import { apicurioHome, fetchApicurio, fetchKafka, launcherJar } from './fetch';
import { kafkaAnswers, kafkaRunDir, startKafka } from './kafka';
import { findJava, javaMajor, registryJava, requireMaven, StackError } from './prereqs';
import { portAnswers, portOwner, readPid, stopPid, waitUntil, isAlive } from './procs';
import { registryAnswers, registryUrl, startRegistry } from './registry';
import { stackSettings, type StackSettings } from './settings';

const say = (m: string): void => console.log(`[stack] ${m}`);
const pidFile = (s: StackSettings, name: 'kafka' | 'registry'): string => resolve(s.dir, `${name}.pid`);

interface Written {
  brokers: string[];
  registryUrl: string;
  kafkaVersion: string;
  registryVersion: string;
}

function writeConnection(s: StackSettings): Written {
  const c: Written = {
    brokers: [`127.0.0.1:${s.kafkaPort}`],
    registryUrl: registryUrl(s),
    kafkaVersion: s.kafkaVersion,
    registryVersion: s.registryVersion,
  };
  writeFileSync(connectionFile(), `${JSON.stringify(c, null, 2)}\n`);
  writeFileSync(
    resolve(s.dir, 'stack.env'),
    `KAFKA_BROKERS=${c.brokers.join(',')}\nSCHEMA_REGISTRY_URL=${c.registryUrl}\n`,
  );
  return c;
}

function ensurePortFree(port: number, what: string): Promise<void> {
  return portAnswers(port).then((busy) => {
    if (!busy) return;
    const owner = portOwner(port);
    let cmd = '';
    if (owner && owner > 0) {
      try {
        cmd = ` (${readFileSync(`/proc/${owner}/cmdline`, 'utf8').split('\0').join(' ').slice(0, 120)})`;
      } catch {
        /* gone */
      }
    }
    const who = owner && owner > 0 ? `pid ${owner}${cmd}` : 'another process';
    throw new StackError(
      `port ${port} (${what}) is taken by ${who} — stop it, or choose another port in the stack settings`,
    );
  });
}

/** Apicurio 3.3 needs Java 21+; without one (and no pinned version) fall back to the Java 17 line 2.6.x. */
function withRegistryLine(s: StackSettings): StackSettings {
  if (s.registryVersionPinned || !s.registryVersion.startsWith('3.') || findJava(21)) return s;
  say(
    `no Java 21+ found for Apicurio ${s.registryVersion}: using Apicurio 2.6.13.Final on Java 17 (set APICURIO_JAVA_HOME to a JDK 21+ to use 3.x)`,
  );
  return { ...s, registryVersion: '2.6.13.Final' };
}

async function up(s: StackSettings): Promise<void> {
  const started = Date.now();
  javaMajor();
  const regJava = registryJava(s.registryVersion);
  mkdirSync(s.dir, { recursive: true });
  const previous = existsSync(connectionFile())
    ? (JSON.parse(readFileSync(connectionFile(), 'utf8')) as Written)
    : undefined;
  let kafkaPid = readPid(pidFile(s, 'kafka'));
  let registryPid = readPid(pidFile(s, 'registry'));
  if (kafkaPid && previous && previous.kafkaVersion !== s.kafkaVersion) {
    throw new StackError(
      `a Kafka ${previous.kafkaVersion} stack is running — run \`npm run stack:down\` before switching to ${s.kafkaVersion}`,
    );
  }
  if (kafkaPid && registryPid && (await kafkaAnswers(s.kafkaPort)) && (await registryAnswers(s))) {
    const c = writeConnection(s);
    say(
      `reusing the healthy stack: Kafka ${s.kafkaVersion} pid ${kafkaPid} at ${c.brokers.join(',')}, registry pid ${registryPid} at ${c.registryUrl}`,
    );
    return;
  }
  if (!kafkaPid) {
    await ensurePortFree(s.kafkaPort, 'Kafka');
    await ensurePortFree(s.controllerPort, 'Kafka controller');
  }
  if (!registryPid) {
    await ensurePortFree(s.registryPort, 'registry');
    await ensurePortFree(s.registryManagementPort, 'registry management');
  }
  const needsFetch =
    !launcherJar(apicurioHome(s)) || !existsSync(resolve(s.cacheDir, `kafka-${s.kafkaVersion}`, 'libs'));
  if (needsFetch) requireMaven();
  const [libs, home] = await Promise.all([fetchKafka(s, say), fetchApicurio(s, say)]);
  const kafkaLog = resolve(kafkaRunDir(s), 'kafka.log');
  const registryLog = resolve(s.dir, 'registry', 'registry.log');
  if (!kafkaPid) {
    kafkaPid = startKafka(s, libs).pid;
    say(`started Kafka ${s.kafkaVersion} (KRaft) pid ${kafkaPid}, log ${kafkaLog}`);
  }
  if (!registryPid) {
    registryPid = startRegistry(s, home, regJava).pid;
    say(`started Apicurio Registry ${s.registryVersion} pid ${registryPid} on ${regJava}, log ${registryLog}`);
  }
  const kPid = kafkaPid;
  const rPid = registryPid;
  await Promise.all([
    waitUntil(
      'Kafka',
      () => kafkaAnswers(s.kafkaPort),
      s.startTimeoutMs,
      () => isAlive(kPid),
      kafkaLog,
    ),
    waitUntil(
      'Apicurio Registry',
      () => registryAnswers(s),
      s.startTimeoutMs,
      () => isAlive(rPid),
      registryLog,
    ),
  ]);
  const c = writeConnection(s);
  say(
    `ready in ${((Date.now() - started) / 1000).toFixed(1)} s: KAFKA_BROKERS=${c.brokers.join(',')} SCHEMA_REGISTRY_URL=${c.registryUrl}`,
  );
  say(`connection settings written to ${connectionFile()} and ${resolve(s.dir, 'stack.env')}`);
}

async function down(s: StackSettings, wipe: boolean): Promise<void> {
  const [r, k] = await Promise.all([stopPid(pidFile(s, 'registry')), stopPid(pidFile(s, 'kafka'))]);
  say(r ? `stopped registry pid ${r}` : 'registry was not running');
  say(k ? `stopped Kafka pid ${k}` : 'Kafka was not running');
  rmSync(connectionFile(), { force: true });
  if (wipe) {
    rmSync(kafkaRunDir(s), { recursive: true, force: true });
    say(`wiped Kafka data in ${kafkaRunDir(s)}`);
  }
}

async function status(s: StackSettings): Promise<boolean> {
  const kafkaPid = readPid(pidFile(s, 'kafka'));
  const registryPid = readPid(pidFile(s, 'registry'));
  const kOk = kafkaPid !== undefined && (await kafkaAnswers(s.kafkaPort));
  const rOk = registryPid !== undefined && (await registryAnswers(s));
  say(
    `Kafka ${s.kafkaVersion}: ${kafkaPid ? `pid ${kafkaPid}` : 'not running'}, ${kOk ? 'answering' : 'not answering'} on 127.0.0.1:${s.kafkaPort}`,
  );
  say(
    `registry ${s.registryVersion}: ${registryPid ? `pid ${registryPid}` : 'not running'}, ${rOk ? 'answering' : 'not answering'} at ${registryUrl(s)}`,
  );
  return kOk && rOk;
}

async function main(): Promise<number> {
  const [cmd, ...rest] = process.argv.slice(2);
  const s = withRegistryLine(stackSettings());
  switch (cmd) {
    case 'up':
      await up(s);
      return 0;
    case 'down':
      await down(s, rest.includes('--wipe'));
      return 0;
    case 'status':
      return (await status(s)) ? 0 : 1;
    default:
      console.error('usage: stack <up|down [--wipe]|status>');
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(
      `[stack] ${err instanceof StackError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    process.exit(1);
  },
);
