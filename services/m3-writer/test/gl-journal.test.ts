import { parseI1 } from '@m3mage/simulators/m3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGlJournalClient } from '../src/clients/gl-journal.client';
import { journalKey, paymentJournal, toAmount2, type JournalCommand } from '../src/mappings/gl-journal.mapping';
import { m3Rig, type M3Rig } from './support/m3';

const accounts = { interfaceName: 'MAGENTO', division: 'AAA' };
const cmd = (incrementId: string, amount: string): JournalCommand => ({
  meta: {
    commandId: `c-${incrementId}`,
    idempotencyKey: `payment:${incrementId}`,
    correlationId: incrementId,
    causationId: 'e1',
    issuedAt: 0,
  },
  incrementId,
  amount,
  currency: 'EUR',
  method: 'checkmo',
  providerReference: null,
  accountingDate: '20250115',
  debitAccount: '1930',
  creditAccount: '1510',
});

describe('payment journal mapping', () => {
  it('rounds decimal strings half-up to cents without floats', () => {
    expect(toAmount2('58.0400')).toBe('58.04');
    expect(toAmount2('0.005')).toBe('0.01');
    expect(toAmount2('1234567890123.999')).toBe('1234567890124.00');
    expect(toAmount2('-3.5')).toBe('-3.50');
    expect(() => toAmount2('1e3')).toThrow(/not a decimal/);
  });

  it('builds a balanced two-line I1 voucher the GLS840MI record layout reads back', () => {
    const batch = paymentJournal(cmd('000000042', '99.95'), accounts);
    expect(batch.key1).toBe('payment:000000042');
    const [debit, credit] = batch.lines.map((l) => parseI1(l));
    expect(debit).toMatchObject({ GRNR: '1', DIVI: 'AAA', CUCD: 'EUR', CUAM: 99.95, ACDT: '20250115' });
    expect(debit?.AIT[0]).toBe('1930');
    expect(credit).toMatchObject({ CUAM: -99.95 });
    expect(credit?.AIT[0]).toBe('1510');
    expect(debit?.VTXT).toBe('Magento 000000042 checkmo');
  });

  it('posts to the accounts the command names (table glAccountsByMethod); a command without them is refused', () => {
    const batch = paymentJournal({ ...cmd('000000043', '10'), debitAccount: '1940', creditAccount: '1520' }, accounts);
    const [debit, credit] = batch.lines.map((l) => parseI1(l));
    expect(debit?.AIT[0]).toBe('1940');
    expect(credit?.AIT[0]).toBe('1520');
    expect(() => paymentJournal({ ...cmd('000000044', '10'), creditAccount: null }, accounts)).toThrow(
      /no debit or credit account.*replay its order through the transformer/,
    );
    const { debitAccount: _d, creditAccount: _c, ...old } = cmd('000000045', '10');
    expect(() => paymentJournal(old, accounts)).toThrow(/glAccountsByMethod/);
  });

  it('keeps KEY1 within A30 with a stable digest for long keys', () => {
    const long = journalKey(`payment:${'9'.repeat(40)}`);
    expect(long).toHaveLength(30);
    expect(journalKey(`payment:${'9'.repeat(40)}`)).toBe(long);
  });
});

describe('GLS840MI journal client', () => {
  let rig: M3Rig;
  beforeAll(async () => {
    rig = await m3Rig();
  });
  afterAll(() => rig.close());

  it('posts one voucher per payment, however often the command is replayed', async () => {
    const gl = createGlJournalClient(rig.mi, '100', 'AAA');
    const batch = paymentJournal(cmd('000000077', '12.30'), accounts);
    expect(await gl.post(batch)).toBe('posted');
    expect(await gl.post(batch)).toBe('already-posted');
    const vouchers = [...rig.sim.state.vouchers.values()].filter((v) => v.KEY1 === batch.key1);
    expect(vouchers).toHaveLength(1);
    expect(vouchers[0]?.lines.map((l) => l.amount)).toEqual([12.3, -12.3]);
  });

  it('completes a batch an earlier attempt left half-way (head and one line added)', async () => {
    const gl = createGlJournalClient(rig.mi, '100', 'AAA');
    const batch = paymentJournal(cmd('000000078', '5'), accounts);
    await rig.mi.execute('GLS840MI', 'AddBatchHead', { CONO: '100', KEY1: batch.key1, INTN: 'MAGENTO', DESC: 'x' });
    await rig.mi.execute('GLS840MI', 'AddBatchLine', {
      CONO: '100',
      KEY1: batch.key1,
      LINE: '1',
      PARM: batch.lines[0],
    });
    expect(await gl.post(batch)).toBe('posted');
    const vouchers = [...rig.sim.state.vouchers.values()].filter((v) => v.KEY1 === batch.key1);
    expect(vouchers).toHaveLength(1);
  });
});
