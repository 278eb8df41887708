// Magento shipping address → M3 delivery address (OIS100MI AddBatchAddress, ADRT 1).
import { constant, defineMapping, from } from './kit';
import { streetLine } from './transforms/address';
import { fit, personName, phone } from './transforms/text';
import { country } from './transforms/values';
import type { Address, AddressData } from '@m3mage/schemas/types';

export const shipToMapping = defineMapping<Address, AddressData>(
  {
    adrt: constant(1).describe('1 = delivery address'),
    cunm: from().via(personName).required('the shipping address has no name').via(fit(36, 'ship-to name')),
    cua1: from().via(streetLine(1)).required('the shipping address has no street'),
    cua2: from().via(streetLine(2)).omit(),
    cua3: from().via(streetLine(3)).omit(),
    cua4: from().via(streetLine(4)).omit(),
    pono: from('postcode').via(fit(10, 'postcode')).omit(),
    town: from('city').via(fit(20, 'town')).omit(),
    cscd: from('countryId').via(country).omit(),
    phno: from('telephone').via(phone).omit(),
  },
  {
    name: 'ship-to',
    title: 'Ship-to address (Magento shipping address → M3 delivery address)',
    description: 'The delivery address of the M3 order, from the Magento shipping assignment.',
  },
);
