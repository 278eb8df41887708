// The mapping kit's value primitives, shared by every mapping in every service: exact decimals on strings
// (money and quantities never touch floats) and one path reader over plain objects.
export {
  add,
  compare,
  div,
  formatDecimal,
  isZero,
  mul,
  mulText,
  normalizeText,
  parseDecimal,
  round,
  sub,
  subText,
  type Decimal,
} from './decimal';
export { getPath, getSteps, isEmpty, splitPath } from './path';
export { phoneDigits, samePhone } from './phone';
export * from './kit';
