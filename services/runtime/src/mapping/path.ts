// The one path reader of the mappings: `a.b[0].c` (or `a.b.0.c`) out of plain objects and arrays, and the
// same walk over a list of steps (XML element names may hold dots). A missing step gives undefined.

export function splitPath(path: string): string[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s.length > 0);
}

export interface StepOptions {
  /** Take the first element of a list met on the way and at the end (XML: a repeated element). */
  firstOfLists?: boolean;
}

export function getSteps(input: unknown, steps: readonly string[], opts: StepOptions = {}): unknown {
  const first = (v: unknown): unknown => (opts.firstOfLists && Array.isArray(v) ? v[0] : v);
  let node: unknown = input;
  for (const step of steps) {
    node = first(node);
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[step];
  }
  return first(node);
}

export const getPath = (input: unknown, path: string): unknown => getSteps(input, splitPath(path));

/** null, undefined and blank strings are "empty": the field's null policy decides what happens. */
export const isEmpty = (v: unknown): v is null | undefined | '' =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
