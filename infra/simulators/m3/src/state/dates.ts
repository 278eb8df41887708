/** yyyyMMdd (UTC) of an epoch-ms instant, as M3 stores dates. */
export const yyyymmdd = (ms: number): string => new Date(ms).toISOString().slice(0, 10).replaceAll('-', '');

/** A yyyyMMdd date that exists on the calendar. */
export function isDate(value: string): boolean {
  if (!/^\d{8}$/.test(value)) return false;
  const ms = Date.UTC(Number(value.slice(0, 4)), Number(value.slice(4, 6)) - 1, Number(value.slice(6, 8)));
  return yyyymmdd(ms) === value;
}

/** The day `days` after (or before) a yyyyMMdd date. */
export const addDays = (value: string, days: number): string =>
  yyyymmdd(Date.UTC(Number(value.slice(0, 4)), Number(value.slice(4, 6)) - 1, Number(value.slice(6, 8)) + days));
