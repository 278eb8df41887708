// The scheduled mode's gauges: one reconcile_drift series per entity and kind with the last run's counts, and
// the alert rules of infra/prometheus/reconcile-alerts.yml use only metrics this registry has.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { driftMetrics } from '../metrics';
import type { RunReport } from '../report';

const run = (entity: string, drifted: number, missingInMagento: number): RunReport => ({
  entity,
  summary: {
    compared: 10,
    equal: 10 - drifted - missingInMagento,
    drifted,
    missingInMagento,
    missingInM3: 0,
    notForMagento: 0,
    unmappable: 0,
  },
  drifts: [],
  unmappable: [],
  elapsedMs: 5,
});

describe('drift gauges', () => {
  it('reconcile_drift{entity,kind} holds the last run’s counts', async () => {
    const m = driftMetrics();
    m.record(run('stock', 3, 1), 1_700_000_000_000);
    m.record(run('stock', 1, 0), 1_700_000_060_000);
    m.record(run('products', 0, 2), 1_700_000_060_000);
    const text = await m.text();
    expect(text).toContain('reconcile_drift{entity="stock",kind="differs"} 1');
    expect(text).toContain('reconcile_drift{entity="stock",kind="missing-in-magento"} 0');
    expect(text).toContain('reconcile_drift{entity="products",kind="missing-in-magento"} 2');
    expect(text).toContain('reconcile_last_run_timestamp_seconds{entity="stock"} 1700000060');
  });

  it('serves /metrics over HTTP', async () => {
    const m = driftMetrics();
    m.record(run('products', 4, 0), Date.now());
    const url = await m.listen(0);
    try {
      const body = await (await fetch(url)).text();
      expect(body).toContain('reconcile_drift{entity="products",kind="differs"} 4');
      expect((await fetch(url.replace('/metrics', '/other'))).status).toBe(404);
    } finally {
      await m.close();
    }
  });

  it('the alert rules use only metrics reconcile exports', async () => {
    const file = resolve(import.meta.dirname, '../../prometheus/reconcile-alerts.yml');
    const rules = (
      parse(readFileSync(file, 'utf8')) as { groups: Array<{ rules: Array<{ alert: string; expr: string }> }> }
    ).groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.alert)).toEqual(['ReconcileDrift', 'ReconcileNotRunning']);
    const m = driftMetrics();
    m.failed('stock');
    m.record(run('stock', 0, 0), Date.now());
    const names = new Set([...(await m.text()).matchAll(/^# TYPE (\S+)/gm)].map((x) => x[1]));
    for (const r of rules)
      for (const used of r.expr.match(/\breconcile_[a-z_]+/g) ?? [])
        expect(names, `${r.alert}: ${used}`).toContain(used);
  });
});
