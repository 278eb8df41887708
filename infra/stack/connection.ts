// The one place that tells tools and tests where Kafka and the registry are:
// KAFKA_BROKERS + SCHEMA_REGISTRY_URL from the environment win; otherwise what `npm run stack:up` wrote.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface StackConnection {
  brokers: string[];
  registryUrl: string;
}

export const repoRoot = resolve(import.meta.dirname, '..', '..');
export const stackDir = (env: NodeJS.ProcessEnv = process.env): string => resolve(repoRoot, env.STACK_DIR ?? '.stack');
export const connectionFile = (env: NodeJS.ProcessEnv = process.env): string => resolve(stackDir(env), 'stack.json');

export function readConnection(env: NodeJS.ProcessEnv = process.env): StackConnection | undefined {
  if (env.KAFKA_BROKERS && env.SCHEMA_REGISTRY_URL) {
    return { brokers: env.KAFKA_BROKERS.split(',').map((b) => b.trim()), registryUrl: env.SCHEMA_REGISTRY_URL };
  }
  const file = connectionFile(env);
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { brokers: string[]; registryUrl: string };
  return { brokers: parsed.brokers, registryUrl: parsed.registryUrl };
}
