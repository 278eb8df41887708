// The stack fails fast and says what to do: Java missing, a port taken.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { portOwner } from '../procs';

const root = resolve(import.meta.dirname, '../../..');

/** A PATH holding sh, node, npm and npx but no java. */
function pathWithoutJava(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nojava-'));
  const nodeBin = dirname(process.execPath);
  for (const tool of ['node', 'npm', 'npx']) symlinkSync(join(nodeBin, tool), join(dir, tool));
  symlinkSync('/bin/sh', join(dir, 'sh'));
  return dir;
}

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.KAFKA_BROKERS;
  delete env.SCHEMA_REGISTRY_URL;
  delete env.JAVA_HOME;
  return env;
}

describe('local stack errors', () => {
  it('npm test without Java fails within seconds naming what to install', () => {
    const started = Date.now();
    const bin = pathWithoutJava();
    const r = spawnSync(join(bin, 'npm'), ['test'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: cleanEnv({ PATH: bin, TEST_USE_DOCKER: 'false', STACK_DIR: mkdtempSync(join(tmpdir(), 'stack-')) }),
    });
    const out = `${r.stdout}${r.stderr}`;
    expect(r.status, out).not.toBe(0);
    expect(out).toContain('Java 17+ not found');
    expect(out).toContain('apt-get install -y openjdk-17-jre-headless');
    expect(out).not.toMatch(/Test Files/);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 70_000);

  it('names the process holding a port the stack needs', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      expect(portOwner(port)).toBe(process.pid);
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'infra/stack/cli.ts', 'up'], {
        cwd: root,
        encoding: 'utf8',
        timeout: 60_000,
        env: cleanEnv({ STACK_DIR: mkdtempSync(join(tmpdir(), 'stack-')), STACK_KAFKA_PORT: String(port) }),
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`port ${port} (Kafka) is taken by pid ${process.pid}`);
    } finally {
      server.close();
    }
  }, 70_000);
});
