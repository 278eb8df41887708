// One readable table of every configuration problem. Values are never printed.
import type { ConfigProblem } from './rules';

/** Replace any occurrence of a provided value in a text, so zod messages cannot leak secrets. */
export function scrubValues(text: string, values: Iterable<string>): string {
  let out = text;
  for (const v of values) if (v.length >= 3) out = out.split(v).join('***');
  return out;
}

export function formatConfigTable(problems: readonly ConfigProblem[], service?: string): string {
  const header: ConfigProblem = { key: 'KEY', problem: 'PROBLEM', expected: 'EXPECTED / EXAMPLE' };
  const rows = [header, ...problems];
  const w1 = Math.max(...rows.map((r) => r.key.length));
  const w2 = Math.max(...rows.map((r) => r.problem.length));
  const line = (r: ConfigProblem) => `  ${r.key.padEnd(w1)}  ${r.problem.padEnd(w2)}  ${r.expected}`.trimEnd();
  const n = problems.length;
  const title = `Invalid configuration${service ? ` for ${service}` : ''}: ${n} problem${n === 1 ? '' : 's'}`;
  return [title, line(header), ...problems.map(line)].join('\n');
}
