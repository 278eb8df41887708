// Which MI transactions m3-writer may send twice (data, next to the NOK policy). A repeatable call is sent
// again by the runtime HTTP client after a 5xx, timeout or connection reset; every other call fails its
// step, and the handler resumes from what M3 holds (ADR 0011). A transaction is repeatable when:
//   - it only reads (Get…, Lst…, Search…), or
//   - its repeat changes nothing more than the first send (a Chg… that sets the same values, an address
//     that replaces the one of its type), or
//   - its repeat is answered "already exists" and the caller counts that as done (`when` names the field
//     whose presence makes it so: CRS610MI Add with a derived CUNO; GLS840MI steps keyed by KEY1/LINE).
// AddBatchHead (a new temporary number per send), AddBatchLine (a new line per send) and Confirm are
// never repeated blindly.
import { isReadTransaction } from '@m3mage/connectors/m3';

export type RepeatRule = { repeatable: true; when?: string } | { repeatable: false; why: string };

export const repeatRules: Readonly<Record<string, RepeatRule>> = Object.freeze({
  'CRS610MI/Add': { repeatable: true, when: 'CUNO' },
  'CRS610MI/ChgBasicData': { repeatable: true },
  'OIS100MI/AddBatchHead': { repeatable: false, why: 'each send opens another batch order' },
  'OIS100MI/AddBatchLine': { repeatable: false, why: 'each send adds another line' },
  'OIS100MI/AddBatchAddress': { repeatable: true },
  'OIS100MI/Confirm': { repeatable: false, why: 'resumed through GetOrderNo instead' },
  'OIS100MI/DelBatchHead': { repeatable: true },
  'GLS840MI/AddBatchHead': { repeatable: true, when: 'KEY1' },
  'GLS840MI/AddBatchLine': { repeatable: true, when: 'KEY1' },
  'GLS840MI/CtrlBatch': { repeatable: true },
  'GLS840MI/UpdBatch': { repeatable: true, when: 'KEY1' },
});

/** True when `operation` (`PROGRAM/Transaction`) sent with `fields` may be sent again. */
export function isRepeatable(operation: string, fields: Readonly<Record<string, string>>): boolean {
  const rule = repeatRules[operation];
  if (rule) return rule.repeatable && (rule.when === undefined || (fields[rule.when] ?? '') !== '');
  return isReadTransaction(operation);
}
