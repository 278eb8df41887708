// What magento-ingest's mappings share besides the kit: the refusal they throw (MAPPING_UNMAPPABLE), the report
// of masked card numbers (ADR 0009) and Magento's timestamps for the poller and the ingest.
import { AppError, maskCardNumbers } from '@m3mage/runtime';
import { isEmpty, type Problem, type Transform } from '@m3mage/runtime/mapping';

export type Source = Readonly<Record<string, unknown>>;

/**
 * A Magento document that cannot be mapped: "Magento order: incrementId is missing; items[0].sku is missing".
 * Every problem names its target field; a reason quotes a value only where it is not free text, and card
 * numbers in it are masked (the message reaches the sender, the logs and magento-ingest.dlq).
 */
export class MappingError extends AppError {
  constructor(
    /** The registry noun the message names ("Magento customer: email is missing"). */
    readonly entity: string,
    readonly problems: readonly Problem[],
  ) {
    const fields = problems.map((p) => p.field).join(', ');
    const text = problems.map((p) => `${p.field} ${p.reason}`).join('; ');
    super('MAPPING_UNMAPPABLE', `Magento ${entity}: ${maskCardNumbers(text)}`, { details: { field: fields } });
  }
}

/** The reason of a required field that is empty: "Magento order: items[0].sku is missing". */
export const MISSING = 'is missing';

/** What a mapping run reports besides the record: one field name per card number masked. */
export interface MapReport {
  masked: string[];
}

export const newReport = (): MapReport => ({ masked: [] });

/** The note a transform leaves for each card number it masks (MapResult.notes). */
export const CARD_NUMBER_MASKED = 'card-number-masked';

/** `items[2].name` → `items.name`: the low-cardinality field name of pipeline_card_numbers_masked_total. */
export const fieldName = (field: string): string => field.replace(/\[\d+\]/g, '');

/** A transform's value of a payload field, or undefined when empty or refused (ids of a payload not validated yet). */
export function lenient<O>(t: Transform<never, O>, value: unknown): O | undefined {
  if (isEmpty(value)) return undefined;
  try {
    return t.apply(value as never) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Magento's `YYYY-MM-DD HH:MM:SS` (UTC) of an epoch-ms instant. */
export const magentoTime = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** A payload's updated_at in Magento's form (ISO `T`, fractions and zone dropped), or undefined; never throws. */
export const payloadTime = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().replace('T', ' ').slice(0, 19) : undefined;
