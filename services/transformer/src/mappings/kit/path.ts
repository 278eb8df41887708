// Reads `a.b[0].c` (or `a.b.0.c`) out of a plain object; a missing step gives undefined.

export function splitPath(path: string): string[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s.length > 0);
}

export function getPath(input: unknown, path: string): unknown {
  let node: unknown = input;
  for (const step of splitPath(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[step];
  }
  return node;
}

/** null, undefined and blank strings are "empty": the field's null policy decides what happens. */
export const isEmpty = (v: unknown): v is null | undefined | '' =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
