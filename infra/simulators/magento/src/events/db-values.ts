/** Shapes entity snapshots the way Magento's event payloads carry them (FORMAT-NOTES 40, 44). */

const INTEGER = /(^id$|_id$|_count$|_flag$|^is_|_sent$|^state$|^status$|visibility|_guest$|^position$)/;
const DECIMAL = /(amount|total|price|qty|weight|percent|subtotal|tax|discount|refunded|invoiced|paid|due|quantity)/;

/** One value as the DB returns it: decimals `"58.0400"`, integers `"33"`, flags `"1"`, street lines joined by `\n`. */
export function dbValue(key: string, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return !INTEGER.test(key) && DECIMAL.test(key) ? v.toFixed(4) : String(v);
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x !== 'object' || x === null)) return v.map(String).join('\n');
    return v.map((x: unknown) => dbStyle(x));
  }
  if (typeof v === 'object') return dbStyle(v);
  return v;
}

export function dbStyle(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((x: unknown) => dbStyle(x));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = dbValue(k, v);
  return out;
}

/**
 * A customer address as the address model holds it (Customer/Model/Address, `customer_address_entity`): the
 * observer events' object, unlike AddressInterface (REST, plugin hooks) — `entity_id`, `parent_id` (the
 * customer), `is_active`, the street lines in one `\n`-joined string, `region` as text beside `region_id`.
 */
export function addressModelData(a: Record<string, unknown>): Record<string, unknown> {
  const { id, customer_id: customerId, region, street, default_billing: _b, default_shipping: _s, ...columns } = a;
  const regionName = region !== null && typeof region === 'object' ? (region as { region?: unknown }).region : region;
  return {
    entity_id: id,
    parent_id: customerId,
    is_active: 1,
    ...columns,
    street: Array.isArray(street) ? street.join('\n') : street,
    region: regionName ?? null,
  };
}

/** The object an observer event carries (Commerce observer hooks and I/O Events): the model's data. */
export function observerValue(entity: string, snapshot: Record<string, unknown>): Record<string, unknown> {
  return entity === 'customer_address' ? addressModelData(snapshot) : snapshot;
}

/**
 * `data.value` of an unfiltered Adobe I/O event (FORMAT-NOTES 50): the entity as the model holds it — its
 * scalar columns plus its nested parts (an order's `items`, `addresses` (billing and shipping), `payment`,
 * `status_histories`; a product's custom attributes as columns; an address's model columns) — without REST-only
 * `extension_attributes` (FORMAT-NOTES 44). Subscribed `<fields>` then narrow it (see fields.ts).
 */
export function ioValue(entity: string, snapshot: Record<string, unknown>): Record<string, unknown> {
  const { extension_attributes: ext, ...rest } = observerValue(entity, snapshot);
  if (entity === 'order') {
    const { billing_address: billing, ...order } = rest;
    const shipping = (ext as { shipping_assignments?: Array<{ shipping?: { address?: unknown } }> } | undefined)
      ?.shipping_assignments?.[0]?.shipping?.address;
    return { ...order, addresses: [billing, shipping].filter((a) => a !== undefined) };
  }
  if (entity === 'product') {
    const { custom_attributes: custom, ...product } = rest;
    const columns = Object.fromEntries(
      ((custom ?? []) as Array<{ attribute_code: string; value: unknown }>).map((a) => [a.attribute_code, a.value]),
    );
    return { ...product, ...columns };
  }
  return rest;
}
