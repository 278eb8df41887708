// The positive end marker of an end-to-end phase: every consumer group of the namespace has committed up to
// the end of every topic it reads (main and retry groups), and neither simulator has a delivery pending —
// twice in a row, with nothing produced or sent in between. A late duplicate is therefore already on its
// topic (or in the DLQ) when a test counts, instead of arriving after a sleep that merely hoped it would not.
import { retryTopic } from '@m3mage/runtime';
import { groups, topicAdmin } from '@m3mage/topics';
import type { Sandbox } from '../../infra/sandbox/sandbox';

/** Records not yet committed, per consumer group (`<ns><id>` and `<ns><id>.retry`), and every topic's end. */
export async function groupLags(
  brokers: string[],
  namespace: string,
): Promise<{ lag: Record<string, number>; ends: string }> {
  const admin = topicAdmin(brokers, 'e2e-lag');
  await admin.connect();
  try {
    const lag: Record<string, number> = {};
    const ends: string[] = [];
    const plan = groups.flatMap((g) => [
      { id: g.id, topics: g.consumes },
      { id: `${g.id}.retry`, topics: g.retryDelaysMs.map((_, i) => retryTopic(g.id, i + 1)) },
    ]);
    for (const { id, topics } of plan) {
      const names = topics.map((t) => `${namespace}${t}`);
      const committed = await admin.fetchOffsets({ groupId: `${namespace}${id}`, topics: names });
      let n = 0;
      for (const topic of names) {
        const done = new Map(
          (committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]),
        );
        for (const p of await admin.fetchTopicOffsets(topic)) {
          const from = [done.get(p.partition) ?? -1n, BigInt(p.low)].reduce((a, b) => (a > b ? a : b));
          n += Number(BigInt(p.high) - from);
          ends.push(`${topic}/${p.partition}=${p.high}`);
        }
      }
      lag[id] = n;
    }
    return { lag, ends: ends.join(',') };
  } finally {
    await admin.disconnect();
  }
}

const deliveries = (sb: Sandbox): string =>
  `${sb.magento.events.dispatcher.entries().length}/${sb.m3.publisher.log().length}`;

/**
 * Waits until the pipeline has nothing left to do: simulators idle, every group's lag 0, and the same topic
 * ends and delivery counts on two passes one after the other. Throws with the lags at the deadline.
 */
export async function waitDrained(sb: Sandbox, brokers: string[], namespace: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let previous = '';
  let last: Record<string, number> = {};
  for (;;) {
    await Promise.all([sb.magento.idle(), sb.m3.publisher.idle()]);
    const { lag, ends } = await groupLags(brokers, namespace);
    last = lag;
    const quiet = Object.values(lag).every((n) => n === 0);
    const snapshot = `${ends}|${deliveries(sb)}`;
    if (quiet && snapshot === previous) return;
    previous = quiet ? snapshot : '';
    if (Date.now() > deadline)
      throw new Error(`pipeline not drained after ${timeoutMs / 1000} s; lag ${JSON.stringify(last)}`);
    if (!quiet) await new Promise((r) => setTimeout(r, 250));
  }
}
