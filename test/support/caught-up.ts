// The positive end marker of an integration test: the consumer groups of the service under test have
// committed the end of every partition they read, and those ends (and the ends of any watched output topic)
// are the same on two passes in a row. A late duplicate is then already handled, or on its topic, when the
// test counts — instead of arriving after a sleep that merely hoped it would not. Readers use readToEnd: they
// stop at the topic's end offsets, not after a fixed wait.
import { retryTopic, type KafkaClient } from '@m3mage/runtime';
import type { Admin } from 'kafkajs';

/** A consumer group and the topics it reads (broker names). */
export interface GroupReads {
  groupId: string;
  topics: string[];
}

/** A runtime group consumer: `groupId` on its topics and `<groupId>.retry` on its `tiers` retry topics. */
export const withRetryTiers = (groupId: string, topics: string[], tiers: number): GroupReads[] => [
  { groupId, topics },
  { groupId: `${groupId}.retry`, topics: Array.from({ length: tiers }, (_, i) => retryTopic(groupId, i + 1)) },
];

/** Runs `fn` with a connected admin client of `client`. */
export async function withAdmin<T>(client: KafkaClient, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = client.kafka.admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

/** The end offset (high watermark) of every partition of `topic`. */
export async function topicEnds(admin: Admin, topic: string): Promise<Map<number, bigint>> {
  return new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)]));
}

/** The offset `groupId` has committed on every partition of `topic` it committed on. */
export async function committedOffsets(admin: Admin, groupId: string, topic: string): Promise<Map<number, bigint>> {
  const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return new Map((t?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
}

/** Whether a reader that holds, per partition, the offset after its last record has read all of `topic`. */
export async function readToEnd(admin: Admin, topic: string, next: ReadonlyMap<number, bigint>): Promise<boolean> {
  return (await admin.fetchTopicOffsets(topic)).every(
    (p) => (next.get(p.partition) ?? BigInt(p.low)) >= BigInt(p.high),
  );
}

/** Records of its topics `group` has not committed yet, and each partition's end (`topic/partition=end`). */
async function groupLag(admin: Admin, group: GroupReads): Promise<{ lag: number; ends: string[] }> {
  const committed = await admin.fetchOffsets({ groupId: group.groupId, topics: group.topics });
  let lag = 0;
  const ends: string[] = [];
  for (const topic of group.topics) {
    const done = new Map(
      (committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]),
    );
    for (const p of await admin.fetchTopicOffsets(topic)) {
      const from = [done.get(p.partition) ?? -1n, BigInt(p.low)].reduce((a, b) => (a > b ? a : b));
      lag += Number(BigInt(p.high) - from);
      ends.push(`${topic}/${p.partition}=${p.high}`);
    }
  }
  return { lag, ends };
}

export interface CaughtUpOptions {
  /** Topics the service produces: their ends must not move between the two passes either. */
  watch?: string[];
  timeoutMs?: number;
}

/** Waits until every group has lag 0 with the same ends on two passes in a row; throws with the lags. */
export async function waitCaughtUp(
  client: KafkaClient,
  groups: GroupReads[],
  { watch = [], timeoutMs = 60_000 }: CaughtUpOptions = {},
): Promise<void> {
  await withAdmin(client, async (admin) => {
    const deadline = Date.now() + timeoutMs;
    let previous = '';
    for (;;) {
      const lags: Record<string, number> = {};
      const ends: string[] = [];
      for (const group of groups) {
        const g = await groupLag(admin, group);
        lags[group.groupId] = g.lag;
        ends.push(...g.ends);
      }
      for (const topic of watch)
        for (const [p, high] of await topicEnds(admin, topic)) ends.push(`${topic}/${p}=${high}`);
      const quiet = Object.values(lags).every((n) => n === 0);
      const snapshot = ends.join(',');
      if (quiet && snapshot === previous) return;
      previous = quiet ? snapshot : '';
      if (Date.now() > deadline) throw new Error(`not caught up after ${timeoutMs} ms; lag ${JSON.stringify(lags)}`);
      if (!quiet) await new Promise((r) => setTimeout(r, 100));
    }
  });
}
