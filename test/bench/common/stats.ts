// Small arithmetic shared by the benchmarks: percentiles of a sorted sample, rounding, ratios that say "no
// figure" instead of dividing by zero, and a sleep.
export const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

export const round4 = (x: number): number => Number(x.toFixed(4));

export const ratio = (a: number | null, b: number | null): number | null =>
  a === null || b === null || b === 0 ? null : round4(a / b);

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Latency {
  count: number;
  p50: number;
  p99: number;
  max: number | null;
}

/** p50 / p99 / max of a sample in ms (unsorted in). */
export function latency(values: number[]): Latency {
  const s = [...values].sort((a, b) => a - b);
  return { count: s.length, p50: pct(s, 0.5), p99: pct(s, 0.99), max: s.at(-1) ?? null };
}
