// `replay`: read one service's DLQ, pick the dead letters the selector names, and replay them into their
// original topics (skipping topics the broker does not have). The pieces are read.ts, select.ts, replay.ts.
import type { DlqSession } from './session';
import { readDeadLetters, type ReadOptions } from './read';
import { replay, type ReplayReport } from './replay';
import { select, type Selector } from './select';
import type { DlqSource } from './sources';

export interface ReplayCommandResult {
  report: ReplayReport;
  /** Offsets, key or code the selector asked for that the DLQ does not have. */
  notFound: string[];
}

export async function replayFromDlq(
  session: Pick<DlqSession, 'client' | 'serde' | 'producer' | 'topics'>,
  source: DlqSource,
  selector: Selector,
  opts: ReadOptions & { dryRun?: boolean; now?: () => Date } = {},
): Promise<ReplayCommandResult> {
  const records = await readDeadLetters(session.client, session.serde, source.topic, opts);
  const { selected, notFound } = select(records, selector);
  const existing = await session.topics();
  const producer = opts.dryRun || selected.length === 0 ? { sendRaw: unusable } : await session.producer();
  const report = await replay(producer, source.topic, selected, {
    topicExists: (t) => existing.has(t),
    ...(opts.dryRun !== undefined ? { dryRun: opts.dryRun } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  return { report, notFound };
}

const unusable = (): never => {
  throw new Error('nothing is produced in a dry run');
};
