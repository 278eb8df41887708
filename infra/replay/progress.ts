// Progress of a replay on stderr through the backfill's view (infra/backfill/progress.ts: a cli-progress bar
// on a terminal, plain lines otherwise), with the lines labelled `[replay]`; "older" there counts the records
// skipped (other keys, records that are replays themselves).
import { progressView, type ProgressView } from '../backfill/progress';
import type { LiveProgress } from './live';

export interface ReplayView {
  update(p: LiveProgress): void;
  note(text: string): void;
  stop(): void;
}

export function replayView(out: NodeJS.WriteStream = process.stderr): ReplayView {
  const view: ProgressView = progressView(out, Date.now, 5000, 'replay');
  return {
    update: (p) =>
      view.update({
        job: p.job,
        read: p.read,
        produced: p.produced,
        skippedOlder: p.skipped,
        failed: 0,
        total: p.total,
        resumedAt: p.resumedAt,
      }),
    note: (text) => view.note(text),
    stop: () => view.stop(),
  };
}
