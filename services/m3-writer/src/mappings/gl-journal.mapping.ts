// PostPaymentJournal → a GLS840MI journal batch (generic GL interface): one voucher (GRNR 1) with a debit
// on the cash/clearing account and a credit on the receivable account. PARM is record type I1 at fixed
// positions: I1 · RNNO(9) · GRNR(8) · DIVI(3) · AIT1..AIT7(7×10) · CUCD(3) · CUAM(17, right-aligned) ·
// ACDT(8) · VTXT(40). KEY1 is derived from the command's idempotency key, so a replay finds its batch.
import { formatDecimal, parseDecimal, round } from '@m3mage/runtime/mapping';
import { createHash } from 'node:crypto';
import type { PostPaymentJournal } from '@m3mage/schemas/types';

/** Records written before the schema gained the accounts decode without them (and are refused). */
export type JournalCommand = Omit<PostPaymentJournal, 'debitAccount' | 'creditAccount'> &
  Partial<Pick<PostPaymentJournal, 'debitAccount' | 'creditAccount'>>;

/** The posting's interface and division; the accounts come with the command (transformer table glAccountsByMethod). */
export interface GlAccounts {
  interfaceName: string;
  division: string;
}

export interface GlBatch {
  key1: string;
  intn: string;
  desc: string;
  lines: string[];
}

const LAYOUT: ReadonlyArray<readonly [name: string, length: number]> = [
  ['TYPE', 2],
  ['RNNO', 9],
  ['GRNR', 8],
  ['DIVI', 3],
  ['AIT1', 10],
  ['AIT2', 10],
  ['AIT3', 10],
  ['AIT4', 10],
  ['AIT5', 10],
  ['AIT6', 10],
  ['AIT7', 10],
  ['CUCD', 3],
  ['CUAM', 17],
  ['ACDT', 8],
  ['VTXT', 40],
];

const cut = (s: string, n: number): string => [...s].slice(0, n).join('');

/** A decimal string rounded half away from zero to 2 decimals, as text ("12.5" → "12.50"; no binary floats). */
export function toAmount2(decimal: string): string {
  let parsed;
  try {
    parsed = parseDecimal(decimal);
  } catch {
    throw new Error(`amount "${decimal}" is not a decimal`);
  }
  return formatDecimal(round(parsed, 2), 2);
}

export function formatI1(fields: Record<string, string>): string {
  return LAYOUT.map(([name, length]) => {
    const v = fields[name] ?? '';
    if ([...v].length > length) throw new Error(`I1 field ${name} "${v}" exceeds ${length} characters`);
    return name === 'CUAM' ? v.padStart(length) : v.padEnd(length);
  }).join('');
}

/** KEY1 (A30): the idempotency key itself when it fits, else a stable digest of it. */
export function journalKey(idempotencyKey: string): string {
  if ([...idempotencyKey].length <= 30 && /^[\x20-\x7e]+$/.test(idempotencyKey)) return idempotencyKey;
  return `K${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 29).toUpperCase()}`;
}

export function paymentJournal(cmd: JournalCommand, accounts: GlAccounts): GlBatch {
  const { debitAccount, creditAccount } = cmd;
  if (!debitAccount || !creditAccount)
    throw new Error(
      'the command names no debit or credit account (a record written before the accounts were part of it): replay its order through the transformer, whose table glAccountsByMethod gives them',
    );
  const amount = toAmount2(cmd.amount);
  const negated = amount.startsWith('-') ? amount.slice(1) : `-${amount}`;
  const text = cut(`Magento ${cmd.incrementId} ${cmd.method}`, 40);
  const line = (account: string, cuam: string): string =>
    formatI1({
      TYPE: 'I1',
      GRNR: '1',
      DIVI: accounts.division,
      AIT1: account,
      CUCD: cmd.currency,
      CUAM: cuam,
      ACDT: cmd.accountingDate,
      VTXT: text,
    });
  return {
    key1: journalKey(cmd.meta.idempotencyKey),
    intn: accounts.interfaceName,
    desc: cut(`Magento payment ${cmd.incrementId}`, 40),
    lines: [line(debitAccount, amount), line(creditAccount, negated)],
  };
}
