// Rebalance with two members (issue 3, item 6): member A runs slow handlers on a 4-partition topic, member B
// joins mid-run (partitions with in-flight work are revoked from A), then A leaves gracefully. Counted:
// nothing lost, per-key order across the hand-over (a key's handled offsets go backwards only for
// re-deliveries of records never committed), re-deliveries reported, committed offsets at the end.
// Session timeout and heartbeat are the runtime's defaults (ADR 0010).
import type { ConsumerConfig } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import type { KafkaClient } from '../../src/kafka/client';
import { DEFAULT_SESSION_TIMEOUT_MS } from '../../src/kafka/consumer-runner';
import type { InboundMessage } from '../../src/kafka/handler';
import { createGroupConsumer, type GroupConsumer } from '../../src/retry-dlq/group-consumer';
import { retryDlqTopics } from '../../src/retry-dlq/topics';
import {
  createTopics,
  produceEvents,
  rig,
  sleep,
  testClient,
  testLogger,
  uniqueName,
  waitFor,
  type Rig,
  type TestEvent,
} from './support';
import {
  committedOffsets,
  topicEnds,
  waitCaughtUp,
  withAdmin,
  withRetryTiers,
} from '../../../../test/support/caught-up';
import { cleanupAfterEach } from '../../../../test/support/cleanup';

const cleanup = cleanupAfterEach();

type Member = 'A' | 'B';
type Event =
  | { kind: 'start' | 'done'; member: Member; key: string; partition: number; offset: bigint }
  | { kind: 'commit'; member: Member; partition: number; offset: bigint };

const PARTITIONS = 4;

/** Record every successful commit of `groupId` made through `client` (KafkaJS COMMIT_OFFSETS events). */
function recordCommits(client: KafkaClient, groupId: string, member: Member, events: Event[]): void {
  const kafka = client.kafka;
  const original = kafka.consumer.bind(kafka);
  kafka.consumer = (config: ConsumerConfig) => {
    const consumer = original(config);
    if (config.groupId === groupId) {
      consumer.on(consumer.events.COMMIT_OFFSETS, (e) => {
        for (const t of e.payload.topics)
          for (const p of t.partitions)
            events.push({ kind: 'commit', member, partition: p.partition, offset: BigInt(p.offset) });
      });
    }
    return consumer;
  };
}

interface Scenario {
  /** Handler time for a record (a slow downstream call). */
  delayMs(offset: bigint): number;
  rebalanceDrainMs?: number;
}

interface Outcome {
  total: number;
  handled: number;
  distinct: number;
  missing: number;
  redeliveries: number;
  redeliveredCommitted: number;
  backwards: number;
  backwardsNotRedelivery: number;
  firstOutOfOrder: number;
  overlaps: number;
  aInFlightAtJoin: number;
  aRejoined: boolean;
  handledByB: number;
  crashes: number;
  committedAtEnd: boolean;
}

