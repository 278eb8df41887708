// The options of `replay`, checked before anything is connected: which catalogue topic (the cdc.* and cmd.*
// topics, without the namespace), the time window [--from, --to) (default --to: now), the mode (--shadow: run
// the consumer's code in-process and compare; --live: re-produce into the same topic), and the filters. A
// live job is named by what defines its records (topic, from, to, keys), so --resume finds its checkpoints.
import { contentHash } from '@m3mage/runtime';
import { GROUP, TOPIC } from '@m3mage/topics/catalogue';
import { UsageError } from './errors';
import { instantOf } from './time';

export type ReplayMode = 'shadow' | 'live';

export interface ReplayOptions {
  /** Catalogue name (no namespace). */
  topic: string;
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  /** Whether --to was given (a job without it is resumed with the end offsets its checkpoints saved). */
  toGiven: boolean;
  mode: ReplayMode;
  dryRun: boolean;
  /** Only these record keys (sorted, unique). */
  keys?: string[];
  resume: boolean;
}

export interface RawOptions {
  topic?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  shadow?: boolean | undefined;
  live?: boolean | undefined;
  'dry-run'?: boolean | undefined;
  keys?: string | undefined;
  resume?: boolean | undefined;
}

/** The topics a replay can read: change data and commands (not xref, state, retry or dead-letter topics). */
export const replayableTopics = (): string[] =>
  Object.values(TOPIC).filter((t) => t.startsWith('cdc.') || t.startsWith('cmd.'));

/** The change topics whose consumer code (the transformer's handlers) a shadow replay can run. */
export const shadowableTopics = (): string[] => [...GROUP.transformer.consumes];

export function replayOptions(raw: RawOptions, now: number): ReplayOptions {
  if (raw.topic === undefined) throw new UsageError(`--topic is required (${replayableTopics().join(', ')})`);
  if (!replayableTopics().includes(raw.topic))
    throw new UsageError(`--topic "${raw.topic}" cannot be replayed: one of ${replayableTopics().join(', ')}`);
  if (raw.shadow && raw.live) throw new UsageError('give one of --shadow and --live, not both');
  if (!raw.shadow && !raw.live) throw new UsageError('say how to replay: --shadow (compare) or --live (re-produce)');
  const mode: ReplayMode = raw.shadow ? 'shadow' : 'live';
  if (mode === 'shadow' && !shadowableTopics().includes(raw.topic))
    throw new UsageError(
      `--shadow is not available for ${raw.topic} yet (writers with external writes disabled are not built); ` +
        `it is for ${shadowableTopics().join(', ')}`,
    );
  if (mode === 'shadow' && raw.resume) throw new UsageError('--resume is for --live (a shadow run writes nothing)');
  if (raw.resume && raw['dry-run']) throw new UsageError('--resume goes on producing: it does not go with --dry-run');
  if (raw.from === undefined) throw new UsageError('--from <iso> is required');
  const from = instantOf('from', raw.from);
  const to = raw.to === undefined ? now : instantOf('to', raw.to);
  if (from >= to)
    throw new UsageError(`--from ${raw.from} is not before --to ${raw.to ?? new Date(now).toISOString()}`);
  const keys = raw.keys
    ?.split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (raw.keys !== undefined && !keys?.length) throw new UsageError('--keys names no key');
  return {
    topic: raw.topic,
    from,
    to,
    toGiven: raw.to !== undefined,
    mode,
    dryRun: raw['dry-run'] === true,
    ...(keys ? { keys: [...new Set(keys)].sort() } : {}),
    resume: raw.resume === true,
  };
}

/** `replay:<topic>:<digest of from, to, keys>`; without --to the digest has `to: null` (see toGiven). */
export function jobId(o: Pick<ReplayOptions, 'topic' | 'from' | 'to' | 'toGiven' | 'keys'>): string {
  const defining = { from: o.from, to: o.toGiven ? o.to : null, keys: o.keys ?? null };
  return `replay:${o.topic}:${contentHash(defining).slice(0, 12)}`;
}

/** The checkpoint key of one partition of a job. */
export const partitionJob = (job: string, partition: number): string => `${job}/${partition}`;
