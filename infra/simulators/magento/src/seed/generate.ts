import { saveProduct } from '../domain/catalog';
import { saveCategory } from '../domain/categories';
import { DEFAULT_STOCK, saveStockSourceLinks } from '../domain/stocks';
import { DEFAULT_ROOT_CATEGORY } from '../domain/stores';
import type { DomainContext } from '../domain/context';
import { saveCustomer } from '../domain/customers';
import { saveSource, saveSourceItems } from '../domain/inventory';
import { placeOrder, type AddressInput, type PlaceOrderInput } from '../domain/orders';
import type { Order } from '../state/types';
import {
  CATEGORIES,
  CITIES,
  FIRST_NAMES,
  LAST_NAMES,
  PAYMENT_METHODS,
  PRODUCT_ADJECTIVES,
  PRODUCT_NOUNS,
  REGION_CODES,
  SECOND_LINES,
  SOURCES,
  STREETS,
} from './data';
import type { Prng } from './prng';

export interface SeedSizes {
  customers: number;
  products: number;
  orders: number;
  /** How many of the known sources to create (1..4; `default` always first). */
  sources: number;
}

export const DEMO_SIZES: SeedSizes = { customers: 12, products: 20, orders: 8, sources: 3 };

/** Fills an empty store deterministically from the PRNG. */
export function seedStore(ctx: DomainContext, prng: Prng, sizes: SeedSizes): void {
  const sources = SOURCES.slice(0, Math.max(1, Math.min(SOURCES.length, sizes.sources)));
  for (const s of sources) saveSource(ctx, { ...s, enabled: true });
  // Every seeded source serves the Default Stock (the sales channel of the Main Website), in this order.
  saveStockSourceLinks(
    ctx,
    sources.map((s, i) => ({ stock_id: DEFAULT_STOCK, source_code: s.source_code, priority: i + 1 })),
  );
  for (const c of CATEGORIES) saveCategory(ctx, { ...c, is_active: true }, ctx.stores.resolve('all'));
  for (let i = 1; i <= sizes.products; i++) {
    const sku = `MH-${String(i).padStart(5, '0')}`;
    const qty = prng.int(0, 200);
    saveProduct(ctx, {
      sku,
      name: `${prng.pick(PRODUCT_ADJECTIVES)} ${prng.pick(PRODUCT_NOUNS)} ${i}`,
      price: prng.int(500, 25000) / 100,
      weight: prng.int(1, 500) / 10,
      custom_attributes: [{ attribute_code: 'description', value: `<p>Seeded product ${i}</p>` }],
      extension_attributes: {
        category_links: [{ position: 0, category_id: String(DEFAULT_ROOT_CATEGORY) }],
        stock_item: { qty, is_in_stock: qty > 0 },
      },
    });
    saveSourceItems(
      ctx,
      sources.slice(1).map((s) => ({ sku, source_code: s.source_code, quantity: prng.int(0, 100), status: 1 })),
    );
  }
  for (let i = 1; i <= sizes.customers; i++) {
    const firstname = prng.pick(FIRST_NAMES);
    const lastname = prng.pick(LAST_NAMES);
    const address = randomAddress(prng, firstname, lastname);
    saveCustomer(ctx, {
      email: emailOf(firstname, lastname, String(i), 'example.com'),
      firstname,
      lastname,
      addresses: [
        {
          ...address,
          region: {
            region_code: REGION_CODES[address.region_id ?? 0] ?? null,
            region: address.region ?? null,
            region_id: address.region_id ?? 0,
          },
          default_billing: true,
          default_shipping: true,
        },
      ],
    });
  }
  for (let i = 0; i < sizes.orders; i++) placeRandomOrder(ctx, prng);
}

/** One order with 1–4 lines from the catalogue; about a third are guest orders. */
/** What a test may fix about a random order; `street` is what the shopper typed into both addresses. */
export interface RandomOrderOptions {
  guest?: boolean;
  street?: string[];
}

export function placeRandomOrder(ctx: DomainContext, prng: Prng, opts: RandomOrderOptions = {}): Order {
  // A shopper can only put an enabled product in the cart (a disabled one is not salable in the storefront).
  const products = [...ctx.state.products.values()].filter((p) => p.status === 1);
  const customers = [...ctx.state.customers.values()];
  if (products.length === 0) throw new Error('the store has no enabled products; seed it first');
  const guest = opts.guest ?? (customers.length === 0 || prng.next() < 0.33);
  const lineCount = prng.int(1, Math.min(4, products.length));
  const skus = new Set<string>();
  while (skus.size < lineCount) skus.add(prng.pick(products).sku);
  const lines = [...skus].map((sku) => ({ sku, qty: prng.int(1, 3) }));
  let customer: PlaceOrderInput['customer'];
  let billing: AddressInput;
  if (guest) {
    const firstname = prng.pick(FIRST_NAMES);
    const lastname = prng.pick(LAST_NAMES);
    customer = {
      guest: {
        email: emailOf(firstname, lastname, `guest${prng.int(1, 99999)}`, 'example.net'),
        firstname,
        lastname,
      },
    };
    billing = randomAddress(prng, firstname, lastname);
  } else {
    const c = prng.pick(customers);
    customer = { customerId: c.id };
    const a = c.addresses[0];
    billing = a
      ? { ...a, region: a.region.region, region_code: a.region.region_code, customer_address_id: a.id }
      : randomAddress(prng, c.firstname, c.lastname);
  }
  if (opts.street) billing = { ...billing, street: [...opts.street] };
  let shipping = prng.next() < 0.2 ? randomAddress(prng, billing.firstname, billing.lastname) : billing;
  if (opts.street) shipping = { ...shipping, street: [...opts.street] };
  const method = prng.pick(PAYMENT_METHODS);
  return placeOrder(ctx, {
    customer,
    billing,
    shipping,
    lines,
    paymentMethod: method,
    paymentInfo: method === 'braintree' ? [`token-ref-${prng.int(100000, 999999)}`] : [],
  });
}

function randomAddress(prng: Prng, firstname: string, lastname: string): AddressInput {
  const place = prng.pick(CITIES);
  const street = prng.next() < 0.4 ? [prng.pick(STREETS), prng.pick(SECOND_LINES)] : [prng.pick(STREETS)];
  return {
    firstname,
    lastname,
    street,
    city: place.city,
    postcode: place.postcode,
    country_id: place.country_id,
    region: place.region,
    region_id: place.region_id,
    telephone: `+${prng.int(1, 99)} ${prng.int(100, 999)} ${prng.int(1000, 9999)}`,
  };
}

/** An ASCII local part for e-mail addresses. */
/**
 * A real-looking address that fits what stores and ERPs hold (most e-mail columns stop at 50): a long
 * name is shortened to its first letter, as people do. Over-long addresses are produced on purpose by tests.
 */
function emailOf(firstname: string, lastname: string, suffix: string, domain: string): string {
  const full = `${ascii(firstname)}.${ascii(lastname)}.${suffix}@${domain}`;
  return full.length <= 50
    ? full
    : `${ascii(firstname).slice(0, 1)}.${ascii(lastname).slice(0, 20)}.${suffix}@${domain}`;
}

function ascii(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
}
