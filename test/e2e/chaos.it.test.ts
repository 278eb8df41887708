// The short form of the chaos suite (test/chaos, `npm run chaos` runs all of it at 500 orders a burst):
// one sandbox on the shared broker, the scenarios that need no broker of their own. Each row must read:
// every order confirmed exactly once, nothing lost, duplicated, dead-lettered or left as an orphan batch order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChaosContext, Row } from '../chaos/burst';
import { startChaosSandbox, type ChaosSandbox } from '../chaos/sandbox';
import { killMidBurst } from '../chaos/scenarios/kill';
import { fulfilmentShuffled } from '../chaos/scenarios/bods';
import { m3Down, m3Errors, tokensExpiring } from '../chaos/scenarios/m3';
import { rowLine, table } from '../chaos/table';
import { testStack } from '../support/env';
import { serviceLogTails } from './support';

describe('chaos (short form)', () => {
  let cs: ChaosSandbox;
  const rows: Row[] = [];
  const ctx = (orders: number): ChaosContext => ({
    sb: cs.sb,
    brokers: testStack().brokers,
    namespace: cs.namespace,
    orders,
    full: false,
    log: (line) => console.info(`[chaos] ${line}`),
  });
  const expectClean = (row: Row): void => {
    rows.push(row);
    console.info(`[chaos] ${rowLine(row)}`);
    const why = `${row.scenario}: ${row.note ?? ''}\n${serviceLogTails(cs.sb)}`;
    expect(
      {
        confirmedOnce: row.confirmedOnce,
        lost: row.lost,
        duplicates: row.duplicates,
        deadLetters: row.deadLetters,
        orphans: row.orphans,
      },
      why,
    ).toEqual({ confirmedOnce: row.placed, lost: 0, duplicates: 0, deadLetters: 0, orphans: 0 });
  };

  beforeAll(async () => {
    cs = await startChaosSandbox(testStack());
  }, 300_000);

  afterAll(async () => {
    if (rows.length) console.info(`[chaos] short form\n${table(rows)}`);
    await cs?.sb.stop();
  });

  it('M3 answering 20 % of calls with HTTP 500 during a burst: 500 of 500 confirmed exactly once, 0 dead letters, 0 orphans', async () => {
    const row = await m3Errors(ctx(500), 0.2);
    expectClean(row);
    expect(row.placed).toBe(500);
    expect(row.confirmedOnce).toBe(500);
  }, 400_000);

  for (const service of ['transformer', 'magento-writer']) {
    it(`${service} killed with -9 mid-burst and restarted: ready in 10 s or less, every order confirmed once`, async () => {
      const row = await killMidBurst(ctx(200), service);
      expectClean(row);
      expect(row.readyMs, `${service} restart → /health/ready`).toBeLessThanOrEqual(10_000);
    }, 400_000);
  }

  it('access tokens expiring every 3 s during a burst: every order confirmed once', async () => {
    const row = await tokensExpiring(ctx(200), 3_000);
    expectClean(row);
    expect(row.evidence?.expiries).toBeGreaterThanOrEqual(5);
  }, 400_000);

  it('M3 failing every call for 20 s: the writer pauses its partitions, nothing dead-lettered, all confirmed after', async () => {
    const row = await m3Down(ctx(100), 20_000);
    expectClean(row);
    expect(row.evidence?.pauses, 'partition pauses m3-writer logged').toBeGreaterThan(0);
    expect(row.evidence?.enteredWhileDown, 'orders entered while M3 failed every call').toBe(0);
  }, 400_000);

  it('BODs shuffled, late and duplicated during fulfilment: one shipment, one invoice, one GL posting per order', async () => {
    const row = await fulfilmentShuffled(ctx(100));
    expectClean(row);
    expect(row.evidence?.duplicateBods, 'BODs M3 delivered twice').toBeGreaterThan(0);
    expect(row.evidence?.overtaken, 'BODs delivered after one queued later').toBeGreaterThan(0);
  }, 600_000);
});
