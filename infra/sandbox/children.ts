// Child processes of the sandbox: each service runs as its own Node process (as in production), writing its
// log to a file, stopped with SIGTERM (graceful) and SIGKILL after a grace period.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { resolve } from 'node:path';

export interface Child {
  name: string;
  proc: ChildProcess;
  logFile: string;
  exited: Promise<number | null>;
}

export function startChild(name: string, entry: string, env: NodeJS.ProcessEnv, logDir: string, cwd: string): Child {
  mkdirSync(logDir, { recursive: true });
  const logFile = resolve(logDir, `${name}.log`);
  // The child writes its log file itself (no pipe through this process): it logs and shuts down the same
  // whether or not its parent is still there.
  const fd = openSync(logFile, 'a');
  const proc = spawn(process.execPath, ['--import', 'tsx', entry], { cwd, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  return { name, proc, logFile, exited };
}

export async function stopChild(child: Child, graceMs = 15_000): Promise<void> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  child.proc.kill('SIGTERM');
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}

export async function waitReady(url: string, child: Child, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.proc.exitCode !== null)
      throw new Error(`${child.name} exited with code ${child.proc.exitCode} — see ${child.logFile}`);
    try {
      const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${child.name} not ready within ${timeoutMs / 1000} s — see ${child.logFile}`);
}
