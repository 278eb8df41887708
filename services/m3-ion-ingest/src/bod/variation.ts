// variationID as an exact integer (FORMAT-NOTES A 5: a per-document increasing counter). Kept as a canonical
// decimal string and compared as a BigInt: a JS number loses exactness above 2^53, and a BOD claiming such a
// value would make every later real BOD of its document "stale". M3 keeps it as a Java long, so values above
// the signed 64-bit maximum are refused (400, naming the field) rather than guessed at.
import { AppError, type VersionScheme } from '@m3mage/runtime';

/** The largest variationID accepted: Java's Long.MAX_VALUE (2^63 − 1). */
export const MAX_VARIATION_ID = 9223372036854775807n;
const MAX_DIGITS = MAX_VARIATION_ID.toString().length;

/** Digits → canonical decimal (no leading zeros); undefined for anything but digits; throws beyond the range. */
export function parseVariationId(raw: string, field = 'variationID'): string | undefined {
  if (!/^\d+$/.test(raw)) return undefined;
  const digits = raw.replace(/^0+(?=\d)/, '');
  if (digits.length > MAX_DIGITS || BigInt(digits) > MAX_VARIATION_ID) {
    const shown = digits.length > 40 ? `${digits.slice(0, 40)}… (${digits.length} digits)` : digits;
    throw new AppError(
      'INPUT_LIMIT_EXCEEDED',
      `${field} ${shown} is beyond M3's range (a signed 64-bit integer, at most ${MAX_VARIATION_ID})`,
      { details: { limit: 'variationID', field } },
    );
  }
  return digits;
}

/** A stored version as an exact integer; undefined when it is not one M3 could have sent. */
export function storedVariation(version: string): bigint | undefined {
  try {
    const v = parseVariationId(version.trim());
    return v === undefined ? undefined : BigInt(v);
  } catch {
    return undefined;
  }
}

/** variationIDs as the version guard orders them: exact integers, no content hash (one value, one state). */
export const variationVersions: VersionScheme<bigint> = {
  parse: storedVariation,
  format: (v) => v.toString(),
  compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
};
