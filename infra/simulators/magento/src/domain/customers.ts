import { magentoDate } from '../http/dates';
import { errors } from '../http/errors';
import type { Customer, CustomerAddress } from '../state/types';
import type { DomainContext } from './context';

export type CustomerInput = Partial<Omit<Customer, 'addresses'>> & { addresses?: Array<Partial<CustomerAddress>> };

export function getCustomer(ctx: DomainContext, id: number): Customer {
  const c = ctx.state.customers.get(id);
  if (!c) throw errors.noSuchEntity('customerId', id);
  return c;
}

/** `POST /V1/customers` (create) and `PUT /V1/customers/{id}` (update, addresses replaced when given). */
export function saveCustomer(ctx: DomainContext, input: CustomerInput, existingId?: number): Customer {
  const { state } = ctx;
  const existing = existingId === undefined ? undefined : getCustomer(ctx, existingId);
  const merged = { ...existing, ...input };
  for (const field of ['email', 'firstname', 'lastname'] as const) {
    const v = merged[field];
    if (typeof v !== 'string' || v.trim() === '') throw errors.required(field);
  }
  const email = String(merged.email);
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw errors.badRequest('"%1" is not a valid email address.', [email]);
  const websiteId = merged.website_id ?? 1;
  const clash = state.customerByEmail(email, websiteId);
  if (clash && clash.id !== existing?.id)
    throw errors.badRequest('A customer with the same email address already exists in an associated website.');

  const now = magentoDate(ctx.now());
  const id = existing?.id ?? state.nextId('customer');
  const addresses = input.addresses ? input.addresses.map((a) => toAddress(ctx, id, a)) : (existing?.addresses ?? []);
  const customer: Customer = {
    group_id: 1,
    created_in: 'Default Store View',
    store_id: 1,
    disable_auto_group_change: 0,
    ...merged,
    id,
    email,
    firstname: String(merged.firstname),
    lastname: String(merged.lastname),
    website_id: websiteId,
    created_at: existing?.created_at ?? now,
    updated_at: now,
    addresses,
  };
  const billing = addresses.find((a) => a.default_billing);
  const shipping = addresses.find((a) => a.default_shipping);
  if (billing) customer.default_billing = String(billing.id);
  if (shipping) customer.default_shipping = String(shipping.id);
  state.customers.set(id, customer);
  ctx.events.emit('customer_save_after', 'customer', id, customer, ctx.now());
  return customer;
}

function toAddress(ctx: DomainContext, customerId: number, a: Partial<CustomerAddress>): CustomerAddress {
  for (const field of ['firstname', 'lastname', 'city', 'country_id', 'telephone', 'postcode'] as const) {
    if (a[field] === undefined || a[field] === '') throw errors.required(field);
  }
  if (!Array.isArray(a.street) || a.street.length === 0) throw errors.required('street');
  const region = a.region ?? { region_code: null, region: null, region_id: a.region_id ?? 0 };
  return {
    ...(a as CustomerAddress),
    id: a.id ?? ctx.state.nextId('customerAddress'),
    customer_id: customerId,
    region,
    region_id: a.region_id ?? region.region_id,
    street: [...a.street],
  };
}
