// The backfill runner and the M3 item source, against the in-process M3 simulator: pages in item-number
// order with prices read page-wise, a resumed job goes on after the last key saved, rows older than the
// pipeline's version are skipped, unreadable records are dead-lettered with the reason, a dry run produces
// nothing, and the options refuse what cannot be run.
import { afterEach, describe, expect, it } from 'vitest';
import { m3Rig, type M3Rig } from '@m3mage/connectors/testing/m3';
import type { OutgoingRecord } from '@m3mage/runtime';
import type { Change, Item } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { createGroupNames } from '../../../services/m3-ion-ingest/src/items/group-names';
import { itemEnricher } from '../../../services/m3-ion-ingest/src/items/item-change';
import { createPriceSource } from '../../../services/m3-ion-ingest/src/items/price-source';
import { memoryCheckpoints } from '../checkpoint';
import { backfillOptions, jobId, UsageError, type BackfillOptions } from '../options';
import { NothingToResume, runBackfill } from '../runner';
import { m3ItemsSource } from '../sources/m3-items';
import { rateBudget } from '../throttle';

let rig: M3Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const NOW = Date.UTC(2026, 11, 7, 12);
const opts = (extra: Partial<BackfillOptions> = {}): BackfillOptions => ({
  ...backfillOptions({ entity: 'items', from: 'm3', 'page-size': '7' }, NOW),
  ...extra,
});

function setup(r: M3Rig, o: BackfillOptions, known: Map<string, bigint> = new Map()) {
  const now = () => NOW;
  const names = createGroupNames({ mi: r.mi, now });
  const price = createPriceSource({ mi: r.mi, source: 'MMS200MI', fallback: 'none', now });
  return m3ItemsSource({
    mi: r.mi,
    enrich: itemEnricher(price, names),
    names,
    priceSource: 'MMS200MI',
    known: (k) => known.get(k),
    job: jobId(o),
    pageSize: o.pageSize,
    now,
    ...(o.keys ? { keys: o.keys } : {}),
  });
}

function deps(source: ReturnType<typeof setup>, checkpoints = memoryCheckpoints(), failAfter?: number) {
  const produced: OutgoingRecord[] = [];
  return {
    produced,
    checkpoints,
    run: {
      source,
      checkpoints,
      produce: async (r: OutgoingRecord) => {
        if (failAfter !== undefined && produced.length >= failAfter) throw new Error('broker gone');
        produced.push(r);
      },
      rate: rateBudget(1_000_000),
      gate: { pass: async () => undefined },
      now: () => NOW,
    },
  };
}

const itemsOf = (records: OutgoingRecord[]) =>
  records.filter((r) => r.topic === TOPIC.cdcM3Item).map((r) => (r.value as Change<Item>).after as Item);

