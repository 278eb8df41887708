// Magento order address (billing_address, or the shipping assignment's address) → m3mage.magento.Address.
// Free text as Magento sent it (not trimmed), card numbers masked; codes and the e-mail copied as they are.
import type { Address } from '@m3mage/schemas/types';
import { defineMapping, from } from '@m3mage/runtime/mapping';
import { freeText, streetLines, text } from './transforms/text';
import type { Source } from './values';

export const orderAddressMapping = defineMapping<Source, Address>(
  {
    firstname: from('firstname').via(freeText).default(null),
    lastname: from('lastname').via(freeText).default(null),
    company: from('company').via(freeText).default(null),
    street: from('street').via(streetLines).default([]),
    city: from('city').via(freeText).default(null),
    region: from('region').via(freeText).default(null),
    postcode: from('postcode').via(freeText).default(null),
    countryId: from('country_id').via(text).default(null),
    telephone: from('telephone').via(freeText).default(null),
    email: from('email').via(text).default(null),
  },
  {
    name: 'magento-order-address',
    title: 'Magento order address (REST order address → Address)',
    description:
      'A billing or shipping address of a Magento order as it was typed: free text keeps its spaces and has its card numbers masked; an empty field is null.',
  },
);
