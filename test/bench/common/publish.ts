// The end of every scenario benchmark: the result written to test/bench/results/<id>.json, compared with the
// stored baseline test/bench/baselines/<id>.json (regressions beyond noise flagged, never asserted), and with
// --save-baseline stored as the new baseline.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface BaselineRules<R> {
  /** What regressed against the stored run, beyond noise (empty: nothing). */
  regressions(current: R, stored: unknown): string[];
  /** Why the stored run cannot be compared with this one (another size, say); undefined: it can. */
  notComparable?(current: R, stored: unknown): string | undefined;
}

export function publishResult<R>(id: string, result: R, rules: BaselineRules<R>, say: (m: string) => void): void {
  const baselineFile = resolve(import.meta.dirname, `../baselines/${id}.json`);
  const shown = `test/bench/baselines/${id}.json`;
  if (existsSync(baselineFile)) {
    const stored: unknown = JSON.parse(readFileSync(baselineFile, 'utf8'));
    const why = rules.notComparable?.(result, stored);
    const flagged = why === undefined ? rules.regressions(result, stored) : [];
    if (why !== undefined) say(`not compared with ${shown}: ${why}`);
    else if (flagged.length === 0) say(`no regression against ${shown}`);
    for (const f of flagged) say(`REGRESSION against ${shown}: ${f}`);
  } else say(`no stored baseline ${shown} yet (--save-baseline stores this run)`);
  const out = resolve(import.meta.dirname, '../results');
  mkdirSync(out, { recursive: true });
  writeFileSync(resolve(out, `${id}.json`), `${JSON.stringify(result, null, 2)}\n`);
  if (process.argv.includes('--save-baseline')) {
    writeFileSync(baselineFile, `${JSON.stringify(result, null, 2)}\n`);
    say(`saved as ${shown}`);
  }
}
