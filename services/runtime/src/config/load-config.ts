// loadConfig: environment → validated, typed config, or one CONFIG_INVALID error listing every problem.
// The only place (with the rest of config/) that reads process.env.
import { z } from 'zod';
import { AppError } from '../errors/app-error';
import { envMetaOf } from './env-types';
import { readEnv, type ReadFile } from './read-env';
import { formatConfigTable, scrubValues } from './report';
import { configRules, type ConfigProblem } from './rules';

export interface LoadConfigOptions {
  /** Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Used as SERVICE_NAME when the environment has none, and in the error title. */
  service?: string;
  /** For tests; defaults to fs.readFileSync(path, 'utf8'). */
  readFile?: ReadFile;
}

function expectedFor(issue: z.core.$ZodIssue, field: unknown): string {
  const meta = envMetaOf(field);
  let expected = meta.expected;
  if (!expected && issue.code === 'invalid_value') expected = issue.values.map(String).join('|');
  if (!expected && issue.code === 'invalid_type') expected = issue.expected;
  if (!expected && issue.code === 'invalid_format') expected = issue.format;
  return [expected, meta.example !== undefined && `e.g. ${meta.example}`].filter(Boolean).join(', ') || '-';
}

function problemFor(issue: z.core.$ZodIssue, raw: Readonly<Record<string, string>>, key: string): string {
  if (issue.code === 'invalid_type') return raw[key] === undefined ? 'missing' : `not a valid ${issue.expected}`;
  if (issue.code === 'invalid_value') return 'not one of the allowed values';
  return issue.message.replace(/^Invalid input: /, '');
}

export function loadConfig<T extends z.ZodTypeAny>(schema: T, opts: LoadConfigOptions = {}): z.infer<T> {
  const env = opts.env ?? process.env;
  const shape: Record<string, unknown> | undefined = schema instanceof z.ZodObject ? schema.shape : undefined;
  const keys = shape ? Object.keys(shape) : undefined;
  const { values, problems } = readEnv(env, keys, opts.readFile);
  if (opts.service !== undefined && shape && 'SERVICE_NAME' in shape && values['SERVICE_NAME'] === undefined) {
    values['SERVICE_NAME'] = opts.service;
  }

  const failed = new Set(problems.map((p) => p.key));
  const all: ConfigProblem[] = [...problems];
  const result = schema.safeParse(values);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = issue.path.length > 0 ? issue.path.map(String).join('.') : '(config)';
      const top = String(issue.path[0] ?? '');
      if (failed.has(top)) continue;
      failed.add(top);
      all.push({ key, problem: problemFor(issue, values, top), expected: expectedFor(issue, shape?.[top]) });
    }
  }
  for (const rule of configRules) {
    if (!keys || !rule.keys.every((k) => keys.includes(k))) continue;
    for (const p of rule.check(values)) if (!failed.has(p.key)) all.push(p);
  }

  if (all.length > 0 || !result.success) {
    const order = (k: string): number => (keys ? keys.indexOf(k.split('.')[0] ?? k) : 0);
    all.sort((a, b) => order(a.key) - order(b.key));
    const safe = all.map((p) => ({ ...p, problem: scrubValues(p.problem, Object.values(values)) }));
    const message = formatConfigTable(safe, opts.service ?? values['SERVICE_NAME']);
    throw new AppError('CONFIG_INVALID', message, { details: { problems: safe } });
  }
  return result.data;
}
