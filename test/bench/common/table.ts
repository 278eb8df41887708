// A plain-text table for a benchmark's report: the first column left-aligned, the figures right-aligned,
// "—" where there is no figure.
export type Cell = string | number | boolean | null | undefined;

const cell = (x: Cell): string => (x === null || x === undefined ? '—' : String(x));

export function renderTable(head: string[], rows: Cell[][]): string {
  const all = [head, ...rows.map((r) => head.map((_, i) => cell(r[i])))];
  const w = head.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  return all.map((row) => row.map((c, i) => (i === 0 ? c.padEnd(w[0]!) : c.padStart(w[i]!))).join('  ')).join('\n');
}
