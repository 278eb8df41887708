// Quantities and prices between Magento's selling unit and M3's unit (tables/units.ts), exact decimals.
import { lookupIn, reject, transform } from '../kit';
import { compare, div, formatDecimal, mul, parseDecimal, type Decimal } from '@m3mage/runtime/mapping';
import { unitByProductType, unitBySku, type UnitRule } from '../tables/units';
import type { OrderItem } from '@m3mage/schemas/types';

/** Decimals M3 keeps for a converted price (SAPR). */
const PRICE_SCALE = 4;

export function unitRule(sku: string, productType: string | null | undefined): UnitRule {
  const bySku = lookupIn(unitBySku, sku) as UnitRule | null;
  return bySku ?? (lookupIn(unitByProductType, productType ?? '') as UnitRule);
}

function positive(text: string, what: string): Decimal {
  let d: Decimal;
  try {
    d = parseDecimal(text);
  } catch {
    return reject(`${what} '${text}' is not a decimal number`);
  }
  return compare(d, { units: 0n, scale: 0 }) > 0 ? d : reject(`${what} '${text}' is not positive`);
}

type Item = Pick<OrderItem, 'sku' | 'productType' | 'qtyOrdered' | 'price'>;
const tables = [unitBySku, unitByProductType];

export const toM3Quantity = transform<Item, string>(
  'toM3Quantity',
  'ordered quantity × the unit factor of the SKU (table unitBySku, else unitByProductType), exact',
  (item) =>
    formatDecimal(
      mul(positive(item.qtyOrdered, 'ordered quantity'), parseDecimal(unitRule(item.sku, item.productType).factor)),
    ),
  tables,
);

export const toM3UnitPrice = transform<Item, string>(
  'toM3UnitPrice',
  'unit price ÷ the unit factor of the SKU, exact (rounded half-up to 4 decimals only when the factor divides unevenly)',
  (item) => {
    let price: Decimal;
    try {
      price = parseDecimal(item.price);
    } catch {
      return reject(`price '${item.price}' is not a decimal number`);
    }
    const factor = parseDecimal(unitRule(item.sku, item.productType).factor);
    return formatDecimal(factor.units === 1n && factor.scale === 0 ? price : div(price, factor, PRICE_SCALE));
  },
  tables,
);

export const m3Unit = transform<Item, string>(
  'm3Unit',
  'the alternate unit (ALUN) of the SKU from the unit tables; none = the item’s basic unit',
  (item) => unitRule(item.sku, item.productType).alun,
  tables,
);

/** M3 quantity (basic unit) → Magento quantity: ÷ the SKU's factor (SKU rules only: M3 does not know product types). */
export const toMagentoQuantity = (sku: string, m3Qty: string): string => {
  const rule = (lookupIn(unitBySku, sku) as UnitRule | null) ?? { factor: '1', alun: null };
  return formatDecimal(div(parseDecimal(m3Qty), parseDecimal(rule.factor), 4));
};
