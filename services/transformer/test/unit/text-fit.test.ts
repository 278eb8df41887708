// Property-style cases for the address splitter: all text preserved, every line ≤ 36, at most 4 lines.
import { describe, expect, it } from 'vitest';
import { charLength, fitLines, wrap } from '../../src/mappings/kit/text-fit';

const words = (lines: readonly string[]): string => lines.join(' ').replace(/\s+/g, '');

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const VOCAB = [
  'Hauptstraße',
  '145,',
  'Østerbrogade',
  'lejlighed',
  'c/o',
  'Acme',
  'Logistics',
  'Ångström',
  '4.',
  'sal',
  'Żółć',
  'Building',
  '40,',
  'Mail',
  'Stop',
  '1234',
  'Rue',
  'du',
  'Faubourg',
  'Saint-Antoine',
  'Apt',
  '5B',
  '日本橋',
  'Supercalifragilisticexpialidociousnessitude-Straße',
];

describe('address splitter', () => {
  it('keeps lines that already fit as they are', () => {
    expect(fitLines(['Kungsgatan 12', 'Apartment 5B'], 4, 36)).toEqual({
      ok: true,
      lines: ['Kungsgatan 12', 'Apartment 5B'],
    });
  });

  it('wraps on word boundaries and re-flows when the structure needs more than 4 lines', () => {
    const r = fitLines(['Unit 7, The Old Granary Business Park, Long Melford Road', 'a', 'b', 'c'], 4, 36);
    expect(r).toEqual({ ok: true, lines: ['Unit 7, The Old Granary Business', 'Park, Long Melford Road a b c'] });
  });

  it('says how many lines it would need when it cannot fit', () => {
    const long = Array.from({ length: 20 }, (_, i) => `Word${i}abcdefgh`).join(' ');
    const r = fitLines([long], 4, 36);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.needed).toBeGreaterThan(4);
  });

  it('cuts a single word longer than a line into pieces without losing characters', () => {
    const w = 'x'.repeat(80);
    expect(wrap(w, 36)).toEqual(['x'.repeat(36), 'x'.repeat(36), 'x'.repeat(8)]);
  });

  it('counts code points, not UTF-16 units (non-ASCII names fit as M3 counts them)', () => {
    const s = '𝔘'.repeat(36);
    expect(charLength(s)).toBe(36);
    expect(wrap(s, 36)).toEqual([s]);
  });

  it('for 500 random addresses: every line ≤ 36, ≤ 4 lines, and no text lost (or a rejection)', () => {
    const random = prng(7);
    let fitted = 0;
    let rejected = 0;
    for (let n = 0; n < 500; n++) {
      const lineCount = 1 + Math.floor(random() * 4);
      const source = Array.from({ length: lineCount }, () =>
        Array.from({ length: 1 + Math.floor(random() * 7) }, () => VOCAB[Math.floor(random() * VOCAB.length)]!).join(
          random() < 0.1 ? '   ' : ' ',
        ),
      );
      const r = fitLines(source, 4, 36);
      if (!r.ok) {
        rejected++;
        expect(wrap(source.join(' '), 36).length).toBe(r.needed);
        expect(r.needed).toBeGreaterThan(4);
        continue;
      }
      fitted++;
      expect(r.lines.length).toBeLessThanOrEqual(4);
      for (const line of r.lines) {
        expect(charLength(line)).toBeLessThanOrEqual(36);
        expect(line).toBe(line.trim());
      }
      expect(words(r.lines)).toBe(words(source));
    }
    expect(fitted).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(10);
  });
});
