// Text from Magento, which arrives as REST JSON or DB-style strings (street lines joined by "\n", FORMAT-NOTES 32,
// 44). What a person typed (names, company, address lines, city, region, postcode, telephone, item names) is
// free text: its card numbers are masked here, before any topic sees it, and each mask is noted (ADR 0009).
// Identifiers and codes (ids, SKU, e-mail, status, methods) are copied as they are. A refusal names the type,
// never the value (free text is personal data).
import { scanCardNumbers } from '@m3mage/runtime';
import { reject, transform } from '@m3mage/runtime/mapping';
import { CARD_NUMBER_MASKED } from '../values';

const asText = (v: unknown, what = 'is not a string'): string => {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return reject(`${what} (${typeof v})`);
};

/** Masks the card numbers of `t`, noting one mask each. */
const masked = (t: string, note?: (kind: string) => void): string => {
  const scan = scanCardNumbers(t);
  for (let i = 0; i < scan.masked; i += 1) note?.(CARD_NUMBER_MASKED);
  return scan.text;
};

export const text = transform<unknown, string>('text', 'as it is (a number as its digits)', (v) => asText(v));

export const trimmed = transform<unknown, string>('trimmed', 'surrounding white space removed', (v) =>
  asText(v).trim(),
);

export const freeText = transform<unknown, string>(
  'freeText',
  'what a person typed: card numbers masked but the last four digits (ADR 0009), counted per field',
  (v, note) => masked(asText(v), note),
);

/** A REST array of lines, or the DB's single string with lines joined by "\n". */
const linesOf = (v: unknown): unknown[] =>
  Array.isArray(v) ? v : typeof v === 'string' ? v.split('\n') : reject('is neither a list of lines nor a string');

export const streetLines = transform<unknown, string[]>(
  'streetLines',
  'a list of lines, or one string with lines joined by "\\n" (DB); blank lines dropped; free text: card numbers masked',
  (v, note) =>
    linesOf(v)
      .map((line) =>
        line === null || line === undefined ? '' : masked(asText(line, 'has a line that is not a string'), note),
      )
      .filter((line) => line.trim() !== ''),
);

export const trimmedLines = transform<string[], string[]>('trimmedLines', 'each line trimmed', (lines) =>
  lines.map((line) => line.trim()),
);
