// Fastify plugin: /health/live, /health/ready and /metrics on every service.
import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../metrics/metrics';
import { runCheck, type CheckResult, type HealthCheck } from './checks';

export interface HealthPluginOptions {
  checks: Record<string, HealthCheck>;
  metrics: Metrics;
  /** Per-check deadline for /health/ready; default 2000 ms. */
  checkTimeoutMs?: number;
}

export interface ReadinessReport {
  status: 'ready' | 'unready';
  checks: Record<string, CheckResult>;
}

export async function readiness(checks: Record<string, HealthCheck>, timeoutMs = 2000): Promise<ReadinessReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => [name, await runCheck(check, timeoutMs)] as const),
  );
  const results = Object.fromEntries(entries);
  return { status: entries.every(([, r]) => r.ok) ? 'ready' : 'unready', checks: results };
}

export function healthPlugin(app: FastifyInstance, opts: HealthPluginOptions): Promise<void> {
  app.get('/health/live', () => ({ status: 'live' }));

  app.get('/health/ready', async (_req, reply) => {
    const report = await readiness(opts.checks, opts.checkTimeoutMs);
    return reply.code(report.status === 'ready' ? 200 : 503).send(report);
  });

  app.get('/metrics', async (_req, reply) => {
    const text = await opts.metrics.registry.metrics();
    return reply.type(opts.metrics.registry.contentType).send(text);
  });
  return Promise.resolve();
}
