import type { MiRecord } from '../mi/request';
import { addDays } from './dates';
import type { M3State } from './store';

/** CRS025 item groups (ITGR A8): one per kind of furniture the seed names its items after. */
const ITEM_GROUPS: Array<[itgr: string, tx15: string, tx40: string, nouns: string[]]> = [
  ['A100', 'Seating', 'Chairs, stools and sofas', ['Chair', 'Stool', 'Sofa']],
  ['A200', 'Tables & desks', 'Dining tables and desks', ['Table', 'Desk']],
  ['A300', 'Light & mirrors', 'Lamps and mirrors', ['Lamp', 'Mirror']],
  ['A400', 'Storage', 'Shelves and cabinets', ['Shelf', 'Cabinet']],
  ['A500', 'Textiles', 'Rugs and soft furnishings', ['Rug']],
];

/** CRS035 product groups (ITCL A5): the material in the item's name. */
const PRODUCT_GROUPS: Array<[itcl: string, tx15: string, tx40: string, materials: string[]]> = [
  ['WOOD', 'Wood', 'Solid wood and veneer', ['Oak', 'Walnut', 'Ash', 'Pine']],
  ['METAL', 'Metal', 'Steel and brass', ['Steel', 'Brass']],
  ['MIXED', 'Glass & textile', 'Glass, linen and mixed materials', ['Linen', 'Glass']],
];

export function seedGroups(state: M3State): void {
  for (const [ITGR, TX15, TX40] of ITEM_GROUPS) state.itemGroups.set(ITGR, { ITGR, TX40, TX15 });
  for (const [ITCL, TX15, TX40] of PRODUCT_GROUPS) state.productGroups.set(ITCL, { ITCL, TX40, TX15 });
}

/**
 * Item group, product group and, on two items in three, an MMS021 hierarchy (HIE1 top level … HIE3; HIE4 on
 * every seventh item) derived from the item's name, so categories look like a real catalogue.
 */
export function classify(i: number, material: string, noun: string): MiRecord {
  const group = ITEM_GROUPS.find((g) => g[3].includes(noun)) ?? ITEM_GROUPS[0];
  const product = PRODUCT_GROUPS.find((g) => g[3].includes(material)) ?? PRODUCT_GROUPS[0];
  const rec: MiRecord = { ITGR: group?.[0] ?? '', ITCL: product?.[0] ?? '' };
  if (i % 3 !== 0) {
    rec.HIE1 = 'HOME';
    rec.HIE2 = (group?.[1] ?? '').toUpperCase().replace(/[^A-Z]+/g, '-');
    rec.HIE3 = noun.toUpperCase();
    if (i % 7 === 0) rec.HIE4 = material.toUpperCase();
  }
  return rec;
}

/**
 * Item status by position: mostly 20 (released); 50 (to be discontinued) and 90 (discontinued) on a few, one
 * item (the 20th) 10 (preliminary). Items 1–12, which tests and the sandbox order, stay 20 with a price.
 */
export function seedStatus(i: number): string {
  if (i === 20) return '10';
  if (i % 20 === 14 || i % 20 === 17) return '50';
  if (i % 20 === 16 || i % 20 === 19) return '90';
  return '20';
}

/** Items without a MITMAS sales price (SAPR 0): a webshop must take the price list or show none. */
export const withoutPrice = (i: number): boolean => i % 20 === 13 || i % 20 === 18;

/** Items missing from the current web price list (they fall back to MITMAS SAPR or have no price). */
export const offCurrentList = (i: number): boolean => i % 10 === 7;

/**
 * Price list WEB in EUR (general, CUNO blank) with two validity periods: an expired one (1 January last year
 * to the day before the current one) and the current one (first day of last month to 31 December next year).
 * The current list has every item but those offCurrentList(); the expired one every item, at older prices.
 */
export function seedPriceLists(state: M3State, prices: Array<{ i: number; itno: string; sapr: number }>): void {
  const today = state.today();
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(4, 6));
  const currentFrom = month === 1 ? `${year - 1}1201` : `${year}${String(month - 1).padStart(2, '0')}01`;
  const periods = [
    { FVDT: `${year - 1}0101`, LVDT: addDays(currentFrom, -1), factor: 0.9, all: true },
    { FVDT: currentFrom, LVDT: `${year + 1}1231`, factor: 0.95, all: false },
  ];
  for (const p of periods) {
    const list = {
      PRRF: 'WEB',
      CUCD: 'EUR',
      CUNO: '',
      FVDT: p.FVDT,
      LVDT: p.LVDT,
      TX15: 'Web shop',
      prices: new Map<string, string>(),
    };
    for (const { i, itno, sapr } of prices) {
      if (!p.all && offCurrentList(i)) continue;
      // Items without a MITMAS price still have a list price, as a price list is maintained on its own.
      const base = sapr > 0 ? sapr : 10 + (i % 50);
      list.prices.set(itno, String(Number((base * p.factor).toFixed(2))));
    }
    state.priceLists.set(state.priceListKey(list.PRRF, list.CUCD, list.CUNO, list.FVDT), list);
  }
}
