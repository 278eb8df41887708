// Integration tests need the real broker and registry. If they cannot be reached the run fails here,
// saying how to start them; no integration test ever skips.
import { Kafka, logLevel } from 'kafkajs';
import { readConnection } from '../../infra/stack/connection';

const HOW =
  'Start them with `npm run stack:up` (or set KAFKA_BROKERS and SCHEMA_REGISTRY_URL), or just run `npm test`, which starts them.';

export default async function setup(): Promise<void> {
  const c = readConnection();
  if (!c) throw new Error(`No Kafka broker / schema registry is configured. ${HOW}`);
  const admin = new Kafka({
    clientId: 'test-setup',
    brokers: c.brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 2 },
  }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } catch (err) {
    throw new Error(`Kafka at ${c.brokers.join(',')} does not answer (${(err as Error).message}). ${HOW}`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  try {
    const res = await fetch(`${c.registryUrl}/subjects`, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  } catch (err) {
    throw new Error(`The schema registry at ${c.registryUrl} does not answer (${(err as Error).message}). ${HOW}`);
  }
}
