import { defineTable } from '../kit';

/**
 * Which M3 field places a product in Magento categories: the item group (ITGR, CRS025), the product group
 * (ITCL, CRS035), or the item hierarchy (HIE1..HIE5, MMS021, each level a key `HIE1/HIE2/…`).
 */
export const categorySource: 'itemGroup' | 'productGroup' | 'hierarchy' = 'itemGroup';

/** M3 group (or hierarchy path) → Magento category ids. */
export const categoryByGroup = defineTable<readonly number[]>({
  name: 'categoryByGroup',
  description:
    'Magento category ids a product is placed in, by its M3 item group (or product group / hierarchy path, as categorySource says). Categories are only ever added: one a merchandiser added in Magento stays. A group not listed places the product in no category, unless categoryCreation is on: then in a category named after the M3 group (CRS025/CRS035 name), found or created under categoryCreation.parentId.',
  file: 'services/transformer/src/mappings/tables/categories.ts',
  keyLabel: 'M3 group',
  valueLabel: 'Magento category ids',
  entries: {
    A100: [3],
    A200: [4],
    A300: [5],
    A400: [3, 5],
  },
  otherwise: { kind: 'value', value: [] },
});

/**
 * Groups not in categoryByGroup (item group or product group; not the hierarchy, whose level names M3 keeps
 * elsewhere): `enabled` → the product goes into a category named after the group (its CRS025/CRS035 name,
 * else its code), which magento-writer finds by name under `parentId` or creates there (2 = Default Category).
 */
export const categoryCreation: Readonly<{ enabled: boolean; parentId: number }> = Object.freeze({
  enabled: true,
  parentId: 2,
});
