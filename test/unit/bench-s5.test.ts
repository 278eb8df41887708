// S5's readings that must not drift silently: the backfill CLI's summary as infra/backfill/cli.ts prints it
// (formatSummary), the percentiles, and the rules that compare a run with the stored baseline.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSummary } from '../bench/s5/backfill';
import { regressionCheck } from '../bench/common/regressions';
import { latency } from '../bench/common/stats';
import { notComparable, problems, regressions, type S5Result } from '../bench/s5/report';

const SUMMARY = [
  'backfill items@m3:3f2a9c1e: done',
  '  read              100030',
  '  produced          100030',
  '  skipped as older  0   (the pipeline has a newer change of the key)',
  '  failed            2   (each in the DLQ with the reason; first ones below)',
  '  time              41.7 s, 2399 rows/s',
  '    A000123: M3 has no price',
].join('\n');

describe('S5 benchmark readings', () => {
  it('reads the backfill summary the CLI prints', () => {
    expect(parseSummary(SUMMARY)).toEqual({
      read: 100030,
      produced: 100030,
      skippedOlder: 0,
      failed: 2,
      reportedS: 41.7,
      reportedRowsPerS: 2399,
    });
    expect(parseSummary('  read              500 (250 before the resume)').read).toBe(500);
    expect(parseSummary('backfill: no Kafka stack').read).toBeNull();
  });

  it('flags a regression only beyond both the factor and the slack', () => {
    const c = regressionCheck();
    c.over('p99', 1400, 1000, 1.5, 500);
    c.over('p99 near zero', 30, 10, 1.5, 500);
    c.over('p99 worse', 1600, 1000, 1.5, 500);
    c.under('rows/s', 1500, 2000, 1.5, 0);
    c.under('rows/s worse', 1200, 2000, 1.5, 0);
    expect(c.found).toEqual([
      'p99 worse: 1600 against 1000 in the baseline',
      'rows/s worse: 1200 against 2000 in the baseline',
    ]);
  });

  it('takes percentiles of an unsorted sample', () => {
    const l = latency(Array.from({ length: 100 }, (_, i) => 100 - i));
    expect(l).toEqual({ count: 100, p50: 51, p99: 100, max: 100 });
    expect(latency([])).toEqual({ count: 0, p50: 0, p99: 0, max: null });
  });

  it('compares a run with the stored baseline of the same setup only', () => {
    const stored = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../bench/baselines/s5.json'), 'utf8'),
    ) as S5Result;
    expect(notComparable(stored, stored)).toBeUndefined();
    expect(regressions(stored, stored)).toEqual([]);
    expect(problems(stored)).toEqual([]);
    expect(notComparable({ ...stored, items: 5000 }, stored)).toMatch(/baseline ran 100000 items/);
    const slower = { ...stored, endToEnd: { ...stored.endToEnd, productsPerS: stored.endToEnd.productsPerS / 2 } };
    expect(regressions(slower, stored)).toEqual([
      `products/s end to end: ${stored.endToEnd.productsPerS / 2} against ${stored.endToEnd.productsPerS} in the baseline`,
    ]);
    expect(problems({ ...stored, duplicateOrders: 1 })).toEqual(['1 live orders confirmed twice']);
  });
});
