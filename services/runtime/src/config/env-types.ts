// Building blocks for environment-variable schemas: strings in, typed values out, with the metadata the
// boot-time report prints (expected shape, example, whether the value is a secret).
import { z } from 'zod';

export interface EnvMeta {
  /** What a valid value looks like, in words ("host:port list"). */
  expected?: string;
  example?: string;
  /** Secret values are only ever taken from env or <KEY>_FILE and never printed. */
  secret?: boolean;
}

/** Attach report metadata to a schema (stored in zod's global metadata registry). */
export const withMeta = <S extends z.ZodType>(schema: S, meta: EnvMeta): S => schema.meta({ ...meta });

export const envString = (meta: EnvMeta = {}) => withMeta(z.string().min(1), { expected: 'non-empty string', ...meta });

export const envSecret = (meta: EnvMeta = {}) =>
  withMeta(z.string().min(1), { expected: 'secret (env or <KEY>_FILE)', ...meta, secret: true });

export const envBool = (meta: EnvMeta = {}) =>
  withMeta(z.stringbool(), { expected: 'true|false (also 1|0, yes|no, on|off)', ...meta });

export const envInt = (min: number, max: number, meta: EnvMeta = {}) =>
  withMeta(z.coerce.number().int().min(min).max(max), { expected: `integer ${min}..${max}`, ...meta });

export const envUrl = (meta: EnvMeta = {}) =>
  withMeta(z.url({ protocol: /^https?$/ }), { expected: 'http(s) URL', ...meta });

/** Comma-separated list, trimmed, empty items dropped; at least one item. */
export const envCsv = (meta: EnvMeta = {}) =>
  withMeta(
    z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter((x) => x !== ''),
      )
      .pipe(z.array(z.string()).min(1)),
    { expected: 'comma-separated list', ...meta },
  );

export const envEnum = <const V extends readonly [string, ...string[]]>(values: V, meta: EnvMeta = {}) =>
  withMeta(z.enum(values), { expected: values.join('|'), ...meta });

/**
 * A setting a service no longer reads: boot fails (CONFIG_INVALID) while it is set, saying where its value
 * lives now, so a deployment that still sets it is not silently ignored.
 */
export const envRetired = (movedTo: string) =>
  withMeta(z.custom<undefined>((v) => v === undefined, { message: `no longer read: ${movedTo}` }).optional(), {
    expected: 'not set',
  });

/** Metadata of a field, looking through optional/default/nullable/pipe wrappers. */
export function envMetaOf(schema: unknown): EnvMeta {
  let current: unknown = schema;
  for (let i = 0; i < 6 && current instanceof z.ZodType; i += 1) {
    const meta = current.meta() as EnvMeta | undefined;
    if (meta) return meta;
    const def = current.def as { innerType?: unknown; in?: unknown };
    current = def.innerType ?? def.in;
  }
  return {};
}
