// M3's change stamp of a record, as one comparable number (epoch ms, exact as a decimal string), read from
// whatever the source carries: MI `LMTS` ("Timestamp", epoch milliseconds; a 17-digit yyyyMMddHHmmssSSS
// form is also read, in UTC), else the BOD's LastModificationDateTime, else `LMDT` (a date: its midnight UTC,
// so a later stamp of the same day still wins). Newest wins by this stamp (MASTER-DATA-NOTES §1–§3: LMTS).

export interface ChangeStamp {
  /** Epoch ms. */
  at: number;
  /** The same as a decimal integer string (the version compared exactly downstream). */
  stamp: string;
}

const of = (at: number): ChangeStamp | undefined =>
  Number.isSafeInteger(at) && at >= 0 ? { at, stamp: String(at) } : undefined;

/** `LMTS` → stamp; undefined when it is blank, zero or not a form M3 writes. */
export function fromLmts(lmts: string | undefined): ChangeStamp | undefined {
  const v = lmts?.trim() ?? '';
  if (/^\d{10,13}$/.test(v) && Number(v) > 0) return of(Number(v));
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{3})$/.exec(v);
  if (m) {
    const n = m.slice(1).map(Number);
    return of(Date.UTC(n[0] ?? 0, (n[1] ?? 1) - 1, n[2], n[3], n[4], n[5], n[6]));
  }
  return undefined;
}

/** `LMDT` (YYYYMMDD) → its midnight UTC. */
export function fromLmdt(lmdt: string | undefined): ChangeStamp | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(lmdt?.trim() ?? '');
  return m ? of(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
}

/** An ISO-8601 date-time with a zone (BOD LastModificationDateTime). */
export function fromIso(iso: string | undefined): ChangeStamp | undefined {
  if (!iso || !/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(iso.trim())) return undefined;
  return of(Date.parse(iso.trim()));
}

/** The YYYYMMDD (UTC) of an epoch-ms instant, as MI date inputs want it. */
export const m3Date = (ms: number): string => new Date(ms).toISOString().slice(0, 10).replaceAll('-', '');
