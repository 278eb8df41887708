// Magento order payment → m3mage.magento.Payment: the method and the provider's reference only.
import type { Payment } from '@m3mage/schemas/types';
import { defineMapping, from } from '@m3mage/runtime/mapping';
import { text } from './transforms/text';
import { decimal } from './transforms/values';
import { MISSING, type Source } from './values';

export const paymentMapping = defineMapping<Source, Payment>(
  {
    method: from('method').via(text).required(MISSING),
    amountPaid: from('amount_paid').via(decimal).default(null),
    amountOrdered: from('amount_ordered').via(decimal).required(MISSING),
    providerReference: from('last_trans_id').via(text).default(null).describe('the transaction id at the provider'),
  },
  {
    name: 'magento-payment',
    title: 'Magento payment (REST order payment → Payment)',
    description:
      'Card data never enters the system: `cc_*` fields and `additional_information` are not read, only the method code, the amounts and the provider reference.',
  },
);