async function runScenario(name: string, scenario: Scenario): Promise<Outcome> {
  const topic = uniqueName('it.rebalance');
  const group = uniqueName('it.rebalance.g');
  const keys = 40;
  const perKey = 30;
  const total = keys * perKey;
  const r: Rig = await rig(topic, PARTITIONS);
  cleanup.push(() => r.close());
  await createTopics(r.client, retryDlqTopics(group, 1));
  await produceEvents(r, topic, keys, perKey);
  const ends = await withAdmin(r.client, (admin) => topicEnds(admin, topic));
  expect([...ends.values()].every((high) => high > 0n)).toBe(true); // keys spread over all 4 partitions
  expect([...ends.values()].reduce((a, b) => a + b, 0n)).toBe(BigInt(total));

  const events: Event[] = [];
  const running = new Map<string, Member>(); // key → member running a handler for it
  const inFlight: Record<Member, number> = { A: 0, B: 0 };
  let overlaps = 0;
  const handlerFor =
    (member: Member) =>
    async (m: InboundMessage<TestEvent>): Promise<{ outcome: 'ack' }> => {
      const key = m.key as string;
      const base = { member, key, partition: m.partition, offset: BigInt(m.offset) };
      if (running.has(key)) overlaps += 1;
      running.set(key, member);
      inFlight[member] += 1;
      events.push({ kind: 'start', ...base });
      await sleep(scenario.delayMs(base.offset));
      events.push({ kind: 'done', ...base });
      inFlight[member] -= 1;
      running.delete(key);
      return { outcome: 'ack' };
    };

  const startMember = async (member: Member): Promise<GroupConsumer> => {
    const client = testClient(`rebalance-${member}`);
    recordCommits(client, group, member, events);
    const consumer = createGroupConsumer({
      client,
      service: 'test',
      groupId: group,
      topics: [topic],
      handler: handlerFor(member),
      serde: r.serde,
      producer: r.producer,
      logger: testLogger(),
      maxInFlight: 4,
      commitIntervalMs: 500,
      ...(scenario.rebalanceDrainMs !== undefined ? { rebalanceDrainMs: scenario.rebalanceDrainMs } : {}),
      tierDelaysMs: [200],
    });
    cleanup.push(() => consumer.stop());
    await consumer.start();
    return consumer;
  };
  const done = (member?: Member) =>
    events.filter((e) => e.kind === 'done' && (member === undefined || e.member === member)).length;

  const a = await startMember('A');
  await waitFor(() => done('A') >= total * 0.15, 60_000, 'A to handle 15 %');
  const aInFlightAtJoin = inFlight.A;
  const aJoinsBefore = a.main.stats().groupJoins;
  const bJoinAt = Date.now();
  const b = await startMember('B');
  await waitFor(() => done('B') >= 1, 60_000, 'B to get partitions');
  const handOverMs = Date.now() - bJoinAt;
  await waitFor(() => done('B') >= 50, 60_000, 'B to handle 50');
  const aRejoined = a.main.stats().groupJoins > aJoinsBefore;
  const handledByABeforeLeave = done('A');
  const aInFlightAtLeave = inFlight.A;
  await a.stop(); // graceful: in-flight work finishes, the finished prefix is committed, A leaves
  await waitFor(() => new Set(doneIds(events)).size >= total, 90_000, `${total} distinct records handled`);
  // The end marker: committed at the end of every partition, and no handler of either member still running
  // (a run A abandoned at its drain deadline included), so a re-delivery would already be in `events`.
  await waitCaughtUp(r.client, withRetryTiers(group, [topic], 1), { timeoutMs: 20_000 });
  await waitFor(() => inFlight.A + inFlight.B === 0, 20_000, 'no handler running');
  await b.stop();
  const committed = await withAdmin(r.client, (admin) => committedOffsets(admin, group, topic));

  // Nothing lost: every produced record handled at least once.
  const ids = doneIds(events);
  const distinct = new Set(ids);
  let missing = 0;
  for (const [p, high] of ends) for (let o = 0n; o < high; o += 1n) if (!distinct.has(`${p}:${o}`)) missing += 1;

  // Re-deliveries only for records that were not committed when they were started again; per-key order:
  // a key's handled offsets go backwards only on such a re-delivery.
  const committedAt = new Map<number, { offset: bigint; by: Member; at: number }>();
  const redeliveredCommittedRuns: string[] = [];
  const committedWhenStarted = new Map<string, bigint>();
  const seen = new Set<string>();
  const lastOffsetOfKey = new Map<string, bigint>();
  let redeliveries = 0;
  let redeliveredCommitted = 0;
  let backwards = 0;
  let backwardsNotRedelivery = 0;
  const committedWhenStartedBy = new Map<string, string>();
  for (const [i, e] of events.entries()) {
    if (e.kind === 'commit') {
      committedAt.set(e.partition, { offset: e.offset, by: e.member, at: i });
      continue;
    }
    const run = `${e.member}:${e.partition}:${e.offset}`;
    if (e.kind === 'start') {
      const c = committedAt.get(e.partition);
      committedWhenStarted.set(run, c?.offset ?? -1n);
      if (c) committedWhenStartedBy.set(run, `${c.offset} by ${c.by} (event ${c.at}, start event ${i})`);
      continue;
    }
    const rec = `${e.partition}:${e.offset}`;
    const again = seen.has(rec);
    seen.add(rec);
    const wasCommitted = (committedWhenStarted.get(run) ?? -1n) > e.offset;
    if (again) {
      redeliveries += 1;
      if (wasCommitted) {
        redeliveredCommitted += 1;
        redeliveredCommittedRuns.push(`${run} started with committed ${committedWhenStartedBy.get(run) ?? '?'}`);
      }
    }
    const last = lastOffsetOfKey.get(e.key);
    if (last !== undefined && e.offset <= last) {
      backwards += 1;
      if (!again || wasCommitted) backwardsNotRedelivery += 1;
    }
    lastOffsetOfKey.set(e.key, e.offset);
  }

  // Per key, the first handling of every record is in offset order (the order promise itself).
  const firstByKey = new Map<string, bigint[]>();
  const firstSeen = new Set<string>();
  for (const e of events) {
    if (e.kind !== 'done' || firstSeen.has(`${e.partition}:${e.offset}`)) continue;
    firstSeen.add(`${e.partition}:${e.offset}`);
    firstByKey.set(e.key, [...(firstByKey.get(e.key) ?? []), e.offset]);
  }
  let firstOutOfOrder = 0;
  for (const list of firstByKey.values())
    for (let i = 1; i < list.length; i += 1) if ((list[i] ?? 0n) <= (list[i - 1] ?? 0n)) firstOutOfOrder += 1;

  const outcome: Outcome = {
    total,
    handled: ids.length,
    distinct: distinct.size,
    missing,
    redeliveries,
    redeliveredCommitted,
    backwards,
    backwardsNotRedelivery,
    firstOutOfOrder,
    overlaps,
    aInFlightAtJoin,
    aRejoined,
    handledByB: done('B'),
    crashes: a.main.stats().crashes + b.main.stats().crashes,
    committedAtEnd: [...ends].every(([p, high]) => committed.get(p) === high),
  };
  console.log(
    `rebalance (${name}): ${total} records on ${PARTITIONS} partitions, handled ${ids.length} (distinct ${distinct.size}, ` +
      `missing ${missing}), re-deliveries ${redeliveries} (of committed records ${redeliveredCommitted}), key steps ` +
      `backwards ${backwards} (not an uncommitted re-delivery ${backwardsNotRedelivery}), first-handling order breaks ` +
      `${firstOutOfOrder}, same-key overlaps across members ${overlaps}; A in flight at B's join ${aInFlightAtJoin}, ` +
      `at A's leave ${aInFlightAtLeave}; B's first record ${handOverMs} ms after it started; handled by A ` +
      `${done('A')} (${handledByABeforeLeave} before leaving), by B ${done('B')}; committed at end ${outcome.committedAtEnd}` +
      (redeliveredCommittedRuns.length > 0
        ? `; committed records run again: ${redeliveredCommittedRuns.join('; ')}`
        : ''),
  );
  return outcome;
}

