// Which product attributes M3 owns (the only ones magento-writer ever writes; docs/mappings.md). Every other
// attribute — descriptions, images, SEO fields, custom attributes, store-view values, categories added in
// Magento — is Magento's and survives every update. Attributes set only when the product is created are
// listed apart: after that they are Magento's (a merchandiser may move the product to another attribute set).
import { compare, parseDecimal } from '@m3mage/runtime/mapping';
import type { UpsertProduct } from '@m3mage/schemas/types';
import type { MagentoProduct } from '../clients/products.client';

export interface OwnedAttribute {
  /** Magento attribute code. */
  code: string;
  /** Where its value comes from in M3 (for the docs). */
  from: string;
  /** The command's value for Magento, or undefined when the command carries none (then it is not written). */
  value(cmd: UpsertProduct): unknown;
  /** Whether Magento's current value already equals it. */
  same(current: MagentoProduct, value: unknown): boolean;
}

/** Magento answers numbers (or numeric strings): equal as decimals, so 19.9 and "19.90" are the same. */
const sameNumber = (a: unknown, b: unknown): boolean => {
  const numeric = (v: unknown): v is number | string => typeof v === 'number' || typeof v === 'string';
  if (!numeric(a) || !numeric(b)) return a === b;
  try {
    return compare(parseDecimal(a), parseDecimal(b)) === 0;
  } catch {
    return false;
  }
};

/** Written on every update where they differ. */
export const ownedAttributes: readonly OwnedAttribute[] = Object.freeze([
  { code: 'name', from: 'ITDS', value: (c) => c.name, same: (p, v) => p.name === v },
  {
    code: 'price',
    from: 'MMS200MI SAPR or the OIS017MI price list',
    value: (c) => (c.price === null ? undefined : Number(c.price)),
    same: (p, v) => sameNumber(p.price, v),
  },
  { code: 'status', from: 'STAT (table itemStatus)', value: (c) => c.status, same: (p, v) => p.status === v },
  {
    code: 'visibility',
    from: 'STAT (table itemStatus)',
    value: (c) => c.visibility,
    same: (p, v) => p.visibility === v,
  },
  {
    code: 'weight',
    from: 'GRWE',
    value: (c) => (c.weight === null ? undefined : Number(c.weight)),
    same: (p, v) => sameNumber(p.weight, v),
  },
]);

/** Set when the product is created, never on update. */
export const createOnlyAttributes: readonly { code: string; from: string }[] = Object.freeze([
  { code: 'attribute_set_id', from: 'productDefaults (transformer)' },
  { code: 'type_id', from: 'productDefaults (transformer)' },
  { code: 'website_ids', from: 'productDefaults (transformer)' },
  { code: 'tax_class_id', from: 'productDefaults (transformer)' },
  { code: 'url_key', from: 'name-sku (transformer)' },
]);

/** Categories: only added (the ones of table categoryByGroup the product is not in yet); never removed. */
export function missingCategories(current: MagentoProduct | undefined, wanted: readonly number[]): number[] {
  const have = new Set((current?.extension_attributes?.category_links ?? []).map((l) => String(l.category_id)));
  return wanted.filter((id) => !have.has(String(id)));
}
