// Settings of the local stack, from the environment with sensible defaults. Documented in the README.
import { resolve } from 'node:path';
import { repoRoot, stackDir } from './connection';

export type KafkaLine = '4' | '3.9';

export interface StackSettings {
  dir: string;
  cacheDir: string;
  kafkaLine: KafkaLine;
  kafkaVersion: string;
  kafkaPort: number;
  controllerPort: number;
  registryVersion: string;
  /** True when APICURIO_VERSION was set; otherwise the stack may fall back to the Java 17 line. */
  registryVersionPinned: boolean;
  registryPort: number;
  registryManagementPort: number;
  startTimeoutMs: number;
  pom: string;
}

const defaultVersions: Record<KafkaLine, string> = { '4': '4.1.1', '3.9': '3.9.1' };

function port(env: NodeJS.ProcessEnv, key: string, fallback: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${key}=${raw} is not a TCP port (1-65535)`);
  return n;
}

export function stackSettings(env: NodeJS.ProcessEnv = process.env): StackSettings {
  const line = (env.KAFKA_LINE ?? '4') as KafkaLine;
  if (line !== '4' && line !== '3.9') throw new Error(`KAFKA_LINE=${String(env.KAFKA_LINE)} must be "4" or "3.9"`);
  const dir = stackDir(env);
  return {
    dir,
    cacheDir: resolve(repoRoot, env.STACK_CACHE_DIR ?? resolve(dir, 'cache')),
    kafkaLine: line,
    kafkaVersion: env.KAFKA_VERSION ?? defaultVersions[line],
    kafkaPort: port(env, 'STACK_KAFKA_PORT', 9092),
    controllerPort: port(env, 'STACK_CONTROLLER_PORT', 9093),
    registryVersion: env.APICURIO_VERSION ?? '3.3.3',
    registryVersionPinned: env.APICURIO_VERSION !== undefined,
    registryPort: port(env, 'STACK_REGISTRY_PORT', 8081),
    registryManagementPort: port(env, 'STACK_REGISTRY_MANAGEMENT_PORT', 9001),
    startTimeoutMs: Number(env.STACK_START_TIMEOUT_MS ?? 180_000),
    pom: resolve(repoRoot, 'infra/stack/pom.xml'),
  };
}
