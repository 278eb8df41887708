// M3 item (cdc.m3.item.v1) → UpsertProduct on cmd.magento.product.v1. Only the attributes M3 owns are
// mapped (the ownership table in docs/mappings.md: sku, name, price, status, visibility, weight, categories
// added); descriptions, images, SEO fields and custom attributes are Magento's and never sent.
import { defineMapping, from, lookup, lookupIn, transform } from './kit';
import { categoryByGroup, categoryCreation, categorySource } from './tables/categories';
import { itemStatus, type ItemStatusRule } from './tables/item-status';
import { skuByItem } from './tables/items';
import { productDefaults } from './tables/product-defaults';
import type { Item, NewCategory, NewProductDefaults, UpsertProduct } from '@m3mage/schemas/types';

const statusRule = (pick: keyof ItemStatusRule) =>
  transform<unknown, ItemStatusRule[keyof ItemStatusRule]>(
    `itemStatus.${pick}`,
    `${pick} of the item status through table itemStatus`,
    (stat) => (lookupIn(itemStatus, stat) as ItemStatusRule)[pick],
    [itemStatus],
  );

/** The group keys of an item for the configured category source. */
export function categoryKeys(item: Pick<Item, 'itemGroup' | 'productGroup' | 'hierarchy'>): string[] {
  if (categorySource === 'productGroup') return item.productGroup ? [item.productGroup] : [];
  if (categorySource === 'hierarchy') return item.hierarchy.map((_, i) => item.hierarchy.slice(0, i + 1).join('/'));
  return item.itemGroup ? [item.itemGroup] : [];
}

const toCategories = transform<Item, number[]>(
  'toCategories',
  `the item's ${categorySource} through table categoryByGroup (every hierarchy level when by hierarchy); ids sorted, once each`,
  (item) => {
    const ids = new Set<number>();
    for (const key of categoryKeys(item))
      for (const id of lookupIn(categoryByGroup, key) as readonly number[]) ids.add(id);
    return [...ids].sort((a, b) => a - b);
  },
  [categoryByGroup],
);

const toNewCategories = transform<Item, NewCategory[]>(
  'toNewCategories',
  `categoryCreation (${categoryCreation.enabled ? 'on' : 'off'}): a ${categorySource} not in table categoryByGroup → a category named after it (M3 group name, else code) under category ${categoryCreation.parentId}`,
  (item) => {
    if (!categoryCreation.enabled || categorySource === 'hierarchy') return [];
    const key = categorySource === 'productGroup' ? item.productGroup : item.itemGroup;
    const name = categorySource === 'productGroup' ? item.productGroupName : item.itemGroupName;
    if (!key || Object.hasOwn(categoryByGroup.entries, key)) return [];
    return [{ key, name: name ?? key, parentId: categoryCreation.parentId }];
  },
  [categoryByGroup],
);

/** Magento's url key rule (lower case, letters and digits, dashes), from name and SKU so it is unique. */
export const urlKey = (name: string, sku: string): string =>
  `${name}-${sku}`
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const toNewProduct = transform<Item, NewProductDefaults>(
  'toNewProduct',
  'attribute set, type, websites and tax class from productDefaults; url key = name-sku in Magento’s form',
  (item) => ({
    attributeSetId: productDefaults.attributeSetId,
    typeId: productDefaults.typeId,
    websiteIds: [...productDefaults.websiteIds],
    taxClassId: productDefaults.taxClassId,
    urlKey: urlKey(item.name, String(lookupIn(skuByItem, item.itno))),
  }),
);

export const productMapping = defineMapping<Item, Omit<UpsertProduct, 'meta'>>(
  {
    sku: from('itno').required().via(lookup(skuByItem)),
    m3Version: from('changeStamp').required().describe('newest wins in magento-writer'),
    publish: from('status').required('the item has no status (STAT)').via(statusRule('publish')),
    name: from('name').required(),
    price: from('price.amount').default(null).describe('null: M3 has no price; not written'),
    status: from('status').required('the item has no status (STAT)').via(statusRule('status')),
    visibility: from('status').required('the item has no status (STAT)').via(statusRule('visibility')),
    weight: from('grossWeight').default(null),
    categoryIds: from('').via(toCategories).default([]),
    newCategories: from('').via(toNewCategories).default([]),
    create: from('').via(toNewProduct).required(),
  },
  {
    name: 'product',
    title: 'Product (M3 item → Magento product)',
    description:
      'An M3 item becomes a Magento product with the attributes M3 owns; everything else in Magento is left as it is. Written at global scope (store code `all`), so store-view values stay.',
  },
);
