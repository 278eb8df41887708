// `replay --shadow`: the change records of the window through the transformer's handlers in-process
// (run.ts), compared with the commands the live pipeline produced for them (live-commands.ts, diff.ts).
// No record is produced, no external system is called, no consumer group is touched.
import type { TopicRecord } from '../read';
import type { ReplaySession } from '../session';
import { countDiff, diffShadow, type DiffCounts, type KeyReport } from './diff';
import {
  createCustomerIndex,
  createOrderIndex,
  lookupsNeeded,
  transformerHandler,
  type HandlerFactory,
  type ShadowLookups,
} from './handlers';
import { readLiveCommands } from './live-commands';
import { runShadow } from './run';
import { TOPIC } from '@m3mage/topics/catalogue';

export interface ShadowReport {
  reports: KeyReport[];
  counts: DiffCounts;
}

export interface ShadowOptions {
  /** Another handler than the transformer's (a mapping variant to preview). */
  handler?: HandlerFactory;
  marginMs?: number;
  now?: () => number;
}

async function lookups(session: Pick<ReplaySession, 'table'>, topic: string): Promise<ShadowLookups> {
  const need = lookupsNeeded(topic);
  const orders = createOrderIndex();
  const customers = createCustomerIndex();
  if (need.orders) await session.table(TOPIC.xrefOrder, (v) => orders.accept(v));
  if (need.customers) await session.table(TOPIC.xrefCustomer, (v) => customers.accept(v));
  return { orders, customers };
}

export async function shadowReplay(
  session: ReplaySession,
  topic: string,
  window: { from: number; to: number },
  records: readonly TopicRecord[],
  opts: ShadowOptions = {},
): Promise<ShadowReport> {
  const outcomes = await runShadow(
    {
      topic,
      handler: opts.handler ?? transformerHandler,
      lookups: await lookups(session, topic),
      decode: (bytes) => session.serde.decode(bytes),
      roundTrip: async (t, value) => session.serde.decode(await session.serde.encode(session.name(t), value)),
      now: opts.now ?? Date.now,
    },
    records,
  );
  const live = await readLiveCommands(session, window, opts.marginMs !== undefined ? { marginMs: opts.marginMs } : {});
  const reports = diffShadow(outcomes, live);
  return { reports, counts: countDiff(records.length, reports) };
}
