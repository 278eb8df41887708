// The sales price of an item from the configured source (MASTER-DATA-NOTES §1, "Prices"):
// - `MMS200MI`: the item's own sales price, `MMS200MI GetItmPrice` SAPR/CUCS (GetItmBasic has no SAPR).
// - `OIS017MI`: a sales price list (PRRF + CUCD). OIS017MI GetBasePrice needs the valid-from date, so the
//   list's headers are read with `LstPriceList` (cached; rows filtered here, since M3 returns every list
//   whatever the input) and the one valid today is taken: FVDT ≤ today < LVDT (LVDT blank or 0 = open),
//   nearest FVDT first. An item missing from it, or priced 0 there, falls back to MMS200MI SAPR when
//   ITEM_PRICE_FALLBACK=MMS200MI (LeanSwift's rule); otherwise it has no price.
// No price (0 or missing) is `null`: the product is then updated without a price, and a new product is
// refused with a dead letter by magento-writer (Magento cannot create a product without one).
// Amounts stay decimal strings exactly as M3 sent them (normalised, never a float).
import { isAppError } from '@m3mage/runtime';
import { isZero, normalizeText, parseDecimal } from '@m3mage/runtime/mapping';
import type { MiClient, MiRecord } from '@m3mage/connectors/m3';
import type { ItemPrice } from '@m3mage/schemas/types';
import { m3Date } from './change-stamp';

export type PriceSourceName = 'MMS200MI' | 'OIS017MI';

export interface PriceSourceOptions {
  mi: Pick<MiClient, 'execute'>;
  source: PriceSourceName;
  /** OIS017MI: PRRF and CUCD of the web price list. */
  priceList?: string;
  currency?: string;
  fallback: 'MMS200MI' | 'none';
  /** How long the price-list headers are kept before they are read again. */
  headerCacheMs?: number;
  now?: () => number;
}

/** The price of an item now, or null when M3 has none. `ITNO` must exist. */
export type PriceSource = (itno: string) => Promise<ItemPrice | null>;

const notFound = (e: unknown): boolean => isAppError(e) && e.details?.['m3Category'] === 'not-found';

/** The price of an MMS200MI price record (GetItmPrice / LstItmPrice): SAPR in CUCS; null when 0 or blank. */
export function mmsPriceOf(rec: MiRecord | undefined): ItemPrice | null {
  const amount = amountOf(rec?.SAPR);
  return amount === null ? null : { amount, currency: rec?.CUCS?.trim() || null, source: 'MMS200MI' };
}

function amountOf(sapr: string | undefined): string | null {
  const t = sapr?.trim() ?? '';
  if (t === '') return null;
  const d = parseDecimal(t);
  return isZero(d) ? null : normalizeText(t);
}

/** The header valid on `today` (YYYYMMDD): FVDT ≤ today < LVDT, nearest FVDT first. */
export function validList(rows: readonly MiRecord[], prrf: string, cucd: string, today: string): MiRecord | undefined {
  const open = (lvdt: string | undefined) => {
    const t = lvdt?.trim() ?? '';
    return t === '' || /^0+$/.test(t);
  };
  return rows
    .filter((r) => r.PRRF?.trim() === prrf && r.CUCD?.trim() === cucd)
    .filter((r) => (r.FVDT ?? '') <= today && (open(r.LVDT) || today < (r.LVDT ?? '')))
    .sort((a, b) => (b.FVDT ?? '').localeCompare(a.FVDT ?? ''))[0];
}

export function createPriceSource(o: PriceSourceOptions): PriceSource {
  const now = o.now ?? Date.now;
  const cacheMs = o.headerCacheMs ?? 60_000;
  let headers: { rows: MiRecord[]; at: number } | undefined;

  async function itemPrice(itno: string): Promise<ItemPrice | null> {
    let rec: MiRecord | undefined;
    try {
      [rec] = await o.mi.execute('MMS200MI', 'GetItmPrice', { ITNO: itno });
    } catch (e) {
      if (notFound(e)) return null;
      throw e;
    }
    return mmsPriceOf(rec);
  }

  async function listHeader(): Promise<MiRecord | undefined> {
    const prrf = o.priceList ?? '';
    const cucd = o.currency ?? '';
    if (!headers || now() - headers.at > cacheMs) {
      const rows = await o.mi.execute('OIS017MI', 'LstPriceList', { PRRF: prrf, CUCD: cucd }, { maxrecs: 0 });
      headers = { rows, at: now() };
    }
    return validList(headers.rows, prrf, cucd, m3Date(now()));
  }

  async function listPrice(itno: string): Promise<ItemPrice | null> {
    const header = await listHeader();
    if (header) {
      const input = { PRRF: header.PRRF, CUCD: header.CUCD, FVDT: header.FVDT, ITNO: itno };
      try {
        const [rec] = await o.mi.execute('OIS017MI', 'GetBasePrice', input);
        const amount = amountOf(rec?.SAPR);
        if (amount !== null)
          return {
            amount,
            currency: header.CUCD?.trim() || null,
            source: `OIS017MI:${header.PRRF?.trim() ?? ''}:${header.CUCD?.trim() ?? ''}:${header.FVDT?.trim() ?? ''}`,
          };
      } catch (e) {
        if (!notFound(e)) throw e;
      }
    }
    return o.fallback === 'MMS200MI' ? itemPrice(itno) : null;
  }

  return o.source === 'OIS017MI' ? listPrice : itemPrice;
}

/** The ITEM_PRICE_* settings (config.ts `itemPriceKeys`) as the service, the backfill and reconcile read them. */
export interface ItemPriceSettings {
  ITEM_PRICE_SOURCE: PriceSourceName;
  ITEM_PRICE_FALLBACK: 'MMS200MI' | 'none';
  ITEM_PRICE_LIST?: string | undefined;
  ITEM_PRICE_CURRENCY?: string | undefined;
}

/** The price source the ITEM_PRICE_* settings name. */
export function priceSourceOf(c: ItemPriceSettings, mi: Pick<MiClient, 'execute'>, now: () => number): PriceSource {
  return createPriceSource({
    mi,
    source: c.ITEM_PRICE_SOURCE,
    fallback: c.ITEM_PRICE_FALLBACK,
    now,
    ...(c.ITEM_PRICE_LIST ? { priceList: c.ITEM_PRICE_LIST } : {}),
    ...(c.ITEM_PRICE_CURRENCY ? { currency: c.ITEM_PRICE_CURRENCY } : {}),
  });
}
