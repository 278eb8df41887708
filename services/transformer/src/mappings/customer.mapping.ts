// Magento order → the customer block of CreateCustomerOrder (m3-writer finds the M3 customer by e-mail,
// or creates it with CRS610MI Add from template CUTM).
import { constant, defineMapping, from, transform } from './kit';
import { settings } from './tables/settings';
import { streetLine } from './transforms/address';
import { email, fit, personName, phone } from './transforms/text';
import { country } from './transforms/values';
import type { CustomerData, Order } from '@m3mage/schemas/types';

const orderEmail = transform<Order, string>(
  'orderEmail',
  'the order’s customer e-mail, else the billing address e-mail',
  (o) => o.customerEmail ?? o.billingAddress?.email ?? null,
);

const customerName = transform<Order, string>(
  'customerName',
  'customer first + last name, else the billing address name',
  (o) =>
    personName.apply({ firstname: o.customerFirstname, lastname: o.customerLastname }) ??
    (o.billingAddress ? personName.apply(o.billingAddress) : null),
);

export const customerMapping = defineMapping<Order, CustomerData>(
  {
    email: from()
      .via(orderEmail)
      .required('the order has no customer e-mail; M3 customers are found and created by e-mail: add it in Magento')
      .via(email),
    cunm: from().via(customerName).required('the order has no customer name').via(fit(36, 'customer name')),
    cua1: from('billingAddress').required('the order has no billing address').via(streetLine(1)),
    cua2: from('billingAddress').via(streetLine(2)).omit(),
    cua3: from('billingAddress').via(streetLine(3)).omit(),
    cua4: from('billingAddress').via(streetLine(4)).omit(),
    pono: from('billingAddress.postcode').via(fit(10, 'postcode')).omit(),
    town: from('billingAddress.city').via(fit(20, 'town')).omit(),
    cscd: from('billingAddress.countryId').via(country).omit(),
    phno: from('billingAddress.telephone').via(phone).omit(),
    cutm: constant(settings.customerTemplate),
    magentoCustomerId: from('customerId').omit().describe('empty for guest orders'),
  },
  {
    name: 'customer',
    title: 'Customer (Magento order → M3 customer, CRS610MI)',
    description:
      'The customer block of an order command. M3 finds the customer by e-mail and creates it from the template when it does not exist. Address from the billing address.',
  },
);
