import { magentoDate } from '../http/dates';
import { errors } from '../http/errors';
import type { Customer, CustomerAddress } from '../state/types';
import type { DomainContext } from './context';

export type CustomerInput = Partial<Omit<Customer, 'addresses'>> & { addresses?: Array<Partial<CustomerAddress>> };

/** Real customer answers carry the newsletter flag in their extension attributes (FORMAT-NOTES 37). */
const DEFAULT_EXTENSION = { is_subscribed: false };

export function getCustomer(ctx: DomainContext, id: number): Customer {
  const c = ctx.state.customers.get(id);
  if (!c) throw errors.noSuchEntity('customerId', id);
  return c;
}

/**
 * `POST /V1/customers` (create) and `PUT /V1/customers/{id}` (update). As `CustomerRepository::save`:
 * `addresses` present is the final list (addresses not in it are deleted), omitted keeps the stored ones and
 * the defaults; e-mail is unique per website. Fires `customer_save_after` and `customer_save_commit_after`,
 * then `customer_address_save_after` / `…_commit_after` for every address the request saved.
 */
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
  const customer: Customer = withDefaults(
    {
      group_id: 1,
      created_in: 'Default Store View',
      store_id: 1,
      disable_auto_group_change: 0,
      extension_attributes: DEFAULT_EXTENSION,
      ...merged,
      id,
      email,
      firstname: String(merged.firstname),
      lastname: String(merged.lastname),
      website_id: websiteId,
      created_at: existing?.created_at ?? now,
      updated_at: now,
      addresses,
    },
    input.addresses !== undefined,
  );
  state.customers.set(id, customer);
  const at = ctx.now();
  ctx.events.emit('customer_save_after', 'customer', id, customer, at);
  ctx.events.emit('customer_save_commit_after', 'customer', id, customer, at);
  for (const a of input.addresses ? customer.addresses : []) emitAddressSaved(ctx, a, at);
  return customer;
}

/**
 * A shopper registering in the storefront (`Customer/Controller/Account/CreatePost`): the customer is saved
 * (its save events), then `customer_register_success` carries `{customer, account_controller}`.
 */
export function registerCustomer(ctx: DomainContext, input: CustomerInput): Customer {
  const { id: _ignored, ...fields } = input;
  const customer = saveCustomer(ctx, fields);
  ctx.events.emit('customer_register_success', 'customer', customer.id, customer, ctx.now(), {
    account_controller: [],
  });
  return customer;
}

/**
 * A shopper adding or editing one address in the storefront address book (`AddressRepository::save`): the
 * other addresses stay; a default flag sent moves the customer's default to it. Only the address row is
 * written — the customer's `updated_at` moves only when a default changes (its row changes) — and
 * `customer_address_save_after` / `…_commit_after` fire with the address.
 */
export function saveAddress(ctx: DomainContext, customerId: number, input: Partial<CustomerAddress>): CustomerAddress {
  const existing = getCustomer(ctx, customerId);
  if (input.id !== undefined && !existing.addresses.some((a) => a.id === input.id))
    throw errors.noSuchEntity('addressId', input.id);
  const address = toAddress(ctx, customerId, input);
  // A default flag sent moves that default here: the other addresses lose it.
  const others = existing.addresses.map((a) => ({
    ...a,
    ...(input.default_billing === true ? { default_billing: false } : {}),
    ...(input.default_shipping === true ? { default_shipping: false } : {}),
  }));
  const addresses =
    input.id === undefined ? [...others, address] : others.map((a) => (a.id === address.id ? address : a));
  const next = withDefaults({ ...existing, addresses }, true);
  const defaultsMoved =
    next.default_billing !== existing.default_billing || next.default_shipping !== existing.default_shipping;
  const customer = defaultsMoved ? { ...next, updated_at: magentoDate(ctx.now()) } : next;
  ctx.state.customers.set(customerId, customer);
  const saved = customer.addresses.find((a) => a.id === address.id) ?? address;
  emitAddressSaved(ctx, saved, ctx.now());
  return saved;
}

/** `DELETE /V1/customers/{id}` (`CustomerRepository::deleteById`): `customer_delete_after` and `…_commit_after`. */
export function deleteCustomer(ctx: DomainContext, id: number): true {
  const customer = getCustomer(ctx, id);
  ctx.state.customers.delete(id);
  const at = ctx.now();
  ctx.events.emit('customer_delete_after', 'customer', id, customer, at);
  ctx.events.emit('customer_delete_commit_after', 'customer', id, customer, at);
  return true;
}

function emitAddressSaved(ctx: DomainContext, a: CustomerAddress, at: number): void {
  ctx.events.emit('customer_address_save_after', 'customer_address', a.id, a, at);
  ctx.events.emit('customer_address_save_commit_after', 'customer_address', a.id, a, at);
}

/**
 * The customer's `default_billing` / `default_shipping` ids and its addresses' flags in step: an address
 * flagged default (in the request) becomes the default; with a new address list, a default id that is no
 * longer in it is dropped. Addresses answer `default_billing: true` only where they are the default.
 */
function withDefaults(c: Customer, addressesGiven: boolean): Customer {
  const ids = new Set(c.addresses.map((a) => String(a.id)));
  const pick = (kind: 'default_billing' | 'default_shipping'): string | undefined => {
    const flagged = c.addresses.filter((a) => a[kind] === true).at(-1);
    if (flagged) return String(flagged.id);
    const current = c[kind];
    return current !== undefined && (!addressesGiven || ids.has(current)) ? current : undefined;
  };
  const billing = pick('default_billing');
  const shipping = pick('default_shipping');
  const { default_billing: _b, default_shipping: _s, ...rest } = c;
  return {
    ...rest,
    ...(billing !== undefined ? { default_billing: billing } : {}),
    ...(shipping !== undefined ? { default_shipping: shipping } : {}),
    addresses: c.addresses.map((a) => {
      const { default_billing: _ab, default_shipping: _as, ...address } = a;
      return {
        ...address,
        ...(String(a.id) === billing ? { default_billing: true } : {}),
        ...(String(a.id) === shipping ? { default_shipping: true } : {}),
      };
    }),
  };
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
