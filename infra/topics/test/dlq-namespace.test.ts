import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dlqNamespace } from '../dlq/namespace';

describe('the namespace the DLQ commands read', () => {
  const stack = (sandbox?: unknown): string => {
    const dir = mkdtempSync(join(tmpdir(), 'dlq-ns-'));
    if (sandbox !== undefined) {
      mkdirSync(join(dir, 'sandbox'));
      writeFileSync(join(dir, 'sandbox', 'sandbox.json'), JSON.stringify(sandbox));
    }
    return dir;
  };

  it('is KAFKA_NAMESPACE when set, even empty', () => {
    const dir = stack({ namespace: 'sandbox-1.' });
    expect(dlqNamespace({ STACK_DIR: dir, KAFKA_NAMESPACE: 'prod.' })).toEqual({
      namespace: 'prod.',
      from: 'KAFKA_NAMESPACE',
    });
    expect(dlqNamespace({ STACK_DIR: dir, KAFKA_NAMESPACE: '' })).toEqual({ namespace: '', from: 'KAFKA_NAMESPACE' });
  });

  it('is the last sandbox’s otherwise, and none without one', () => {
    expect(dlqNamespace({ STACK_DIR: stack({ namespace: 'sandbox-1.' }) })).toEqual({
      namespace: 'sandbox-1.',
      from: 'sandbox',
    });
    expect(dlqNamespace({ STACK_DIR: stack() })).toEqual({ namespace: '', from: 'none' });
    expect(dlqNamespace({ STACK_DIR: stack('not json {') })).toEqual({ namespace: '', from: 'none' });
  });
});
