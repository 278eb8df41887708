import { describe, expect, it } from 'vitest';
import { RetryHeader } from '../../src/retry-dlq/headers';

describe('retry/DLQ header names', () => {
  it('are the documented x-* names, frozen', () => {
    expect(RetryHeader).toMatchObject({
      originalTopic: 'x-original-topic',
      originalPartition: 'x-original-partition',
      originalOffset: 'x-original-offset',
      errorClass: 'x-error-class',
      errorCode: 'x-error-code',
      errorMessage: 'x-error-message',
      errorStage: 'x-error-stage',
      attempts: 'x-attempts',
      failedAt: 'x-failed-at',
      dueAt: 'x-retry-due-at',
      parked: 'x-retry-parked',
    });
    expect(Object.isFrozen(RetryHeader)).toBe(true);
  });

  it('are all distinct and never collide with the standard headers', () => {
    const names = Object.values(RetryHeader);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^x-[a-z-]+$/);
  });
});
