// Dates, decimals, countries, items: named pure transforms used by several mappings.
import { lookupIn, reject, transform } from '../kit';
import { formatDecimal, parseDecimal } from '@m3mage/runtime/mapping';
import { countryCode } from '../tables/countries';
import { itemBySku } from '../tables/items';

/** Magento 'YYYY-MM-DD HH:MM:SS' (UTC) or an epoch-ms number → M3 yyyyMMdd. */
export const toM3Date = transform<unknown, string>('toM3Date', "date as M3's yyyyMMdd (UTC)", (v) => {
  if (typeof v === 'number') return new Date(v).toISOString().slice(0, 10).replaceAll('-', '');
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(v).trim());
  return m ? `${m[1]}${m[2]}${m[3]}` : reject(`'${String(v)}' is not a date (YYYY-MM-DD HH:MM:SS expected)`);
});

/** A decimal string in canonical form ("58.0400" → "58.04"), exact. */
export const decimal = transform<unknown, string>(
  'decimal',
  'exact decimal, trailing zeros removed (no floating point)',
  (v) => {
    try {
      return formatDecimal(parseDecimal(v as string | number));
    } catch {
      return reject(`'${String(v)}' is not a decimal number`);
    }
  },
);

/** ISO-2 country → M3 CSCD through the exceptions table. */
export const country = transform<unknown, string>(
  'country',
  'ISO 3166-1 alpha-2, upper case, through table countryCode',
  (v) => {
    const iso = String(v).trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(iso)) return reject(`'${String(v)}' is not an ISO 3166-1 alpha-2 country code`);
    return String(lookupIn(countryCode, iso));
  },
  [countryCode],
);

const ITNO = /^[A-Za-z0-9][A-Za-z0-9._\-/ ]*$/;

/** Magento SKU → M3 ITNO (table itemBySku, else the SKU itself), checked against ITNO's A15. */
export const itemNumber = transform<unknown, string>(
  'itemNumber',
  'the SKU through table itemBySku; an item number longer than 15 characters or with characters M3 does not allow → rejected (unknown SKU)',
  (v) => {
    const sku = String(v).trim();
    const itno = String(lookupIn(itemBySku, sku));
    if (itno.length > 15)
      return reject(
        `unknown SKU '${sku}': it has ${itno.length} characters and M3 item numbers hold 15; map it to an M3 item in table itemBySku`,
      );
    if (!ITNO.test(itno))
      return reject(`unknown SKU '${sku}': '${itno}' is not a valid M3 item number; map it in table itemBySku`);
    return itno;
  },
  [itemBySku],
);
