export { BreakerStateValue, METRIC_NAMES, createMetrics, type CreateMetricsOptions, type Metrics } from './metrics';
