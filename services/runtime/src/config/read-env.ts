// Collects the raw string values for the wanted keys from the environment, resolving <KEY>_FILE (the
// file's contents, trimmed) for secrets mounted as files. Empty strings count as unset.
import { readFileSync } from 'node:fs';
import type { ConfigProblem } from './rules';

export interface RawEnv {
  values: Record<string, string>;
  problems: ConfigProblem[];
}

export type ReadFile = (path: string) => string;

const defaultReadFile: ReadFile = (path) => readFileSync(path, 'utf8');

export function readEnv(
  env: Readonly<Record<string, string | undefined>>,
  keys: readonly string[] | undefined,
  readFile: ReadFile = defaultReadFile,
): RawEnv {
  const wanted =
    keys ??
    [...new Set(Object.keys(env).map((k) => (k.endsWith('_FILE') ? k.slice(0, -'_FILE'.length) : k)))].filter(Boolean);
  const values: Record<string, string> = {};
  const problems: ConfigProblem[] = [];
  for (const key of wanted) {
    const direct = env[key];
    const file = env[`${key}_FILE`];
    const hasDirect = direct !== undefined && direct !== '';
    const hasFile = file !== undefined && file !== '';
    if (hasDirect && hasFile) {
      problems.push({ key, problem: `both ${key} and ${key}_FILE are set`, expected: 'set only one' });
    } else if (hasDirect) {
      values[key] = direct;
    } else if (hasFile) {
      try {
        const content = readFile(file).trim();
        if (content !== '') values[key] = content;
        else
          problems.push({
            key,
            problem: `${key}_FILE points to an empty file (${file})`,
            expected: 'file with the value',
          });
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        problems.push({
          key,
          problem: `cannot read ${key}_FILE (${file}${typeof code === 'string' ? `: ${code}` : ''})`,
          expected: 'readable file with the value',
        });
      }
    }
  }
  return { values, problems };
}
