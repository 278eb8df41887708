import { defineTable } from '../kit';

export interface GlAccounts {
  /** Account debited with the payment (bank / clearing). */
  debit: string;
  /** Account credited (customer receivables). */
  credit: string;
}

/** GL accounts (AIT1) a captured payment is posted to, by Magento payment method. */
export const glAccountsByMethod = defineTable<GlAccounts>({
  name: 'glAccountsByMethod',
  description: 'General-ledger accounts a captured Magento payment is posted to in M3, by payment method.',
  file: 'services/transformer/src/mappings/tables/gl-accounts.ts',
  keyLabel: 'payment method',
  valueLabel: 'debit / credit',
  entries: {
    checkmo: { debit: '1930', credit: '1510' },
    banktransfer: { debit: '1930', credit: '1510' },
    cashondelivery: { debit: '1910', credit: '1510' },
    braintree: { debit: '1940', credit: '1510' },
    purchaseorder: { debit: '1930', credit: '1510' },
    free: { debit: '1510', credit: '1510' },
  },
  otherwise: { kind: 'reject', hint: 'add the payment method and its accounts to the table' },
});
