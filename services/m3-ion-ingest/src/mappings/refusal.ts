// A kit mapping's problems as the refusal of a BOD: every problem says where in the BOD it is, as an XPath
// ("ShipmentItem[1]/SalesOrderReference/LineNumber "x" is not a whole number"). A required field's reason is
// written with its XPath in the table; a transform's refusal names the value, and gets its element's XPath here.
import type { Mapping, Problem } from '@m3mage/runtime/mapping';
import { UnmappableBod } from './common.mapping';

const xpath = (path: string): string => path.replaceAll('.', '/').replaceAll('@_', '@');

function sentence(mapping: Mapping<never, unknown>, field: string, reason: string): string {
  const m = /^([^.[]+)(?:\[(\d+)\])?(?:\.(.+))?$/.exec(field);
  const f = m?.[1] === undefined ? undefined : mapping.fields[m[1]];
  if (!m || !f) return reason;
  const s = f.source;
  if (m[3] !== undefined && (s.kind === 'each' || s.kind === 'nested')) {
    const inner = sentence(s.mapping, m[3], reason);
    const at = `${xpath(s.path)}${m[2] === undefined ? '' : `[${m[2]}]`}`;
    return at ? `${at}/${inner}` : inner;
  }
  const ownReason = f.policy?.kind === 'required' && f.policy.reason === reason;
  return ownReason || s.kind !== 'path' || s.path === '' ? reason : `${xpath(s.path)} ${reason}`;
}

/** The problems as one message: a sentence each, each said once, in the order of the table. */
export const refusalOf = <In, Out>(mapping: Mapping<In, Out>, problems: readonly Problem[]): string =>
  [...new Set(problems.map((p) => sentence(mapping as Mapping<never, unknown>, p.field, p.reason)))].join('; ');

/** The record the mapping makes of `input`; its problems → `refuse(message)` thrown (default UnmappableBod). */
export function mapOrRefuse<In, Out>(
  mapping: Mapping<In, Out>,
  input: In,
  refuse: (message: string) => Error = (message) => new UnmappableBod(message),
): Out {
  const r = mapping.map(input);
  if (!r.ok) throw refuse(refusalOf(mapping, r.problems));
  return r.value;
}
