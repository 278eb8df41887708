// Readiness of the shared infrastructure: Kafka answers, the registry answers.
import type { HealthCheck } from '../health/checks';
import type { KafkaClient } from '../kafka/client';

/** Kafka answers a metadata request (one admin connection kept for the checks). */
export function kafkaCheck(client: KafkaClient): { check: HealthCheck; close(): Promise<void> } {
  const admin = client.kafka.admin();
  let connected: Promise<void> | undefined;
  return {
    async check() {
      try {
        connected ??= admin.connect();
        await connected;
        const cluster = await admin.describeCluster();
        return cluster.brokers.length > 0 ? { ok: true } : { ok: false, detail: 'no broker in metadata' };
      } catch (err) {
        connected = undefined;
        return { ok: false, detail: `Kafka: ${err instanceof Error ? err.message : String(err)}` };
      }
    },
    async close() {
      if (connected) await admin.disconnect().catch(() => undefined);
    },
  };
}

export function registryCheck(registryUrl: string, fetchImpl: typeof fetch = fetch): HealthCheck {
  return async () => {
    try {
      const res = await fetchImpl(`${registryUrl.replace(/\/+$/, '')}/subjects`, { signal: AbortSignal.timeout(1500) });
      return res.ok ? { ok: true } : { ok: false, detail: `registry answered ${res.status}` };
    } catch (err) {
      return { ok: false, detail: `registry: ${err instanceof Error ? err.message : String(err)}` };
    }
  };
}
