/**
 * Magento's webapi ServiceInputProcessor accepts both spellings (FORMAT-NOTES 48): a top-level key matches
 * the method parameter `statusHistory` as `statusHistory` or `status_history`, and a nested key finds its
 * setter through snakeCaseToUpperCamelCase, so `countryId` and `country_id` both reach `setCountryId`.
 * Routes therefore see top-level keys in camelCase (the PHP parameter names) and nested keys in snake_case.
 */
const toSnake = (key: string): string => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const toCamel = (key: string): string => key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [toSnake(k), snakeKeys(v)]));
}

/** A REST request body as the routes read it. Arrays and scalars pass unchanged at the top. */
export function normalizeInput(body: unknown): unknown {
  if (!isPlainObject(body)) return body;
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [toCamel(k), snakeKeys(v)]));
}
