// Starts a single-node KRaft broker+controller on 127.0.0.1 from the fetched jars.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { StackSettings } from './settings';
import { StackError } from './prereqs';
import { startDetached } from './procs';

export function kafkaRunDir(s: StackSettings): string {
  return resolve(s.dir, `kafka-${s.kafkaVersion}`);
}

function serverProperties(s: StackSettings, dataDir: string): string {
  const lines = [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${s.controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${s.kafkaPort},CONTROLLER://127.0.0.1:${s.controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${s.kafkaPort}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${dataDir}`,
    'num.partitions=1',
    'auto.create.topics.enable=false',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=1',
    'group.initial.rebalance.delay.ms=0',
    'log.retention.check.interval.ms=60000',
  ];
  if (s.kafkaLine === '4') {
    lines.push('share.coordinator.state.topic.replication.factor=1', 'share.coordinator.state.topic.min.isr=1');
  }
  return `${lines.join('\n')}\n`;
}

const log4j1 = `log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
`;

const log4j2 = `status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.stdout.ref = STDOUT
`;

export function startKafka(s: StackSettings, libs: string): { pid: number; logFile: string } {
  const run = kafkaRunDir(s);
  const dataDir = resolve(run, 'data');
  mkdirSync(dataDir, { recursive: true });
  const props = resolve(run, 'server.properties');
  writeFileSync(props, serverProperties(s, dataDir));
  const logCfg = resolve(run, s.kafkaLine === '3.9' ? 'log4j.properties' : 'log4j2.properties');
  writeFileSync(logCfg, s.kafkaLine === '3.9' ? log4j1 : log4j2);
  const logFlag =
    s.kafkaLine === '3.9' ? `-Dlog4j.configuration=file:${logCfg}` : `-Dlog4j2.configurationFile=${logCfg}`;
  const cp = `${libs}/*`;
  if (!existsSync(resolve(dataDir, 'meta.properties'))) {
    const clusterId = randomBytes(16).toString('base64url').replace(/^-/, 'A');
    const fmt = spawnSync(
      'java',
      [logFlag, '-cp', cp, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', props],
      {
        encoding: 'utf8',
      },
    );
    if (fmt.status !== 0) throw new StackError(`Kafka storage format failed:\n${fmt.stdout}${fmt.stderr}`);
  }
  const logFile = resolve(run, 'kafka.log');
  const pid = startDetached(
    'java',
    ['-Xms256m', '-Xmx1g', '-XX:+UseG1GC', '-Djava.awt.headless=true', logFlag, '-cp', cp, 'kafka.Kafka', props],
    { cwd: run, logFile, pidFile: resolve(s.dir, 'kafka.pid') },
  );
  return { pid, logFile };
}

/** True when the broker answers a metadata request and has a controller. */
export async function kafkaAnswers(port: number): Promise<boolean> {
  const kafka = new Kafka({
    clientId: 'stack-probe',
    brokers: [`127.0.0.1:${port}`],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const c = await admin.describeCluster();
    return c.brokers.length > 0 && c.controller !== null;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
