// PIPELINE_MODE (config/fragments.ts): `naive` is the baseline every benchmark measures against in the same
// run — the same services with their throughput mechanisms off, a setting rather than a copy of the code
// (issue 13). Written once here and applied by the service context and the M3 connector, so every service
// gets it without a line of its own:
// - consumers: no conflation, one message at a time per partition (no key parallelism), retry tiers too;
// - the producer: no linger (a record waits only for the batch in flight before it);
// - micro-batchers made by the context (`ctx.microBatcher`): every item is its own call, sent at once;
// - M3 MI calls: one in flight at a time per process (`outboundInFlight`, M3_MAX_IN_FLIGHT is ignored).
import type { PipelineMode } from '../config/fragments';
import { createMicroBatcher, createUnbatched, type MicroBatcher, type MicroBatcherOptions } from './micro-batch';

/** What naive mode pins; in optimised mode each component keeps its own setting. */
export const NAIVE = Object.freeze({ maxInFlight: 1, lingerMs: 0, outboundInFlight: 1 });

export interface ConsumerTuning {
  maxInFlight?: number;
  /** Catalogue topics whose records may be conflated per key. */
  conflate?: readonly string[];
}

/** A consumer's in-flight limit and conflated topics under the mode (naive: 1 and none). */
export function consumerTuning(mode: PipelineMode, tuning: ConsumerTuning): ConsumerTuning {
  return mode === 'naive' ? { maxInFlight: NAIVE.maxInFlight } : tuning;
}

/** The producer's linger under the mode (naive: 0; otherwise the service's, or the producer's default). */
export function producerLinger(mode: PipelineMode, lingerMs: number | undefined): number | undefined {
  return mode === 'naive' ? NAIVE.lingerMs : lingerMs;
}

/** Calls in flight at once to an external system under the mode (naive: 1). */
export function outboundInFlight(mode: PipelineMode | undefined, configured: number): number {
  return mode === 'naive' ? Math.min(NAIVE.outboundInFlight, configured) : configured;
}

/** A micro-batcher under the mode: optimised batches as configured; naive flushes every item alone, at once. */
export function microBatcherFor<T, R>(mode: PipelineMode, opts: MicroBatcherOptions<T, R>): MicroBatcher<T, R> {
  return mode === 'naive' ? createUnbatched((items: T[]) => opts.flush(items)) : createMicroBatcher(opts);
}
