// Fitting free text into M3's fixed-length fields without losing any of it: split on word boundaries,
// and say so (reject) when it cannot fit — never truncate silently.

/** Collapse runs of whitespace; trim. */
export const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Length in characters as M3 counts them (code points, not UTF-16 units). */
export const charLength = (s: string): number => [...s].length;

/** Greedy word wrap of one text into lines of at most `width`; a word longer than `width` is cut into pieces. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of squash(text).split(' ').filter(Boolean)) {
    const pieces = chunks(word, width);
    for (const piece of pieces) {
      if (line === '') line = piece;
      else if (charLength(line) + 1 + charLength(piece) <= width) line = `${line} ${piece}`;
      else {
        lines.push(line);
        line = piece;
      }
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function chunks(word: string, width: number): string[] {
  const chars = [...word];
  if (chars.length <= width) return [word];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += width) out.push(chars.slice(i, i + width).join(''));
  return out;
}

export type FitResult = { ok: true; lines: string[] } | { ok: false; needed: number };

/**
 * Fit address lines into at most `maxLines` × `width`. Keeps the source's line structure when it fits
 * (each source line wrapped on its own); otherwise re-flows all words as one text. Every character of the
 * input except repeated whitespace is kept; `needed` reports how many lines it would take.
 */
export function fitLines(source: readonly string[], maxLines: number, width: number): FitResult {
  const texts = source.map(squash).filter(Boolean);
  const structured = texts.flatMap((t) => wrap(t, width));
  if (structured.length <= maxLines) return { ok: true, lines: structured };
  const flowed = wrap(texts.join(' '), width);
  return flowed.length <= maxLines ? { ok: true, lines: flowed } : { ok: false, needed: flowed.length };
}