const expectNothingLostAndKeyOrder = (o: Outcome): void => {
  expect(o.aInFlightAtJoin).toBeGreaterThan(0); // the rebalance revoked partitions with work in flight
  expect(o.aRejoined).toBe(true);
  expect(o.handledByB).toBeGreaterThan(0);
  expect(o.missing).toBe(0);
  expect(o.distinct).toBe(o.total);
  expect(o.redeliveredCommitted).toBe(0);
  expect(o.backwardsNotRedelivery).toBe(0);
  expect(o.firstOutOfOrder).toBe(0);
  expect(o.crashes).toBe(0);
  expect(o.committedAtEnd).toBe(true);
};

describe('consumer runner: rebalance with two members', () => {
  it('in-flight work finishes within the drain window: nothing lost, per-key order kept, no key on both members', async () => {
    const o = await runScenario('drain', { delayMs: () => 40 + Math.random() * 80 });
    expectNothingLostAndKeyOrder(o);
    expect(o.overlaps).toBe(0); // A finished its in-flight work before B got the partitions
    expect(o.handled - o.distinct).toBe(o.redeliveries);
  }, 180_000);

  it('handlers slower than the drain window are handed back: nothing lost, duplicates only for uncommitted records', async () => {
    // every 7th record takes 1.5 s; A may drain for only 300 ms, then hands the rest back uncommitted
    const o = await runScenario('hand-back', {
      delayMs: (offset) => (offset % 7n === 3n ? 1500 : 30 + Math.random() * 40),
      rebalanceDrainMs: 300,
    });
    expectNothingLostAndKeyOrder(o);
    expect(o.handled - o.distinct).toBe(o.redeliveries);
  }, 180_000);
});

