/**
 * Scope of product attributes (`catalog_eav_attribute.is_global`) as Magento installs them
 * (magento/magento2 app/code/Magento/Catalog/Setup/CategorySetup.php): name, description, short_description,
 * url_key, meta_*, visibility and images are store-view attributes, `status` is a website attribute, `price`
 * and the other price attributes follow "Catalog Price Scope" (Global by default), weight and the entity's
 * static columns are global. Custom attributes not listed here are treated as store-view attributes.
 */
export type AttributeScope = 'global' | 'website' | 'store';

/** Top-level fields of the REST product that are attributes; the rest of the top level is structure. */
export const TOP_LEVEL_ATTRIBUTES = [
  'name',
  'price',
  'status',
  'visibility',
  'weight',
  'attribute_set_id',
  'type_id',
] as const;
export type TopLevelAttribute = (typeof TOP_LEVEL_ATTRIBUTES)[number];

const GLOBAL = new Set<string>([
  'sku',
  'price',
  'special_price',
  'special_from_date',
  'special_to_date',
  'cost',
  'tier_price',
  'msrp',
  'weight',
  'attribute_set_id',
  'type_id',
  'tax_class_id',
  'category_ids',
  'required_options',
  'has_options',
]);
const WEBSITE = new Set<string>(['status']);

export function scopeOf(code: string): AttributeScope {
  if (GLOBAL.has(code)) return 'global';
  if (WEBSITE.has(code)) return 'website';
  return 'store';
}

export const isTopLevel = (code: string): code is TopLevelAttribute =>
  (TOP_LEVEL_ATTRIBUTES as readonly string[]).includes(code);
