import { describe, expect, it } from 'vitest';
import {
  add,
  compare,
  div,
  formatDecimal,
  mul,
  mulText,
  normalizeText,
  parseDecimal,
  round,
  subText,
} from '../../src/mapping/decimal';

const d = parseDecimal;
const f = formatDecimal;

describe('decimal helper (exact, no floats)', () => {
  it('parses and formats Magento and M3 texts canonically', () => {
    expect(normalizeText('58.0400')).toBe('58.04');
    expect(normalizeText(' 3.000 ')).toBe('3');
    expect(normalizeText('-0.50')).toBe('-0.5');
    expect(normalizeText('.5')).toBe('0.5');
    expect(normalizeText('-0.000')).toBe('0');
    expect(normalizeText(49.9)).toBe('49.9');
    expect(normalizeText('00012')).toBe('12');
  });

  it('rejects what is not a decimal', () => {
    for (const bad of ['', '.', 'abc', '1e5', '1,5', '--1', '1.2.3']) expect(() => d(bad)).toThrow(RangeError);
    expect(() => d(Number.NaN)).toThrow(RangeError);
  });

  it('reads JSON numbers in exponent form exactly (shortest round-trip text, no toFixed noise)', () => {
    expect(normalizeText(1e-7)).toBe('0.0000001');
    expect(normalizeText(-2.5e-7)).toBe('-0.00000025');
    expect(normalizeText(1.5e21)).toBe('1500000000000000000000');
    expect(normalizeText(1e21)).toBe('1000000000000000000000');
    expect(normalizeText(123.456)).toBe('123.456');
  });

  it('adds, subtracts and multiplies exactly where floats do not', () => {
    expect(f(add(d('0.1'), d('0.2')))).toBe('0.3');
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(mulText('1.15', '3')).toBe('3.45');
    expect(mulText('19.99', '100')).toBe('1999');
    expect(subText('100', '99.99')).toBe('0.01');
    expect(f(mul(d('123456789012345678.9'), d('10')))).toBe('1234567890123456789');
  });

  it('compares across scales', () => {
    expect(compare(d('1.50'), d('1.5'))).toBe(0);
    expect(compare(d('-2'), d('1'))).toBe(-1);
    expect(compare(d('10'), d('9.999'))).toBe(1);
  });

  it('rounds half away from zero and divides to a scale', () => {
    expect(f(round(d('2.345'), 2))).toBe('2.35');
    expect(f(round(d('-2.345'), 2))).toBe('-2.35');
    expect(f(round(d('2.344'), 2))).toBe('2.34');
    expect(f(div(d('10'), d('3'), 4))).toBe('3.3333');
    expect(f(div(d('20'), d('3'), 4))).toBe('6.6667');
    expect(f(div(d('12.00'), d('6'), 4))).toBe('2');
    expect(f(div(d('1'), d('0.08'), 2))).toBe('12.5');
    expect(() => div(d('1'), d('0'), 2)).toThrow(RangeError);
  });

  it('keeps a minimum scale when asked', () => {
    expect(f(d('5'), 2)).toBe('5.00');
    expect(f(d('5.1'), 2)).toBe('5.10');
  });
});
