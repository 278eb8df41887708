// m3-writer's configuration: business settings have one owner (the transformer's tables); the keys that used to
// carry them are refused at boot, naming where each value lives now.
import { describe, expect, it } from 'vitest';
import { AppError, loadConfig } from '@m3mage/runtime';
import { configSchema } from '../src/config';

const base = {
  KAFKA_BROKERS: '127.0.0.1:9092',
  SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081',
  M3_IONAPI_FILE: '/dev/null',
  M3_COMPANY: '100',
  M3_DIVISION: 'AAA',
};
const load = (env: Record<string, string>) =>
  loadConfig(configSchema, { env: { ...base, ...env }, service: 'm3-writer', readFile: () => '{}' });
const refusal = (env: Record<string, string>): string => {
  try {
    load(env);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('CONFIG_INVALID');
    return (e as AppError).message;
  }
  throw new Error('loaded');
};

describe('m3-writer configuration', () => {
  it.each([
    ['M3_ORDER_TYPE', 'settings.orderType'],
    ['M3_WAREHOUSE', 'warehouseBySource'],
    ['M3_CUSTOMER_TEMPLATE', 'settings.customerTemplate'],
    ['M3_GL_DEBIT_ACCOUNT', 'glAccountsByMethod'],
    ['M3_GL_CREDIT_ACCOUNT', 'glAccountsByMethod'],
    ['M3_FACILITY', 'FACI'],
  ])('refuses %s, naming where its value lives now', (key, where) => {
    const message = refusal({ [key]: 'X' });
    expect(message).toContain(key);
    expect(message).toContain('no longer read');
    expect(message).toContain(where);
  });

  it('loads without them', () => {
    const c = load({});
    expect(c.M3_DIVISION).toBe('AAA');
    expect(c.M3_WAREHOUSE).toBeUndefined();
  });
});
