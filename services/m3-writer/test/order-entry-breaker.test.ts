// Order entry while the M3 breaker is open: no call reaches M3, and the entry's intent is kept, so the next
// attempt looks for a head before it opens another (ADR 0011).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient, createLogger, createMetrics } from '@m3mage/runtime';
import { createMiClient, m3Answers } from '@m3mage/connectors/m3';
import type { BatchOrderEntry } from '@m3mage/schemas/types';
import { writerMiPolicy } from '../src/clients/mi-policy';
import { createOrderClient } from '../src/clients/order.client';
import { createOrderEntry } from '../src/handlers/order-entry';
import { memoryTable, orderCommand } from './support/commands';
import { m3Rig, type M3Rig } from './support/m3';
import { miTransactions } from './support/observe';

describe('order entry behind an open breaker', () => {
  let rig: M3Rig;
  let http: ReturnType<typeof createHttpClient>;
  beforeEach(async () => {
    rig = await m3Rig();
    // the rig's own client never opens its breaker; this one opens on the first failure
    http = createHttpClient({
      system: 'm3',
      answers: m3Answers,
      logger: createLogger({ service: 'test', version: '0', level: 'silent' }),
      metrics: createMetrics({ service: 'test', collectDefaults: false }),
      groups: {
        m3: {
          baseUrl: `${rig.ionapi.gatewayUrl}/M3/m3api-rest`,
          breaker: { volumeThreshold: 1, errorThresholdPercentage: 1, resetTimeoutMs: 600_000 },
          repeat: { retries: 0 },
        },
      },
    });
  });
  afterEach(async () => {
    await http.close();
    await rig.close();
  });

  it('keeps the intent of an AddBatchHead the breaker did not let through', async () => {
    const mi = createMiClient({
      http,
      group: 'm3',
      auth: { kind: 'bearer', tokens: rig.tokens },
      company: '100',
      policy: writerMiPolicy,
    });
    const batches = memoryTable<BatchOrderEntry>();
    const entry = createOrderEntry({
      orders: createOrderClient(mi, 100),
      batches,
      now: () => 1_000,
    });
    await mi.execute('CRS610MI', 'GetBasicData', { CUNO: 'C000001' }); // holds a token now
    rig.sim.faults.setProfile({ errorRate: 1 });
    await expect(mi.execute('OIS100MI', 'GetOrderNo', { ORNO: '1' })).rejects.toMatchObject({ code: 'HTTP_5XX' });
    rig.sim.faults.setProfile({});
    expect(http.isOpen('m3')).toBe(true);
    const since = miTransactions(rig).length;

    const cmd = orderCommand('000000951', 'breaker@example.com', [['ITM000001', '1', '1']]);
    await expect(entry.enter(cmd, 'C000001')).rejects.toMatchObject({ code: 'BREAKER_OPEN' });
    expect(miTransactions(rig, since)).toEqual([]);
    expect(rig.sim.state.batchOrders.size).toBe(0);
    expect(batches.get('000000951')).toMatchObject({ cuor: '000000951', tempOrno: null, startedAt: 1_000 });
  });
});
