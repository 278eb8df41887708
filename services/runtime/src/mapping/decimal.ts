// Exact decimal arithmetic on strings (BigInt with a scale): money and quantities never touch floats.
// Accepts what Magento and M3 send: "58.0400", "-3.5", "12", " 7.25 ", ".5", and JSON numbers. No exponents
// in text. Shared by every mapping (@m3mage/runtime/mapping).

export interface Decimal {
  /** value = units / 10^scale */
  units: bigint;
  scale: number;
}

const PATTERN = /^([+-])?(\d*)(?:\.(\d*))?$/;

export function parseDecimal(text: string | number): Decimal {
  const s = typeof text === 'number' ? numberText(text) : text.trim();
  const m = PATTERN.exec(s);
  const intPart = m?.[2] ?? '';
  const fracPart = m?.[3] ?? '';
  if (!m || (intPart === '' && fracPart === '')) throw new RangeError(`'${String(text)}' is not a decimal number`);
  const units = BigInt(`${intPart || '0'}${fracPart}`);
  return { units: m[1] === '-' ? -units : units, scale: fracPart.length };
}

/**
 * JSON numbers (Magento REST amounts, DB decimal(20,4)): the shortest round-trip text of the double, exactly.
 * Exponent forms ("1e-7", "1.5e+21") are expanded digit by digit, never through toFixed's binary noise.
 */
function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`${n} is not a decimal number`);
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (!m) return s;
  const [, sign = '', int = '', frac = '', exp = '0'] = m;
  const digits = `${int}${frac}`;
  const point = int.length + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * pow10(scale - a.scale), b.units * pow10(scale - b.scale), scale];
}

export const add = (a: Decimal, b: Decimal): Decimal => {
  const [x, y, scale] = align(a, b);
  return { units: x + y, scale };
};

export const sub = (a: Decimal, b: Decimal): Decimal => add(a, { units: -b.units, scale: b.scale });

export const mul = (a: Decimal, b: Decimal): Decimal => ({ units: a.units * b.units, scale: a.scale + b.scale });

export const compare = (a: Decimal, b: Decimal): -1 | 0 | 1 => {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Round half away from zero to `scale` digits. */
export function round(a: Decimal, scale: number): Decimal {
  if (a.scale <= scale) return { units: a.units * pow10(scale - a.scale), scale };
  const div = pow10(a.scale - scale);
  const neg = a.units < 0n;
  const abs = neg ? -a.units : a.units;
  let q = abs / div;
  if ((abs % div) * 2n >= div) q += 1n;
  return { units: neg ? -q : q, scale };
}

/** Canonical text: no trailing fractional zeros, no "-0" ("58.0400" → "58.04", "3.000" → "3"). */
export function formatDecimal(a: Decimal, minScale = 0): string {
  let { units, scale } = a.scale < minScale ? round(a, minScale) : a;
  while (scale > minScale && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  const neg = units < 0n;
  const digits = (neg ? -units : units).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  const body = scale > 0 ? `${int}.${frac}` : int;
  return neg && /[1-9]/.test(body) ? `-${body}` : body;
}

export const isZero = (a: Decimal): boolean => a.units === 0n;

/** Convenience on strings: "a × b" canonical. */
export const mulText = (a: string, b: string): string => formatDecimal(mul(parseDecimal(a), parseDecimal(b)));
export const subText = (a: string, b: string): string => formatDecimal(sub(parseDecimal(a), parseDecimal(b)));
export const normalizeText = (a: string | number): string => formatDecimal(parseDecimal(a));

/** a ÷ b rounded half away from zero to `scale` digits. */
export function div(a: Decimal, b: Decimal, scale: number): Decimal {
  if (b.units === 0n) throw new RangeError('division by zero');
  // a/b = (a.units / b.units) × 10^(b.scale − a.scale); compute one guard digit more than `scale`.
  const shift = scale + 1 + b.scale - a.scale;
  const num = shift >= 0 ? a.units * pow10(shift) : a.units;
  const den = shift >= 0 ? b.units : b.units * pow10(-shift);
  return round({ units: num / den, scale: scale + 1 }, scale);
}
