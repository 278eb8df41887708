// `npm test`: make sure a real Kafka broker and schema registry are there, then run every test on them.
//   1. KAFKA_BROKERS and SCHEMA_REGISTRY_URL set → use those.
//   2. otherwise, a Docker engine answering → testcontainers starts Kafka and Apicurio (test/support/containers.ts).
//   3. otherwise → the local stack from Maven Central (`npm run stack:up`; a healthy stack is reused).
// If none can start, the run fails with the reason. Extra arguments go to vitest.
import { spawn, spawnSync } from 'node:child_process';
import { repoRoot } from '../infra/stack/connection';

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: repoRoot, env, stdio: 'inherit' });
    child.on('close', (code) => resolve(code ?? 1));
    child.on('error', (err) => {
      console.error(`[test] could not run ${cmd}: ${err.message}`);
      resolve(1);
    });
  });
}

function dockerAnswers(): boolean {
  const r = spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 5000 });
  return r.status === 0;
}

async function main(): Promise<number> {
  const env = { ...process.env };
  const vitestArgs = ['vitest', 'run', ...process.argv.slice(2)];
  if (env.KAFKA_BROKERS && env.SCHEMA_REGISTRY_URL) {
    console.log(`[test] using KAFKA_BROKERS=${env.KAFKA_BROKERS} SCHEMA_REGISTRY_URL=${env.SCHEMA_REGISTRY_URL}`);
    return run('npx', vitestArgs, env);
  }
  if (env.TEST_USE_DOCKER !== 'false' && dockerAnswers()) {
    const { startContainers } = await import('./support/containers');
    console.log('[test] a Docker engine answers: starting Kafka and Apicurio with testcontainers');
    const stack = await startContainers();
    try {
      return await run('npx', vitestArgs, {
        ...env,
        KAFKA_BROKERS: stack.brokers,
        SCHEMA_REGISTRY_URL: stack.registryUrl,
      });
    } finally {
      await stack.stop();
    }
  }
  console.log(
    '[test] no KAFKA_BROKERS/SCHEMA_REGISTRY_URL and no Docker engine: using the local stack (npm run stack:up)',
  );
  const up = await run('npx', ['tsx', 'infra/stack/cli.ts', 'up'], env);
  if (up !== 0) {
    console.error('[test] the local Kafka broker and schema registry could not start (reason above); no test ran.');
    return up;
  }
  return run('npx', vitestArgs, env);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[test] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
