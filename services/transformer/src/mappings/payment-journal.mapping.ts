// A captured Magento payment → cmd.m3.gl-journal.v1 (PostPaymentJournal without `meta`).
import { defineMapping, from, lookup, transform } from './kit';
import { glAccountsByMethod, type GlAccounts } from './tables/gl-accounts';
import { fit } from './transforms/text';
import { decimal, toM3Date } from './transforms/values';
import type { Order, PostPaymentJournal } from '@m3mage/schemas/types';

/** The command body this mapping yields: `meta` is added by the handler. */
export type PaymentJournalBody = Omit<PostPaymentJournal, 'meta'>;

/** The payment step to post: the order and the amount captured since the previous version. */
export interface PaymentInput {
  order: Order;
  amount: string;
}

const account = (side: keyof GlAccounts) =>
  transform<GlAccounts, string>(side, `the ${side} account of the entry`, (a) => a[side]);

export const paymentJournalMapping = defineMapping<PaymentInput, PaymentJournalBody>(
  {
    incrementId: from('order.incrementId').required(),
    amount: from('amount').required().via(decimal),
    currency: from('order.currency').required().via(fit(3, 'currency')),
    method: from('order.payment.method').required('the order has no payment method'),
    providerReference: from('order.payment.providerReference').omit(),
    accountingDate: from('order.updatedAt').required().via(toM3Date),
    debitAccount: from('order.payment.method').required().via(lookup(glAccountsByMethod)).via(account('debit')),
    creditAccount: from('order.payment.method').required().via(lookup(glAccountsByMethod)).via(account('credit')),
  },
  {
    name: 'payment-journal',
    title: 'Payment journal (captured Magento payment → cmd.m3.gl-journal.v1)',
    description:
      'Each increase of the amount paid on a Magento order is posted once to the M3 general ledger (idempotency key: increment id + amount paid so far).',
  },
);
