// Where the integration tests find the real broker and registry, and unique names per test.
import { randomBytes } from 'node:crypto';
import { readConnection } from '../../infra/stack/connection';

export interface TestStack {
  brokers: string[];
  registryUrl: string;
}

/** The broker and registry chosen by the global setup (env first, then .stack/stack.json). */
export function testStack(): TestStack {
  const c = readConnection();
  if (!c) {
    throw new Error(
      'No Kafka broker / schema registry configured. Run `npm run stack:up` (or set KAFKA_BROKERS and SCHEMA_REGISTRY_URL), then run the tests again.',
    );
  }
  return c;
}

/** A topic or group name no other test (or earlier run) uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}.${Date.now().toString(36)}.${randomBytes(3).toString('hex')}`;
}
