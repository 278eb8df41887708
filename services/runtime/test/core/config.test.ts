import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AppError,
  envSecret,
  kafkaConfigSchema,
  loadConfig,
  registryConfigSchema,
  serviceBaseConfigSchema,
  type ConfigProblem,
} from '../../src/core';

const schema = serviceBaseConfigSchema.extend({
  ...kafkaConfigSchema.shape,
  ...registryConfigSchema.shape,
  M3_IONAPI_SECRET: envSecret(),
});

const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
const secretFile = join(dir, 'secret');
writeFileSync(secretFile, '  s3cr3t-from-file\n');

function failure(env: NodeJS.ProcessEnv): AppError {
  try {
    loadConfig(schema, { env, service: 'm3-writer' });
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('loadConfig accepted an invalid environment');
}

describe('loadConfig', () => {
  it('parses, coerces and applies defaults; reads <KEY>_FILE secrets trimmed', () => {
    const cfg = loadConfig(schema, {
      service: 'm3-writer',
      env: {
        KAFKA_BROKERS: 'k1:9092, k2:9092,',
        KAFKA_SSL: 'yes',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'svc',
        KAFKA_SASL_PASSWORD_FILE: secretFile,
        SCHEMA_REGISTRY_URL: 'http://localhost:8080/apis/ccompat/v7',
        HTTP_PORT: '9100',
        M3_IONAPI_SECRET: 'abc',
        UNRELATED: 'ignored',
      },
    });
    expect(cfg).toMatchObject({
      SERVICE_NAME: 'm3-writer',
      KAFKA_BROKERS: ['k1:9092', 'k2:9092'],
      KAFKA_SSL: true,
      KAFKA_SASL_PASSWORD: 's3cr3t-from-file',
      HTTP_PORT: 9100,
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SHUTDOWN_DEADLINE_MS: 30000,
    });
    expect(cfg).not.toHaveProperty('UNRELATED');
  });

  it('reports every bad or missing key in one table, without printing any value', () => {
    const err = failure({
      HTTP_PORT: '70000',
      LOG_LEVEL: 'loud',
      KAFKA_SSL: 'perhaps',
      KAFKA_SASL_MECHANISM: 'scram-sha-256',
      SCHEMA_REGISTRY_URL: 'ftp://user:hunter2@registry',
      SCHEMA_REGISTRY_USERNAME: 'reg-user',
      M3_IONAPI_SECRET_FILE: join(dir, 'missing-file'),
    });
    expect(err.code).toBe('CONFIG_INVALID');
    const problems = err.details?.['problems'] as ConfigProblem[];
    expect(problems.map((p) => p.key)).toEqual([
      'LOG_LEVEL',
      'HTTP_PORT',
      'KAFKA_BROKERS',
      'KAFKA_SSL',
      'KAFKA_SASL_USERNAME',
      'KAFKA_SASL_PASSWORD',
      'SCHEMA_REGISTRY_URL',
      'SCHEMA_REGISTRY_PASSWORD',
      'M3_IONAPI_SECRET',
    ]);
    const lines = err.message.split('\n');
    expect(lines[0]).toBe('Invalid configuration for m3-writer: 9 problems');
    expect(lines[1]).toMatch(/^ {2}KEY +PROBLEM +EXPECTED \/ EXAMPLE$/);
    const row = (key: string) => lines.find((l) => l.trimStart().startsWith(`${key} `)) ?? '';
    expect(row('KAFKA_BROKERS')).toMatch(/missing +host:port list, e\.g\. localhost:9092/);
    expect(row('LOG_LEVEL')).toMatch(/not one of the allowed values +fatal\|error\|warn\|info\|debug\|trace\|silent/);
    expect(row('HTTP_PORT')).toContain('integer 0..65535, e.g. 8080');
    expect(row('KAFKA_SASL_PASSWORD')).toContain('missing (KAFKA_SASL_MECHANISM is set)');
    expect(row('M3_IONAPI_SECRET')).toContain('cannot read M3_IONAPI_SECRET_FILE');
    for (const value of ['70000', 'loud', 'perhaps', 'hunter2', 'reg-user']) expect(err.message).not.toContain(value);
  });

  it('rejects a key given both directly and as _FILE, and an empty secret file', () => {
    const empty = join(dir, 'empty');
    writeFileSync(empty, '\n');
    const err = failure({
      KAFKA_BROKERS: 'k:1',
      SCHEMA_REGISTRY_URL: 'http://r',
      M3_IONAPI_SECRET: 'x',
      M3_IONAPI_SECRET_FILE: secretFile,
      KAFKA_SASL_PASSWORD_FILE: empty,
    });
    expect(err.message).toContain('both M3_IONAPI_SECRET and M3_IONAPI_SECRET_FILE are set');
    expect(err.message).toContain('KAFKA_SASL_PASSWORD_FILE points to an empty file');
    expect(err.message).not.toContain('s3cr3t');
  });

  it('never echoes a secret even when zod would quote it', () => {
    const strict = z.object({ API_TOKEN: envSecret().refine((v) => v.startsWith('tok_'), 'must start with tok_') });
    let message = '';
    try {
      loadConfig(strict, { env: { API_TOKEN: 'plain-secret-value' } });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('must start with tok_');
    expect(message).not.toContain('plain-secret-value');
  });
});
