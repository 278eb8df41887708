// Runs a Magento mapping as magento-ingest needs it: the document read into the shape its table expects, every
// problem at once in one MappingError, each card number masked reported as its field (ADR 0009).
import type { Mapping, Problem } from '@m3mage/runtime/mapping';
import { CARD_NUMBER_MASKED, fieldName, MappingError, type MapReport, type Source } from './values';

/**
 * What the kit's `each` and `nested` take for granted, checked where the document is read: a list is an array
 * (Magento also sends an id-keyed object, FORMAT-NOTES 40, read as its values) of objects.
 */
export function listAt(value: unknown, field: string, problems: Problem[]): Source[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object') {
    problems.push({ field, reason: 'is not a list' });
    return [];
  }
  return (Array.isArray(value) ? value : Object.values(value)).flatMap((item: unknown, i) => {
    if (isRecord(item)) return [item];
    problems.push({ field: `${field}[${i}]`, reason: 'is not an object' });
    return [];
  });
}

/** A nested record must be an object when present (the kit would read anything else as an empty record). */
export function checkRecord(value: unknown, field: string, problems: Problem[]): void {
  if (value !== undefined && value !== null && !isRecord(value)) problems.push({ field, reason: 'is not an object' });
}

const isRecord = (v: unknown): v is Source => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Reads `src` into what `mapping` reads (`read` names the shape problems), maps it, or throws MappingError. */
export function runMapping<Out>(
  entity: string,
  mapping: Mapping<Source, Out>,
  read: (src: Source, problems: Problem[]) => Source,
  src: unknown,
  report: MapReport,
): Out {
  if (src === undefined || src === null) throw new MappingError(entity, [{ field: entity, reason: 'is missing' }]);
  if (!isRecord(src)) throw new MappingError(entity, [{ field: entity, reason: 'is not an object' }]);
  const problems: Problem[] = [];
  const result = mapping.map(read(src, problems));
  for (const n of result.notes ?? []) if (n.kind === CARD_NUMBER_MASKED) report.masked.push(fieldName(n.field));
  if (!result.ok) problems.push(...result.problems);
  if (problems.length > 0 || !result.ok) throw new MappingError(entity, problems);
  return result.value;
}
