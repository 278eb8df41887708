import { describe, expect, it } from 'vitest';
import { countDiff, diffShadow, isEmptyDiff, type LiveCommand } from '../shadow/diff';
import { fieldDiffs } from '../shadow/fields';
import type { ShadowOutcome } from '../shadow/run';

const order = (qty: string, issuedAt = 1) => ({
  meta: { idempotencyKey: 'order:1', causationId: 'e1', issuedAt },
  head: { cuor: '1', whlo: '100' },
  lines: [{ itno: 'A', orqa: qty }],
});
const outcome = (o: Partial<ShadowOutcome>): ShadowOutcome => ({
  partition: 0,
  offset: '5',
  key: '1',
  timestamp: 1000,
  eventId: 'e1',
  commands: [],
  ...o,
});
const cmd = (value: unknown, type = 'CreateCustomerOrder', topic = 'cmd.m3.customer-order.v1') => ({
  topic,
  key: '1',
  type,
  value,
});
const live = (value: unknown, causationId: string, timestamp: number, type?: string, topic?: string): LiveCommand => ({
  ...cmd(value, type, topic),
  causationId,
  timestamp,
});

describe('field differences', () => {
  it('lists changed paths with both values; null and a missing field are the same; issuedAt never counts', () => {
    expect(fieldDiffs(order('1', 1), order('2', 2))).toEqual([{ path: 'lines[0].orqa', live: '1', shadow: '2' }]);
    expect(fieldDiffs({ a: null, b: [1] }, { b: [1, 2] })).toEqual([{ path: 'b[1]', live: undefined, shadow: 2 }]);
    expect(fieldDiffs({ x: Buffer.from('a') }, { x: Buffer.from('a') })).toEqual([]);
    expect(fieldDiffs(1, 2)).toEqual([{ path: '(value)', live: 1, shadow: 2 }]);
  });
});

describe('shadow diff', () => {
  it('is empty when the shadow commands equal the ones live produced for the record', () => {
    const reports = diffShadow([outcome({ commands: [cmd(order('1', 7))] })], [live(order('1', 9), 'e1', 1100)]);
    expect(reports).toEqual([{ key: '1', entries: [expect.objectContaining({ kind: 'same', at: '0/5' })] }]);
    expect(isEmptyDiff(reports)).toBe(true);
  });

  it('reports the field differences of a changed command', () => {
    const [r] = diffShadow([outcome({ commands: [cmd(order('2'))] })], [live(order('1'), 'e1', 1100)]);
    expect(r?.entries).toEqual([
      expect.objectContaining({ kind: 'changed', diffs: [{ path: 'lines[0].orqa', live: '1', shadow: '2' }] }),
    ]);
  });

  it('a record that caused only a payment posting: its order command is compared with the last one sent', () => {
    const earlier = live(order('1'), 'e0', 500);
    const journal = { meta: { idempotencyKey: 'payment:1:10.00' }, amount: '10.00' };
    const [r] = diffShadow(
      [outcome({ commands: [cmd(order('1')), cmd(journal, 'PostPaymentJournal', 'cmd.m3.gl-journal.v1')] })],
      [earlier, live(journal, 'e1', 1100, 'PostPaymentJournal', 'cmd.m3.gl-journal.v1')],
    );
    expect(r?.entries.map((e) => e.kind)).toEqual(['unchanged', 'same']);
  });

  it('a duplicate appended before live answered the original: compared with the command of the original by offset', () => {
    const journal = { meta: { idempotencyKey: 'payment:1:10.00' }, amount: '10.00' };
    const gl = (value: unknown) => cmd(value, 'PostPaymentJournal', 'cmd.m3.gl-journal.v1');
    // Records at offsets 5 and 6 (times 1000 and 1001); live posted for 5 at 1100, after 6 was appended.
    const [r] = diffShadow(
      [
        outcome({ commands: [gl(journal)] }),
        outcome({ offset: '6', timestamp: 1001, eventId: 'e2', commands: [gl(journal)] }),
      ],
      [live(journal, 'e1', 1100, 'PostPaymentJournal', 'cmd.m3.gl-journal.v1')],
    );
    expect(r?.entries.map((e) => e.kind)).toEqual(['same', 'unchanged']);
  });

  it('compares a record live sent nothing for with the last command sent before it, meta aside', () => {
    const earlier = live(
      { ...order('1'), meta: { idempotencyKey: 'order:1', causationId: 'e0', issuedAt: 3 } },
      'e0',
      500,
    );
    const older = live(order('9'), 'e-1', 100);
    const after = live(order('7'), 'e2', 2000);
    const same = diffShadow([outcome({ commands: [cmd(order('1'))] })], [older, earlier, after]);
    expect(same[0]?.entries.map((e) => e.kind)).toEqual(['unchanged']);
    const differs = diffShadow([outcome({ commands: [cmd(order('4'))] })], [earlier]);
    expect(differs[0]?.entries[0]).toMatchObject({ kind: 'new', note: 'live sent nothing for this record' });
    expect(differs[0]?.entries[0]?.diffs).toEqual([{ path: 'lines[0].orqa', live: '1', shadow: '4' }]);
  });

  it('reports commands that would be new or would disappear, failures, and records without commands', () => {
    const journal = { meta: { idempotencyKey: 'payment:1:10' }, amount: '10' };
    const reports = diffShadow(
      [
        outcome({ commands: [cmd(order('1')), cmd(journal, 'PostPaymentJournal', 'cmd.m3.gl-journal.v1')] }),
        outcome({ offset: '6', eventId: 'e2', failure: 'would dead-letter: no e-mail' }),
        outcome({ key: '2', offset: '7', eventId: 'e3' }),
      ],
      [live(order('1'), 'e1', 1100), live(order('1'), 'e2', 1200)],
    );
    const kinds = reports.map((r) => [r.key, r.entries.map((e) => e.kind)]);
    expect(kinds).toEqual([
      ['1', ['same', 'new', 'failed', 'gone']],
      ['2', ['nothing']],
    ]);
    expect(countDiff(3, reports)).toEqual({ records: 3, keys: 2, same: 2, changed: 0, new: 1, gone: 1, failed: 1 });
    expect(isEmptyDiff(reports)).toBe(false);
  });
});
