// Starts Apicurio Registry (Confluent-compatible API at /apis/ccompat/v7) on 127.0.0.1.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { StackSettings } from './settings';
import { startDetached } from './procs';
import { launcherJar } from './fetch';

export const registryUrl = (s: StackSettings): string => `http://127.0.0.1:${s.registryPort}/apis/ccompat/v7`;

/**
 * `dataDir`: keep the registry's storage in an H2 file there, so it survives a restart (the default is
 * Apicurio's in-memory H2: a restarted registry has forgotten every schema and id).
 */
export function startRegistry(
  s: StackSettings,
  home: string,
  java: string,
  dataDir?: string,
): { pid: number; logFile: string } {
  const run = resolve(s.dir, 'registry');
  mkdirSync(run, { recursive: true });
  const logFile = resolve(run, 'registry.log');
  const pid = startDetached(
    java,
    [
      '-Xms128m',
      '-Xmx512m',
      '-Djava.util.logging.manager=org.jboss.logmanager.LogManager',
      '-Dquarkus.http.host=127.0.0.1',
      `-Dquarkus.http.port=${s.registryPort}`,
      '-Dquarkus.management.host=127.0.0.1',
      `-Dquarkus.management.port=${s.registryManagementPort}`,
      ...(dataDir ? [`-Dapicurio.datasource.url=jdbc:h2:file:${resolve(dataDir, 'registry')}`] : []),
      '-jar',
      launcherJar(home) ?? resolve(home, 'quarkus-run.jar'),
    ],
    { cwd: run, logFile, pidFile: resolve(s.dir, 'registry.pid') },
  );
  return { pid, logFile };
}

export async function registryAnswers(s: StackSettings): Promise<boolean> {
  try {
    const res = await fetch(`${registryUrl(s)}/subjects`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}
