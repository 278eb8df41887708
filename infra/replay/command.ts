// One `replay` run over an open session, whatever the mode: the window's offsets (or, for --resume, the ones
// the job saved), then --dry-run counts, --live re-produces with checkpoints, --shadow compares. Returns what
// to print on stdout; the CLI (cli.ts) adds the argument parsing, the connection and the exit codes.
import { countWindow, type WindowCount } from './count';
import { emptyWindow, formatCount, formatLive, formatShadow } from './format';
import { runLive, type LiveProgress, type LiveSummary } from './live';
import { jobId, partitionJob, type ReplayOptions } from './options';
import type { ReplaySession } from './session';
import { shadowReplay, type ShadowOptions, type ShadowReport } from './shadow/command';
import { windowSize } from './window';

export interface CommandDeps {
  now?: () => number;
  /** Live: stop after this many records (a kill, in tests). */
  limit?: number;
  /** Live: records per acknowledged step. */
  every?: number;
  shadow?: ShadowOptions;
  onProgress?: (p: LiveProgress) => void;
  note?: (text: string) => void;
}

export interface CommandResult {
  text: string;
  count?: WindowCount;
  live?: LiveSummary;
  shadow?: ShadowReport;
}

export async function replayCommand(
  o: ReplayOptions,
  session: ReplaySession,
  deps: CommandDeps = {},
): Promise<CommandResult> {
  const now = deps.now ?? Date.now;
  await session.require([o.topic]);
  const fresh = () => session.ranges(o.topic, o.from, o.to);
  if (!o.resume) {
    const ranges = await fresh();
    if (windowSize(ranges) === 0) return { text: emptyWindow(o) };
    if (o.dryRun) {
      const count = countWindow(await session.read(o.topic, ranges), o.keys);
      return { text: formatCount(o, count), count };
    }
    if (o.mode === 'shadow') {
      const shadow = await shadowReplay(session, o.topic, o, await session.read(o.topic, ranges), deps.shadow);
      return { text: formatShadow(o, shadow.reports, shadow.counts), shadow };
    }
  }
  const job = jobId(o);
  const checkpoints = await session.checkpoints();
  const partitions = await session.partitions(o.topic);
  const unfinished = partitions.some((p) => checkpoints.get(partitionJob(job, p))?.status === 'RUNNING');
  if (!o.resume && unfinished)
    deps.note?.(`job ${job} has an unfinished run; starting again — --resume goes on from where it stopped`);
  const producer = await session.producer();
  const live = await runLive({
    job,
    window: { topic: o.topic, from: o.from, to: o.to, ...(o.keys ? { keys: o.keys } : {}) },
    topic: session.name(o.topic),
    ranges: fresh,
    partitions,
    read: (ranges) => session.read(o.topic, ranges),
    produce: (r) => producer.sendRaw(r),
    checkpoints,
    now,
    resume: o.resume,
    ...(deps.every !== undefined ? { every: deps.every } : {}),
    ...(deps.limit !== undefined ? { limit: deps.limit } : {}),
    ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
  });
  return { text: formatLive(o, live), live };
}
