// Progress of a backfill: on a terminal a bar (cli-progress: done/total, rate, ETA; without a total the count
// and the rate), otherwise one plain line at most every `everyMs` (CI logs, files). Both on stderr, so
// stdout carries only the summary.
import { SingleBar } from 'cli-progress';
import type { BackfillProgress } from './runner';

export interface ProgressView {
  update(p: BackfillProgress): void;
  /** A line above the bar (a wait for the live consumers, a resume). */
  note(text: string): void;
  stop(): void;
}

const perSecond = (p: BackfillProgress, startedAt: number, now: number): number =>
  Math.round(((p.read - p.resumedAt) * 1000) / Math.max(1, now - startedAt));

export function progressView(
  out: NodeJS.WriteStream = process.stderr,
  now: () => number = Date.now,
  everyMs = 5000,
  /** The tool the plain lines are labelled with. */
  label = 'backfill',
): ProgressView {
  const startedAt = now();
  if (out.isTTY) {
    let bar: SingleBar | undefined;
    return {
      update(p) {
        const payload = { rate: perSecond(p, startedAt, now()), skipped: p.skippedOlder, failed: p.failed };
        if (!bar) {
          const format =
            p.total !== undefined
              ? '{job} [{bar}] {value}/{total} | {rate}/s | ETA {eta_formatted} | older {skipped} | failed {failed}'
              : '{job} {value} read | {rate}/s | older {skipped} | failed {failed}';
          bar = new SingleBar({ format, stream: out, hideCursor: true, etaBuffer: 50 });
          bar.start(p.total ?? 0, p.read, { ...payload, job: p.job });
        }
        bar.update(p.read, payload);
      },
      note(text) {
        out.write(`\n${text}\n`);
      },
      stop() {
        bar?.stop();
        bar = undefined;
      },
    };
  }
  let last = 0;
  const line = (p: BackfillProgress) =>
    `[${label}] ${p.job}: read ${p.read}${p.total !== undefined ? `/${p.total}` : ''}, produced ${p.produced}, ` +
    `older ${p.skippedOlder}, failed ${p.failed}, ${perSecond(p, startedAt, now())}/s\n`;
  let latest: BackfillProgress | undefined;
  return {
    update(p) {
      latest = p;
      if (now() - last < everyMs) return;
      last = now();
      out.write(line(p));
    },
    note(text) {
      out.write(`[${label}] ${text}\n`);
    },
    stop() {
      if (latest) out.write(line(latest));
      latest = undefined;
    },
  };
}