describe('consumer runner: a member that loses its session', () => {
  it('a handler hung past maxHandlerMs: the member starts nothing more, the new owner takes over, nothing committed runs again', async () => {
    const topic = uniqueName('it.session');
    const group = uniqueName('it.session.g');
    const r = await rig(topic, 2);
    cleanup.push(() => r.close());
    await createTopics(r.client, retryDlqTopics(group, 1));
    await produceEvents(r, topic, 20, 10);
    const ends = await withAdmin(r.client, (admin) => topicEnds(admin, topic));
    const total = Number([...ends.values()].reduce((a, b) => a + b, 0n));

    // A hangs on one record for longer than maxHandlerMs + the session timeout: it stops heartbeating, the
    // group gives both partitions to B, and the hung key's later records must not run on A afterwards.
    const hangMs = 1500 + DEFAULT_SESSION_TIMEOUT_MS + 3500;
    const events: Event[] = [];
    let hung: { partition: number; offset: bigint; key: string } | undefined;
    let running = 0;
    const handlerFor =
      (member: Member) =>
      async (m: InboundMessage<TestEvent>): Promise<{ outcome: 'ack' }> => {
        const base = { member, key: m.key as string, partition: m.partition, offset: BigInt(m.offset) };
        running += 1;
        events.push({ kind: 'start', ...base });
        if (member === 'A' && hung === undefined && base.offset >= 10n) {
          hung = base;
          await sleep(hangMs);
        } else await sleep(member === 'A' ? 20 : 5);
        events.push({ kind: 'done', ...base });
        running -= 1;
        return { outcome: 'ack' };
      };
    const startMember = async (member: Member, extra: { maxHandlerMs?: number }): Promise<GroupConsumer> => {
      const client = testClient(`session-${member}`);
      recordCommits(client, group, member, events);
      const consumer = createGroupConsumer({
        client,
        service: 'test',
        groupId: group,
        topics: [topic],
        handler: handlerFor(member),
        serde: r.serde,
        producer: r.producer,
        logger: testLogger(),
        maxInFlight: 4,
        commitIntervalMs: 300,
        tierDelaysMs: [200],
        ...extra,
      });
      cleanup.push(() => consumer.stop());
      await consumer.start();
      return consumer;
    };

    const a = await startMember('A', { maxHandlerMs: 1500 });
    await waitFor(() => hung !== undefined, 30_000, 'A to start the record it hangs on');
    const b = await startMember('B', {});
    await waitFor(() => new Set(doneIds(events)).size >= total, 60_000, `${total} distinct records handled`);
    await waitFor(
      () => events.some((e) => e.kind === 'done' && e.member === 'A' && e.offset === hung?.offset),
      30_000,
      'the hung handler to end',
    );
    await waitCaughtUp(r.client, withRetryTiers(group, [topic], 1), { timeoutMs: 30_000 });
    await waitFor(() => running === 0, 20_000, 'no handler running');
    // A learns it lost its session (its commit is refused), hands the batch back and joins again.
    await waitFor(() => a.main.stats().groupJoins >= 2, 30_000, 'A to join the group again');
    const aJoins = a.main.stats().groupJoins;
    await a.stop();
    await b.stop();
    const committed = await withAdmin(r.client, (admin) => committedOffsets(admin, group, topic));

    // A start of a record the group had already committed past (by either member) is work done twice.
    const committedAt = new Map<number, bigint>();
    const committedRunAgain: string[] = [];
    for (const e of events) {
      if (e.kind === 'commit') committedAt.set(e.partition, e.offset);
      else if (e.kind === 'start' && (committedAt.get(e.partition) ?? -1n) > e.offset)
        committedRunAgain.push(`${e.member}:${e.partition}:${e.offset}`);
    }
    const hungKeyOnA = events.filter(
      (e) => e.kind === 'start' && e.member === 'A' && e.key === hung?.key && e.offset > (hung?.offset ?? 0n),
    ).length;
    const distinct = new Set(doneIds(events)).size;
    const byB = events.filter((e) => e.kind === 'done' && e.member === 'B').length;
    console.log(
      `session loss: ${total} records on 2 partitions, hung ${hangMs} ms on A at ${hung?.partition}:${hung?.offset}; ` +
        `distinct handled ${distinct}, by B ${byB}; committed records started again ${committedRunAgain.length}` +
        `${committedRunAgain.length > 0 ? ` (${committedRunAgain.slice(0, 10).join(', ')})` : ''}; ` +
        `later records of the hung key started on A ${hungKeyOnA}; A's group joins ${aJoins}; crashes ` +
        `${a.main.stats().crashes + b.main.stats().crashes}`,
    );
    expect(distinct).toBe(total);
    expect(byB).toBeGreaterThan(0);
    expect(committedRunAgain).toEqual([]);
    expect([...ends].every(([p, high]) => committed.get(p) === high)).toBe(true);
  }, 180_000);
});

function doneIds(events: Event[]): string[] {
  return events.filter((e) => e.kind === 'done').map((e) => `${e.partition}:${e.offset}`);
}
