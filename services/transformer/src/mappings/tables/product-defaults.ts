// What a product gets when the integration creates it in Magento (never sent for an existing one).
export const productDefaults = Object.freeze({
  /** Attribute set (4 = "Default"). */
  attributeSetId: 4,
  typeId: 'simple',
  /** Websites the product is sold on (1 = Main Website). */
  websiteIds: [1] as readonly number[],
  /** Tax class (2 = "Taxable Goods"). */
  taxClassId: '2',
});
