import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { processBatch } from '../../src/kafka/batch-processor';
import { createCompletedOffsets } from '../../src/kafka/completed-offsets';
import type { ConsumedRecord } from '../../src/kafka/handler';

const msg = (offset: string, key: string) => ({
  offset,
  key: Buffer.from(key),
  value: Buffer.from('v'),
  headers: {},
  timestamp: '0',
  attributes: 0,
  size: 0,
});

function payload(messages: ReturnType<typeof msg>[], opts: { rebalanceOnHeartbeat: boolean }) {
  return {
    batch: { topic: 't', partition: 0, messages, highWatermark: '100' },
    heartbeat: async () => {
      if (opts.rebalanceOnHeartbeat) throw Object.assign(new Error('rebalance'), { type: 'REBALANCE_IN_PROGRESS' });
    },
    commitOffsetsIfNecessary: async () => undefined,
    resolveOffset: () => undefined,
    isRunning: () => true,
    isStale: () => false,
    pause: () => () => undefined,
  } as never;
}

describe('batch processor after a drain timeout', () => {
  it('does not start a record again while its abandoned run from the previous batch is still going', async () => {
    const completed = createCompletedOffsets();
    let running = 0;
    let maxConcurrentSameRecord = 0;
    let calls = 0;
    const process = async (_r: ConsumedRecord) => {
      calls += 1;
      running += 1;
      maxConcurrentSameRecord = Math.max(maxConcurrentSameRecord, running);
      await new Promise((r) => setTimeout(r, 400)); // a slow M3 call
      running -= 1;
      return { kind: 'done' as const };
    };
    const ctx = {
      groupId: 'g',
      process,
      maxInFlight: 4,
      heartbeatIntervalMs: 20,
      maxHandlerMs: 60_000,
      commitIntervalMs: 1000,
      rebalanceDrainMs: 50,
      completed,
      onPause: () => undefined,
      logger: pino({ level: 'silent' }),
    };
    // generation 1: rebalance starts while the handler runs; the drain deadline passes
    await expect(processBatch(payload([msg('5', 'order-1')], { rebalanceOnHeartbeat: true }), ctx)).rejects.toThrow();
    // the partition stays with this member; KafkaJS fetches from the last resolved offset again
    await processBatch(payload([msg('5', 'order-1')], { rebalanceOnHeartbeat: false }), ctx);
    expect(calls).toBe(1);
    expect(maxConcurrentSameRecord).toBe(1);
  });
});
