// The payment-journal handler on the M3 simulator: one GLS840MI voucher per payment however often the
// command comes (the outcome logged each time), a tombstone acked without a call, and a payment the
// mapping cannot post refused as unmappable with the order and the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, createLogger, type InboundMessage } from '@m3mage/runtime';
import type { PostPaymentJournal } from '@m3mage/schemas/types';
import { createGlJournalClient } from '../src/clients/gl-journal.client';
import { glJournalHandler } from '../src/handlers/gl-journal.handler';
import { m3Rig, type M3Rig } from './support/m3';

const accounts = { interfaceName: 'MAGENTO', division: 'AAA' };

const payment = (incrementId: string, over: Partial<PostPaymentJournal> = {}): PostPaymentJournal => ({
  meta: {
    commandId: `c-${incrementId}`,
    idempotencyKey: `payment:${incrementId}`,
    correlationId: incrementId,
    causationId: 'e1',
    issuedAt: 0,
  },
  incrementId,
  amount: '42.10',
  currency: 'EUR',
  method: 'checkmo',
  providerReference: null,
  accountingDate: '20250115',
  debitAccount: '1930',
  creditAccount: '1510',
  ...over,
});

const message = (value: PostPaymentJournal | null): InboundMessage<PostPaymentJournal> => ({
  topic: 'cmd.m3.gl-journal.v1',
  partition: 0,
  offset: '1',
  key: value?.incrementId ?? 'x',
  headers: {},
  attempt: 1,
  value,
});

describe('payment journal handler on the M3 simulator', () => {
  let rig: M3Rig;
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    service: 'test',
    version: '0',
    level: 'debug',
    destination: { write: (l: string) => void logs.push(JSON.parse(l) as Record<string, unknown>) },
  });
  beforeAll(async () => {
    rig = await m3Rig();
  });
  afterAll(() => rig.close());

  const handler = () => glJournalHandler(createGlJournalClient(rig.mi, '100', 'AAA'), accounts, logger);
  const vouchersOf = (key1: string) => [...rig.sim.state.vouchers.values()].filter((v) => v.KEY1 === key1);
  const journalLogs = () => logs.filter((l) => l['msg'] === 'payment journal');

  it('posts one voucher per payment, however often the command comes, and logs each outcome', async () => {
    const handle = handler();
    logs.length = 0;
    expect(await handle(message(payment('000000101')))).toEqual({ outcome: 'ack' });
    expect(await handle(message(payment('000000101')))).toEqual({ outcome: 'ack' });
    const vouchers = vouchersOf('payment:000000101');
    expect(vouchers).toHaveLength(1);
    expect(vouchers[0]?.lines.map((l) => l.amount)).toEqual([42.1, -42.1]);
    expect(journalLogs().map((l) => [l['key1'], l['result'], l['incrementId']])).toEqual([
      ['payment:000000101', 'posted', '000000101'],
      ['payment:000000101', 'already-posted', '000000101'],
    ]);
  });

  it('acks a tombstone without calling M3', async () => {
    const before = rig.sim.state.vouchers.size;
    logs.length = 0;
    expect(await handler()(message(null))).toEqual({ outcome: 'ack' });
    expect(rig.sim.state.vouchers.size).toBe(before);
    expect(journalLogs()).toEqual([]);
  });

  it('refuses a payment the mapping cannot post as unmappable, naming the order and the reason', async () => {
    const before = rig.sim.state.vouchers.size;
    const err = await handler()(message(payment('000000102', { amount: 'twelve' }))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'MAPPING_UNMAPPABLE', retriable: false });
    expect((err as AppError).message).toBe(
      'Payment of order 000000102 cannot be posted: amount "twelve" is not a decimal',
    );
    expect((err as AppError).cause).toBeInstanceOf(Error);
    expect(((err as AppError).cause as Error).message).toBe('amount "twelve" is not a decimal');
    expect(rig.sim.state.vouchers.size).toBe(before);
  });
});
