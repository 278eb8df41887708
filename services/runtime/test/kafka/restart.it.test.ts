// SIGTERM and kill -9 mid-batch, then restart, with the consumer in a child process.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { retryDlqTopics } from '../../src/retry-dlq/topics';
import {
  childConsumers,
  committedOffset,
  createTopics,
  handledOffsets,
  produceEvents,
  rig,
  uniqueName,
  waitFor,
} from './support';

const startChild = childConsumers();

async function scenario(signal: 'SIGTERM' | 'SIGKILL') {
  const total = 600;
  const topic = uniqueName(`it.restart.${signal.toLowerCase()}`);
  const group = uniqueName('it.restart.g');
  const r = await rig(topic, 1);
  await createTopics(r.client, retryDlqTopics(group, 1));
  await produceEvents(r, topic, 60, 10);
  const out = join(mkdtempSync(join(tmpdir(), 'm3mage-restart-')), 'handled.txt');
  const env = { TOPIC: topic, GROUP: group, OUT_FILE: out, SESSION_TIMEOUT_MS: '6000' };

  const first = startChild(env);
  await waitFor(() => handledOffsets(out).length >= 150, 60_000, '150 handled by the first process');
  first.child.kill(signal);
  const exit = await first.exited;
  const atKill = handledOffsets(out).length;
  const committed = Number(await committedOffset(r.client, group, topic));

  const second = startChild(env);
  await waitFor(() => new Set(handledOffsets(out)).size === total, 60_000, 'every offset handled after restart');
  await waitFor(async () => Number(await committedOffset(r.client, group, topic)) === total, 15_000, 'final commit');
  second.child.kill('SIGTERM');
  await second.exited;
  await r.close();

  const all = handledOffsets(out);
  const counts = new Map<number, number>();
  for (const o of all) counts.set(o, (counts.get(o) ?? 0) + 1);
  const twice = [...counts].filter(([, n]) => n > 1).map(([o]) => o);
  console.log(
    `${signal}: exit ${JSON.stringify(exit)}, handled before kill ${atKill}, committed at kill ${committed}, ` +
      `handled in total ${all.length}, distinct ${counts.size}/${total}, handled twice ${twice.length}` +
      (twice.length ? ` (offsets ${Math.min(...twice)}..${Math.max(...twice)})` : ''),
  );
  return { exit, committed, counts, twice, atKill, total };
}

describe('restart after SIGTERM and kill -9', () => {
  it('SIGTERM mid-batch: graceful exit, nothing lost, nothing handled twice', async () => {
    const s = await scenario('SIGTERM');
    expect(s.exit.code).toBe(0);
    expect(s.counts.size).toBe(s.total);
    expect(s.twice).toEqual([]);
    expect(s.committed).toBeGreaterThanOrEqual(s.atKill); // the commit covers everything handled
  });

  it('kill -9 mid-batch: nothing lost; only uncommitted records are handled again', async () => {
    const s = await scenario('SIGKILL');
    expect(s.exit.signal).toBe('SIGKILL');
    expect(s.counts.size).toBe(s.total);
    for (const o of s.twice) expect(o).toBeGreaterThanOrEqual(s.committed);
    for (let o = 0; o < s.committed; o += 1) expect(s.counts.get(o)).toBe(1);
  });
});
