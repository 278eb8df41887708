// The report of one run on stdout: per drifted key its fields (M3's value, Magento's, what Magento must show),
// the keys M3 could not map, and the summary; or the same as one JSON document (--json) for tools.
import type { Comparison, Summary } from './drift';

export interface RunReport {
  entity: string;
  summary: Summary;
  drifts: Comparison<unknown>['drifts'];
  unmappable: Comparison<unknown>['unmappable'];
  /** With --repair: the commands produced, and to which topic. */
  repairs?: { topic: string; produced: number; keys: string[] };
  elapsedMs: number;
}

const show = (v: unknown): string =>
  v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v);

const KIND_TEXT = {
  differs: 'differs',
  'missing-in-magento': 'missing in Magento',
  'missing-in-m3': 'missing in M3 (not repaired)',
} as const;

export function formatReport(r: RunReport): string {
  const s = r.summary;
  const lines = [
    `reconcile ${r.entity}: ${s.drifted + s.missingInMagento + s.missingInM3 === 0 ? 'no drift' : 'drift'}`,
  ];
  for (const d of r.drifts) {
    lines.push(`  ${d.key}: ${KIND_TEXT[d.kind]}`);
    for (const f of d.fields)
      lines.push(`    ${f.field}: Magento ${show(f.magento)}, should be ${show(f.expected)} (M3 ${f.m3})`);
  }
  for (const u of r.unmappable.slice(0, 20)) lines.push(`  ${u.key}: not mappable: ${u.reason}`);
  if (r.unmappable.length > 20) lines.push(`  … ${r.unmappable.length - 20} more not mappable`);
  lines.push(
    `  compared            ${s.compared}`,
    `  equal               ${s.equal}`,
    `  drifted             ${s.drifted}`,
    `  missing in Magento  ${s.missingInMagento}`,
    `  missing in M3       ${s.missingInM3}`,
    `  not for Magento     ${s.notForMagento}   (by the mapping: not for sale, no price, a warehouse not in the store)`,
    `  not mappable        ${s.unmappable}`,
  );
  if (r.repairs)
    lines.push(`  repairs produced    ${r.repairs.produced}   (to ${r.repairs.topic}; magento-writer applies them)`);
  lines.push(`  time                ${(r.elapsedMs / 1000).toFixed(1)} s`);
  return lines.join('\n');
}

export const jsonReport = (r: RunReport): string => JSON.stringify(r);
