/** An MI call after URL parsing: program, transaction, options (matrix params) and input fields. */
export interface MiOptions {
  /** 0 = all records. Default 100. */
  maxrecs: number;
  returncols: string[] | undefined;
  cono: string | undefined;
  divi: string | undefined;
  metadata: boolean;
  excludempty: boolean;
}

export interface MiRequest {
  program: string;
  transaction: string;
  options: MiOptions;
  fields: Record<string, string>;
}

export type MiRecord = Record<string, string>;

export const defaultOptions = (): MiOptions => ({
  maxrecs: 100,
  returncols: undefined,
  cono: undefined,
  divi: undefined,
  metadata: true,
  excludempty: false,
});

/**
 * Parses `Transaction;maxrecs=10;returncols=A,B;cono=100` (the last path segment; fastify leaves `;` in params).
 */
export function parseMatrix(segment: string): { transaction: string; options: MiOptions } {
  const [transaction = '', ...params] = decodeURIComponent(segment).split(';');
  const options = defaultOptions();
  for (const p of params) {
    const eq = p.indexOf('=');
    const key = (eq < 0 ? p : p.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? '' : p.slice(eq + 1).trim();
    applyOption(options, key, value);
  }
  return { transaction, options };
}

export function applyOption(options: MiOptions, key: string, value: string): void {
  switch (key) {
    case 'maxrecs': {
      const n = Number.parseInt(value, 10);
      if (Number.isFinite(n) && n >= 0) options.maxrecs = n;
      break;
    }
    case 'returncols':
      options.returncols = value === '' ? undefined : value.split(',').map((c) => c.trim().toUpperCase());
      break;
    case 'cono':
      options.cono = value;
      break;
    case 'divi':
      options.divi = value;
      break;
    case 'metadata':
      options.metadata = value !== 'false';
      break;
    case 'excludempty':
      options.excludempty = value === 'true';
      break;
    default:
      break;
  }
}

/** Query params → input fields: upper-case names, `_rid` and other `_`-prefixed params dropped, arrays → first. */
export function fieldsFromQuery(query: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!query || typeof query !== 'object') return fields;
  for (const [k, v] of Object.entries(query as Record<string, unknown>)) {
    if (k.startsWith('_')) continue;
    const value: unknown = Array.isArray(v) ? (v as unknown[])[0] : v;
    if (typeof value === 'string' || typeof value === 'number') fields[k.toUpperCase()] = String(value);
  }
  return fields;
}
