import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { IonApiFile } from '../src/index';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

describe('npm run sim:m3', () => {
  it('starts standalone, prints URLs and credentials, writes a working .ionapi and stops on SIGTERM', async () => {
    const ionapiPath = join(mkdtempSync(join(tmpdir(), 'm3sim-')), 'sandbox.ionapi');
    const child = spawn('npm', ['run', '-s', 'sim:m3'], {
      cwd: root,
      env: { ...process.env, M3_SIM_PORT: '0', M3_SIM_IONAPI: ionapiPath },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitFor(() => out.includes('BOD subscriber'), 60_000);
      const base = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? '';
      expect(base).not.toBe('');
      const ionapi = JSON.parse(readFileSync(ionapiPath, 'utf8')) as IonApiFile;
      expect(out).toContain(`ci=${ionapi.ci}`);
      expect(out).toContain(`sask=${ionapi.sask}`);
      expect(out).toContain(`${base}/${ionapi.ti}/M3/m3api-rest/execute`);
      expect(ionapi.iu).toBe(base);

      const token = await fetch(`${ionapi.pu}${ionapi.ot}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'password',
          client_id: ionapi.ci,
          client_secret: ionapi.cs,
          username: ionapi.saak,
          password: ionapi.sask,
        }),
      });
      const { access_token } = (await token.json()) as { access_token: string };
      const mi = await fetch(`${ionapi.iu}/${ionapi.ti}/M3/m3api-rest/execute/MMS005MI/GetWarehouse?WHLO=100`, {
        headers: { authorization: `Bearer ${access_token}` },
      });
      expect(((await mi.json()) as { Program: string }).Program).toBe('MMS005MI');
    } finally {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    }
    await exited;
    expect(out).toContain('SIGTERM: stopping M3 simulator');
  }, 90_000);
});

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for the simulator to start');
    await new Promise((r) => setTimeout(r, 100));
  }
}
