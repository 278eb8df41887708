// The project's commands run as ops run them (`npm run <tool>` is `tsx <script>`), as one process each, against
// the test stack under a test's namespace: started (to kill it mid-run) or run to the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot } from '../../infra/stack/connection';
import { testStack } from './env';

export interface ToolRun {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  /** The exit code, or the signal that ended it. */
  exit: Promise<number | string>;
}

export interface ToolResult {
  code: number | string;
  stdout: string;
  stderr: string;
}

/** The environment of a tool on the test stack: its broker, registry and the namespace, plus `extra`. */
export function toolStackEnv(namespace: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const stack = testStack();
  return {
    ...process.env,
    KAFKA_BROKERS: stack.brokers.join(','),
    SCHEMA_REGISTRY_URL: stack.registryUrl,
    KAFKA_NAMESPACE: namespace,
    ...extra,
  };
}

export function spawnTool(script: string, args: string[], env: NodeJS.ProcessEnv): ToolRun {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: ToolRun = { child, stdout: '', stderr: '', exit: Promise.resolve(0) };
  child.stdout.on('data', (b: Buffer) => (run.stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (run.stderr += b.toString()));
  run.exit = new Promise((done) => child.on('close', (code, signal) => done(code ?? signal ?? 'unknown')));
  return run;
}

export async function runTool(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<ToolResult> {
  const run = spawnTool(script, args, env);
  const code = await run.exit;
  return { code, stdout: run.stdout, stderr: run.stderr };
}
