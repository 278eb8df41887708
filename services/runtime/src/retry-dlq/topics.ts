// Retry and DLQ topic names per consumer group (ARCHITECTURE.md §3) and the tier delays.
export const retryTopic = (group: string, tier: number): string => `${group}.retry.${tier}`;
export const dlqTopic = (group: string): string => `${group}.dlq`;

/** Production tier delays; tests pass short ones. */
export const DEFAULT_TIER_DELAYS_MS: readonly number[] = Object.freeze([1_000, 10_000, 60_000]);

/** The tier (1..N) a topic of this group is, or undefined for any other topic. */
export function tierOf(group: string, topic: string): number | undefined {
  const prefix = `${group}.retry.`;
  if (!topic.startsWith(prefix)) return undefined;
  const n = Number(topic.slice(prefix.length));
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Every topic the retry/DLQ machinery of a group writes to: tiers 1..N, then the DLQ. */
export function retryDlqTopics(group: string, tiers: number): string[] {
  return [...Array.from({ length: tiers }, (_, i) => retryTopic(group, i + 1)), dlqTopic(group)];
}
