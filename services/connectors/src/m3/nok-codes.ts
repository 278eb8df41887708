// What an M3 ServerReturnedNOK means for the pipeline. Data, not code: extend the tables when a new code
// is seen in production. Codes follow M3's message-id style (W<field><number>, X<area><number>); where the
// code is not decisive, the (trimmed) message text is matched.
import type { ErrorKind } from '@m3mage/runtime';

export type M3NokCategory = 'locked' | 'not-found' | 'invalid' | 'not-authorized' | 'unknown';

export interface M3NokRule {
  readonly category: M3NokCategory;
  readonly kind: ErrorKind;
  readonly retriable: boolean;
}

const rules: Readonly<Record<M3NokCategory, M3NokRule>> = Object.freeze({
  // Another job or user holds the record: waiting helps.
  locked: { category: 'locked', kind: 'transient', retriable: true },
  // A referenced record (customer, item, warehouse) does not exist. Permanent for M3; a caller that knows
  // the record is on its way (e.g. a customer created by an earlier command) may map it to MAPPING_NOT_YET.
  'not-found': { category: 'not-found', kind: 'permanent', retriable: false },
  invalid: { category: 'invalid', kind: 'validation', retriable: false },
  'not-authorized': { category: 'not-authorized', kind: 'auth', retriable: false },
  unknown: { category: 'unknown', kind: 'permanent', retriable: false },
});

/** Exact M3 message ids with a known meaning. */
export const m3NokCodes: Readonly<Record<string, M3NokCategory>> = Object.freeze({
  XAU0008: 'not-authorized', // "Not authorized for company 0" (@field CONO)
  XIM0002: 'not-found', // "Customer number is invalid": the customer is not known to M3
  CPF9898: 'unknown', // generic escape message from the IBM i / M3 BE layer; text decides
});

/** Message-id patterns: W<xx>0203 is M3's "<field> does not exist", W<xx>0102 "must be entered". */
export const m3NokCodePatterns: readonly (readonly [RegExp, M3NokCategory])[] = Object.freeze([
  [/^W[A-Z0-9]{2}0203$/, 'not-found'],
  [/^W[A-Z0-9]{2}0102$/, 'invalid'],
]);

/** Message patterns, tried when the code says nothing more specific. */
export const m3NokMessagePatterns: readonly (readonly [RegExp, M3NokCategory])[] = Object.freeze([
  [/\blocked\b|\bin use\b|being (used|changed|updated|processed)|try again later|lock(ed)? by/i, 'locked'],
  [/does not exist|not found|doesn't exist/i, 'not-found'],
  [/not authori[sz]ed|no authority|permission/i, 'not-authorized'],
  [/invalid|must be entered|not permitted|already exists|incorrect/i, 'invalid'],
]);

export function classifyM3Nok(code: string | undefined, message: string | undefined): M3NokRule {
  const c = code?.trim().toUpperCase() ?? '';
  const byCode = m3NokCodes[c] ?? m3NokCodePatterns.find(([re]) => re.test(c))?.[1];
  if (byCode && byCode !== 'unknown') return rules[byCode];
  const byText = m3NokMessagePatterns.find(([re]) => re.test(message ?? ''))?.[1];
  return rules[byText ?? 'unknown'];
}
