// The runtime's metric contract (ARCHITECTURE.md §7). Names and labels are fixed here, not in services.
// One registry per service instance: nothing touches prom-client's global default registry.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface CreateMetricsOptions {
  service: string;
  registry?: Registry;
  /** Node default metrics (process_*, nodejs_*) on the same registry; default true. */
  collectDefaults?: boolean;
}

/** 0 closed, 1 half-open, 2 open: the values of pipeline_breaker_state. */
export const BreakerStateValue = Object.freeze({ closed: 0, 'half-open': 1, open: 2 } as const);

export interface Metrics {
  readonly service: string;
  readonly registry: Registry;
  readonly messagesTotal: Counter<'service' | 'topic' | 'outcome'>;
  readonly handlerSeconds: Histogram<'service' | 'topic'>;
  readonly consumerLag: Gauge<'group' | 'topic' | 'partition'>;
  readonly externalCallSeconds: Histogram<'system' | 'operation' | 'status'>;
  readonly externalCallRetries: Counter<'system' | 'operation' | 'code'>;
  readonly breakerState: Gauge<'system' | 'endpoint'>;
  readonly retryTotal: Counter<'service' | 'topic' | 'tier'>;
  readonly dlqTotal: Counter<'service' | 'topic' | 'code'>;
  readonly ingestRequestsTotal: Counter<'source' | 'outcome'>;
  readonly ingestLeftToPollerTotal: Counter<'source' | 'reason'>;
  readonly producedTotal: Counter<'service' | 'topic' | 'outcome'>;
  /** `field` is a path without indexes (`billingAddress.street`, `items.name`): a short, fixed set. */
  readonly cardNumbersMasked: Counter<'service' | 'field'>;
  /** `entity` e.g. stock, `scope` e.g. the MSI source: when the newest change applied there happened in the source system. */
  readonly lastAppliedChange: Gauge<'entity' | 'scope'>;
  /** Identity events reported, never merged silently: `kind` e.g. email-changed, duplicate-email. */
  readonly identityEventsTotal: Counter<'entity' | 'kind'>;
  /** Prometheus text exposition of the registry. */
  text(): Promise<string>;
}

const HANDLER_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const CALL_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createMetrics(opts: CreateMetricsOptions): Metrics {
  const registry = opts.registry ?? new Registry();
  const registers = [registry];
  if (opts.collectDefaults ?? true) collectDefaultMetrics({ register: registry });

  const metrics: Metrics = {
    service: opts.service,
    registry,
    messagesTotal: new Counter({
      name: 'pipeline_messages_total',
      help: 'Messages finished by a consumer, by outcome (ack, retry, dlq, skipped, conflated).',
      labelNames: ['service', 'topic', 'outcome'] as const,
      registers,
    }),
    handlerSeconds: new Histogram({
      name: 'pipeline_handler_seconds',
      help: 'Time a handler took for one message.',
      labelNames: ['service', 'topic'] as const,
      buckets: HANDLER_BUCKETS,
      registers,
    }),
    consumerLag: new Gauge({
      name: 'pipeline_consumer_lag',
      help: 'Messages between the committed offset and the partition end.',
      labelNames: ['group', 'topic', 'partition'] as const,
      registers,
    }),
    externalCallSeconds: new Histogram({
      name: 'pipeline_external_call_seconds',
      help: 'Outbound calls to M3/Magento by operation and HTTP status (or error code).',
      labelNames: ['system', 'operation', 'status'] as const,
      buckets: CALL_BUCKETS,
      registers,
    }),
    externalCallRetries: new Counter({
      name: 'pipeline_external_call_retries_total',
      help: 'Outbound calls sent again after a transient failure (5xx, timeout, connection), by the failure code.',
      labelNames: ['system', 'operation', 'code'] as const,
      registers,
    }),
    breakerState: new Gauge({
      name: 'pipeline_breaker_state',
      help: 'Circuit breaker per endpoint group: 0 closed, 1 half-open, 2 open.',
      labelNames: ['system', 'endpoint'] as const,
      registers,
    }),
    retryTotal: new Counter({
      name: 'pipeline_retry_total',
      help: 'Messages forwarded to a retry tier.',
      labelNames: ['service', 'topic', 'tier'] as const,
      registers,
    }),
    dlqTotal: new Counter({
      name: 'pipeline_dlq_total',
      help: 'Messages dead-lettered, by error code.',
      labelNames: ['service', 'topic', 'code'] as const,
      registers,
    }),
    ingestRequestsTotal: new Counter({
      name: 'pipeline_ingest_requests_total',
      help: 'Inbound webhook/BOD requests by source and outcome.',
      labelNames: ['source', 'outcome'] as const,
      registers,
    }),
    ingestLeftToPollerTotal: new Counter({
      name: 'pipeline_ingest_left_to_poller_total',
      help: 'Inbound deliveries answered 2xx (the sender never retries them) without being made durable: only the poller can still ingest them, by reason.',
      labelNames: ['source', 'reason'] as const,
      registers,
    }),
    producedTotal: new Counter({
      name: 'pipeline_produced_total',
      help: 'Records produced to Kafka, by outcome (ok, error).',
      labelNames: ['service', 'topic', 'outcome'] as const,
      registers,
    }),
    cardNumbersMasked: new Counter({
      name: 'pipeline_card_numbers_masked_total',
      help: 'Payment card numbers masked in free text taken from a source system before it reached a topic, by field.',
      labelNames: ['service', 'field'] as const,
      registers,
    }),
    lastAppliedChange: new Gauge({
      name: 'pipeline_last_applied_change_timestamp_seconds',
      help: 'When (in the source system) the newest change applied to the target happened, per entity and scope (stock: per MSI source). time() minus it is how stale the target is.',
      labelNames: ['entity', 'scope'] as const,
      registers,
    }),
    identityEventsTotal: new Counter({
      name: 'pipeline_identity_events_total',
      help: 'Identity events reported (never merged silently): an e-mail changed, two records with one e-mail.',
      labelNames: ['entity', 'kind'] as const,
      registers,
    }),
    text: () => registry.metrics(),
  };
  return metrics;
}

/** Metric names the runtime guarantees; dashboards and alerts may rely on them. */
export const METRIC_NAMES = Object.freeze([
  'pipeline_messages_total',
  'pipeline_handler_seconds',
  'pipeline_consumer_lag',
  'pipeline_external_call_seconds',
  'pipeline_external_call_retries_total',
  'pipeline_breaker_state',
  'pipeline_retry_total',
  'pipeline_dlq_total',
  'pipeline_ingest_requests_total',
  'pipeline_ingest_left_to_poller_total',
  'pipeline_produced_total',
  'pipeline_card_numbers_masked_total',
  'pipeline_last_applied_change_timestamp_seconds',
] as const);
