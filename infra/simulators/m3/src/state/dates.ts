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

/** HHmmss (UTC) of an epoch-ms instant as the number M3 stores (09:30:00 is 93000). */
export const hhmmss = (ms: number): number => {
  const d = new Date(ms);
  return d.getUTCHours() * 10_000 + d.getUTCMinutes() * 100 + d.getUTCSeconds();
};

/** A time of day as M3 takes it (HHmmss, leading zeros optional: "93000" is 09:30:00), or undefined. */
export function timeOfDay(value: string): number | undefined {
  if (!/^\d{1,6}$/.test(value)) return undefined;
  const n = Number(value);
  const [h, m, s] = [Math.floor(n / 10_000), Math.floor(n / 100) % 100, n % 100];
  return h < 24 && m < 60 && s < 60 ? n : undefined;
}

/** Epoch ms (UTC) of a yyyyMMdd date and an HHmmss time. */
export const instantOf = (date: string, time: number): number =>
  Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(4, 6)) - 1,
    Number(date.slice(6, 8)),
    Math.floor(time / 10_000),
    Math.floor(time / 100) % 100,
    time % 100,
  );