describe('backfill of items from M3', () => {
  it('produces every item once as op r, in item-number order, priced from the page-wise LstItmPrice', async () => {
    rig = await m3Rig({ seed: { items: 30 } });
    const o = opts();
    const d = deps(setup(rig, o));
    const summary = await runBackfill(o, d.run);
    const items = itemsOf(d.produced);
    const itnos = [...rig.sim.state.items.keys()].sort();
    expect(items.map((i) => i.itno)).toEqual(itnos);
    expect(d.produced.every((r) => (r.value as Change<Item>).op === 'r')).toBe(true);
    for (const i of items) {
      const sapr = Number(rig.sim.state.items.get(i.itno)?.SAPR ?? 0);
      expect(i.price === null ? 0 : Number(i.price.amount), i.itno).toBe(sapr);
    }
    expect(summary).toMatchObject({ outcome: 'done', read: 30, produced: 30, skippedOlder: 0, failed: 0 });
    // 30 items in pages of 7: 5 pages, one LstItmByItm and one LstItmPrice each, no per-item price read.
    const calls = rig.sim.recorder.list().map((c) => c.path);
    expect(calls.filter((p) => p.includes('LstItmByItm'))).toHaveLength(5);
    expect(calls.filter((p) => p.includes('GetItmPrice'))).toHaveLength(0);
    expect(d.checkpoints.saved.at(-1)).toMatchObject({ status: 'DONE', lastKey: itnos.at(-1), read: 30 });
  });

  it('a run that failed mid-way resumes after the last page saved: every item produced, at most a page twice', async () => {
    rig = await m3Rig({ seed: { items: 30 } });
    const o = opts();
    const first = deps(setup(rig, o), memoryCheckpoints(), 17);
    await expect(runBackfill(o, first.run)).rejects.toThrow('broker gone');
    const saved = first.checkpoints.saved.at(-1);
    expect(saved).toMatchObject({ status: 'RUNNING', read: 14 });
    const second = deps(setup(rig, o), first.checkpoints);
    const summary = await runBackfill({ ...o, resume: true }, second.run);
    const all = [...itemsOf(first.produced), ...itemsOf(second.produced)].map((i) => i.itno);
    expect(new Set(all).size).toBe(30);
    expect(String(itemsOf(second.produced)[0]?.itno) > String(saved?.lastKey)).toBe(true);
    expect(summary).toMatchObject({ read: 30, produced: 30, resumedAt: 14 });
    await expect(
      runBackfill({ ...o, resume: true }, deps(setup(rig, o), first.checkpoints).run),
    ).resolves.toMatchObject({ outcome: 'already-done' });
  });

  it('--resume without a checkpoint is refused', async () => {
    rig = await m3Rig({ seed: { items: 3 } });
    const o = opts({ resume: true });
    await expect(runBackfill(o, deps(setup(rig, o)).run)).rejects.toThrow(NothingToResume);
  });

  it('skips a row whose key has a newer version in the pipeline, and dead-letters an unreadable record', async () => {
    rig = await m3Rig({ seed: { items: 5 } });
    const [a, b] = [...rig.sim.state.items.keys()].sort();
    rig.sim.state.items.set(String(b), { ...rig.sim.state.items.get(String(b)), LMDT: 'not a date' });
    const o = opts();
    const known = new Map([[`item:${a}`, BigInt(NOW)]]);
    const d = deps(setup(rig, o, known));
    const summary = await runBackfill(o, d.run);
    expect(summary).toMatchObject({ read: 5, produced: 3, skippedOlder: 1, failed: 1 });
    expect(summary.failures).toEqual([{ key: b, reason: `item ${b}: no change stamp (LMTS/LMDT)` }]);
    const letters = d.produced.filter((r) => r.topic === TOPIC.m3IonIngestDlq);
    expect(letters.map((r) => r.key)).toEqual([b]);
    expect(itemsOf(d.produced).map((i) => i.itno)).not.toContain(a);
  });

  it('--keys reads only those items; a key M3 does not have is a failure with the reason, without a dead letter', async () => {
    rig = await m3Rig({ seed: { items: 5 } });
    const [, b, c] = [...rig.sim.state.items.keys()].sort();
    const o = opts({ keys: ['NOSUCHITEM', String(c), String(b)].sort() });
    const d = deps(setup(rig, o));
    const summary = await runBackfill(o, d.run);
    expect(itemsOf(d.produced).map((i) => i.itno)).toEqual([b, c]);
    expect(summary.failures).toEqual([
      { key: 'NOSUCHITEM', reason: 'M3 has no item NOSUCHITEM (MMS200MI GetItmBasic)' },
    ]);
    expect(d.produced.filter((r) => r.topic === TOPIC.m3IonIngestDlq)).toEqual([]);
  });

  it('a dry run reads and counts, produces nothing and saves no checkpoint', async () => {
    rig = await m3Rig({ seed: { items: 10 } });
    const o = opts({ dryRun: true });
    const d = deps(setup(rig, o));
    await expect(runBackfill(o, d.run)).resolves.toMatchObject({ read: 10, produced: 10 });
    expect(d.produced).toEqual([]);
    expect(d.checkpoints.saved).toEqual([]);
  });
});

describe('backfill options', () => {
  it('refuses unknown entities and systems, bad numbers and a future --since, naming what is allowed', () => {
    const bad = (raw: Record<string, string>) => () => backfillOptions({ entity: 'items', from: 'm3', ...raw }, NOW);
    expect(bad({ entity: 'widgets' })).toThrow(/--entity "widgets" is not one of items, stock/);
    expect(bad({ from: 'sap' })).toThrow(/--from "sap" is not one of m3, magento/);
    expect(bad({ rate: '0' })).toThrow(UsageError);
    expect(bad({ since: 'yesterday' })).toThrow(/not an ISO-8601/);
    expect(bad({ since: '2027-01-01' })).toThrow(/in the future/);
    expect(bad({ keys: ' , ' })).toThrow(/names no key/);
  });

  it('names a job by what its rows are, not by how fast they are read', () => {
    const a = backfillOptions({ entity: 'items', from: 'm3', rate: '10', keys: 'B,A' }, NOW);
    const b = backfillOptions({ entity: 'items', from: 'm3', rate: '99', keys: 'A,B,A' }, NOW);
    const c = backfillOptions({ entity: 'items', from: 'm3', keys: 'A' }, NOW);
    expect(jobId(a)).toBe(jobId(b));
    expect(jobId(a)).not.toBe(jobId(c));
    expect(jobId(a)).toMatch(/^items@m3:[0-9a-f]{12}$/);
  });

  it('the rate budget holds a burst to the rate', async () => {
    let t = 0;
    const waits: number[] = [];
    const budget = rateBudget(
      100,
      () => t,
      async (ms) => {
        waits.push(ms);
        t += ms;
      },
    );
    await budget.take(250);
    expect(t).toBeGreaterThanOrEqual(1500);
    expect(t).toBeLessThan(1600);
  });
});
