// Pure: what one timeline asks for — the key and the time window — from the command line or from an HTTP
// query, with the same checks for both. The window defaults to the last 7 days; `--from`/`--to` narrow it.
import { parseArgs } from 'node:util';

export const DEFAULT_WINDOW_MS = 7 * 86_400_000;

export interface TimelineQuery {
  key: string;
  /** Epoch ms, inclusive. */
  fromMs: number;
  /** Epoch ms, inclusive. */
  toMs: number;
}

export interface CliOptions extends TimelineQuery {
  json: boolean;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = [
  'usage: npm run timeline -- <key> [--from <iso>] [--to <iso>] [--json]',
  '  key: a Magento increment id, a sku, sku@source, an e-mail or an M3 ORNO (an order is followed to its',
  '       M3 order number through xref.order.v1, an ORNO back to its increment id)',
  '  --from, --to: the window (ISO 8601 times; default the last 7 days up to now)',
  '  --json: the timeline as one JSON document (steps and summary)',
].join('\n');

function instant(name: string, text: string): number {
  // Date.parse accepts "1" or "2025" as well; a timeline window is given as an ISO date or date-time.
  const ms = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms))
    throw new UsageError(`${name} must be an ISO 8601 time (e.g. 2025-05-01T10:00:00Z), not "${text}"`);
  return ms;
}

/** The key and window; UsageError for an empty key, an unreadable time, or from after to. */
export function timelineQuery(
  input: { key: string | undefined; from?: string | undefined; to?: string | undefined },
  now: () => number = Date.now,
): TimelineQuery {
  const key = input.key?.trim() ?? '';
  if (key === '') throw new UsageError('say which document: a key (increment id, sku, sku@source, e-mail or ORNO)');
  const toMs = input.to === undefined ? now() : instant('--to', input.to);
  const fromMs = input.from === undefined ? toMs - DEFAULT_WINDOW_MS : instant('--from', input.from);
  if (fromMs > toMs)
    throw new UsageError(`--from (${new Date(fromMs).toISOString()}) is after --to (${new Date(toMs).toISOString()})`);
  return { key, fromMs, toMs };
}

/** `help` when --help was asked for (nothing else is checked then). */
export function parseCli(argv: string[], now: () => number = Date.now): CliOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length > 1) throw new UsageError(`one key at a time, not "${positionals.join(' ')}"`);
  return {
    ...timelineQuery({ key: positionals[0], from: values.from, to: values.to }, now),
    json: values.json === true,
  };
}
