// Pure: the instants --from and --to take — an ISO-8601 date (midnight UTC) or a date-time with a zone
// (`Z` or `+02:00`); a date-time without one is refused rather than read in the machine's zone.
import { UsageError } from './errors';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export function instantOf(name: string, text: string): number {
  const t = text.trim();
  if (DATE_TIME.test(t) || DATE.test(t)) {
    const at = Date.parse(DATE.test(t) ? `${t}T00:00:00Z` : t);
    if (!Number.isNaN(at)) return at;
  }
  throw new UsageError(
    `--${name} "${text}" is not an ISO-8601 date (2025-05-01) or date-time with a zone (2025-05-01T10:00:00Z)`,
  );
}

export const iso = (ms: number): string => new Date(ms).toISOString();
