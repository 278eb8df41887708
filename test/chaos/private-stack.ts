// A broker and a registry of the chaos suite's own (free ports, a temporary folder, the jars of the shared
// stack's cache), started as `npm run stack:up` starts them, so restarting them disturbs nothing else that
// runs on the shared stack. The registry keeps its storage in a file: a restart is an outage, not amnesia.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../infra/sandbox/sandbox';
import { stackDir, type StackConnection } from '../../infra/stack/connection';
import { apicurioHome, kafkaLibs } from '../../infra/stack/fetch';
import { kafkaAnswers, startKafka } from '../../infra/stack/kafka';
import { registryJava } from '../../infra/stack/prereqs';
import { isAlive, stopPid, waitUntil } from '../../infra/stack/procs';
import { registryAnswers, registryUrl, startRegistry } from '../../infra/stack/registry';
import { stackSettings, type StackSettings } from '../../infra/stack/settings';

export interface PrivateStack {
  connection: StackConnection;
  /** Stops the broker (SIGTERM, as an orderly restart), runs `whileDown`, starts it on the same data. */
  restartKafka(whileDown?: () => void): Promise<{ downMs: number }>;
  restartRegistry(whileDown?: () => void): Promise<{ downMs: number }>;
  stop(): Promise<void>;
}

export async function startPrivateStack(): Promise<PrivateStack> {
  const dir = mkdtempSync(join(tmpdir(), 'chaos-stack-'));
  const s: StackSettings = stackSettings({
    ...process.env,
    STACK_DIR: dir,
    STACK_CACHE_DIR: process.env.STACK_CACHE_DIR ?? resolve(stackDir(), 'cache'),
    STACK_KAFKA_PORT: String(await freePort()),
    STACK_CONTROLLER_PORT: String(await freePort()),
    STACK_REGISTRY_PORT: String(await freePort()),
    STACK_REGISTRY_MANAGEMENT_PORT: String(await freePort()),
  });
  const pidFile = (name: 'kafka' | 'registry'): string => resolve(dir, `${name}.pid`);
  const java = registryJava(s.registryVersion);
  const kafka = async (): Promise<void> => {
    const { pid, logFile } = startKafka(s, kafkaLibs(s));
    await waitUntil(
      'Kafka',
      () => kafkaAnswers(s.kafkaPort),
      s.startTimeoutMs,
      () => isAlive(pid),
      logFile,
    );
  };
  const registry = async (): Promise<void> => {
    const { pid, logFile } = startRegistry(s, apicurioHome(s), java, resolve(dir, 'registry-data'));
    await waitUntil(
      'Apicurio Registry',
      () => registryAnswers(s),
      s.startTimeoutMs,
      () => isAlive(pid),
      logFile,
    );
  };
  const stop = async (): Promise<void> => {
    await Promise.all([stopPid(pidFile('registry')), stopPid(pidFile('kafka'))]);
    rmSync(dir, { recursive: true, force: true });
  };
  const restart = async (name: 'kafka' | 'registry', whileDown?: () => void): Promise<{ downMs: number }> => {
    const from = performance.now();
    await stopPid(pidFile(name));
    whileDown?.();
    await (name === 'kafka' ? kafka() : registry());
    return { downMs: performance.now() - from };
  };
  try {
    await Promise.all([kafka(), registry()]);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    connection: { brokers: [`127.0.0.1:${s.kafkaPort}`], registryUrl: registryUrl(s) },
    restartKafka: (whileDown) => restart('kafka', whileDown),
    restartRegistry: (whileDown) => restart('registry', whileDown),
    stop,
  };
}
