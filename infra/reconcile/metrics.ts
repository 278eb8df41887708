// The scheduled mode's gauges (prom-client, a registry of its own): reconcile_drift{entity,kind} = the keys of
// each drift kind found by the last run, reconcile_compared{entity}, reconcile_last_run_timestamp_seconds{entity}
// and reconcile_run_failures_total{entity}; served as /metrics on a small HTTP port for Prometheus
// (infra/prometheus/alerts.yml alerts on lasting drift).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Gauge, Registry } from 'prom-client';
import { DRIFT_KINDS } from './drift';
import type { RunReport } from './report';

export interface DriftMetrics {
  record(r: RunReport, at: number): void;
  failed(entity: string): void;
  /** Serves /metrics; resolves with the URL. */
  listen(port: number): Promise<string>;
  close(): Promise<void>;
  text(): Promise<string>;
}

export function driftMetrics(): DriftMetrics {
  const registry = new Registry();
  const drift = new Gauge({
    name: 'reconcile_drift',
    help: 'Keys that differ between M3 and Magento by the mappings, per kind (last reconcile run)',
    labelNames: ['entity', 'kind'],
    registers: [registry],
  });
  const compared = new Gauge({
    name: 'reconcile_compared',
    help: 'Keys compared by the last reconcile run',
    labelNames: ['entity'],
    registers: [registry],
  });
  const lastRun = new Gauge({
    name: 'reconcile_last_run_timestamp_seconds',
    help: 'When the last reconcile run finished',
    labelNames: ['entity'],
    registers: [registry],
  });
  const failures = new Counter({
    name: 'reconcile_run_failures_total',
    help: 'Reconcile runs that failed (M3, Magento or Kafka unreachable)',
    labelNames: ['entity'],
    registers: [registry],
  });
  let server: Server | undefined;
  const count = {
    differs: 'drifted',
    'missing-in-magento': 'missingInMagento',
    'missing-in-m3': 'missingInM3',
  } as const;
  return {
    record(r, at) {
      for (const kind of DRIFT_KINDS) drift.set({ entity: r.entity, kind }, r.summary[count[kind]]);
      compared.set({ entity: r.entity }, r.summary.compared);
      lastRun.set({ entity: r.entity }, at / 1000);
    },
    failed: (entity) => failures.inc({ entity }),
    text: () => registry.metrics(),
    listen(port) {
      server = createServer((req, res) => {
        if (req.url !== '/metrics') {
          res.writeHead(404).end();
          return;
        }
        registry.metrics().then(
          (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
          () => res.writeHead(500).end(),
        );
      });
      return new Promise((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, '0.0.0.0', () =>
          resolve(`http://127.0.0.1:${(server!.address() as AddressInfo).port}/metrics`),
        );
      });
    },
    close: () => new Promise((resolve) => (server ? server.close(() => resolve()) : resolve())),
  };
}
