// `npm run stack:up` a second time reuses the healthy stack instead of starting another one.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

describe('stack:up', () => {
  it('reuses a healthy stack and reports it', () => {
    const env = { ...process.env };
    delete env.KAFKA_BROKERS;
    delete env.SCHEMA_REGISTRY_URL;
    const run = (cmd: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'infra/stack/cli.ts', cmd], {
        cwd: root,
        env,
        encoding: 'utf8',
        timeout: 240_000,
      });
    const first = run('up');
    expect(first.status, first.stderr).toBe(0);
    const second = run('up');
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain('reusing the healthy stack');
    const status = run('status');
    expect(status.status).toBe(0);
    expect(status.stdout).toMatch(/Kafka [\d.]+: pid \d+, answering/);
    expect(status.stdout).toMatch(/registry [\w.]+: pid \d+, answering/);
  }, 300_000);
});
