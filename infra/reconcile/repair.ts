// The repair of a drifted key is the command the pipeline itself would send for M3's current value: the
// transformer's own handler (m3-stock / m3-item) is run on a change record of that value and what it sends is
// taken, so mapping, key, idempotency key, meta and headers are exactly the pipeline's. Only the version is
// reconcile's: magento-writer drops a command whose m3Version is not above the one it last applied (or equal
// with the same content: a duplicate), and a drift made behind the pipeline's back leaves M3's stamp equal to
// what the writer applied — the repair would be dropped. So the repair carries
//   max(M3's own change stamp, the writer's last applied version + 1)
// read from the writer's version table: above what the writer applied, never above a later M3 change by
// more than that one step (every later change the ingest produces has a version above the one it produced
// before; at exactly +1 the guard's content hash tells a real change from the repair, so it is applied).
import type { Handler, OutgoingRecord } from '@m3mage/runtime';
import type { Balance, Change, Item } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { m3ItemHandler } from '../../services/transformer/src/handlers/m3-item.handler';
import { m3StockHandler } from '../../services/transformer/src/handlers/m3-stock.handler';
import type { EmittedLog } from '../../services/transformer/src/state/emitted-log';
import { balanceKey } from '../../services/m3-ion-ingest/src/stock/records';
import type { M3Balance } from './stock-compare';

/** The version of a repair: M3's stamp, or one above what the writer applied when that is not below it. */
export function repairVersion(m3Stamp: bigint | undefined, applied: bigint | undefined): bigint {
  const floor = applied === undefined ? 0n : applied + 1n;
  const stamp = m3Stamp ?? 0n;
  return stamp > floor ? stamp : floor;
}

export interface RepairContext {
  /** Names the run in every repair's event id (the causation id of its command). */
  runId: string;
  now: () => number;
  /** M3's stamp of the source record (ITNO@WHLO, ITNO). */
  stamp(m3Key: string): bigint | undefined;
  /** magento-writer's last applied version of a state key. */
  applied(stateKey: string): bigint | undefined;
}

/** Runs a transformer handler on one change and returns what it sent (none when it refused the change). */
async function sent<T>(
  handler: Handler<Change<T>>,
  topic: string,
  key: string,
  value: Change<T>,
  captured: OutgoingRecord[],
): Promise<OutgoingRecord | undefined> {
  const before = captured.length;
  await handler({ topic, partition: 0, offset: '0', key, value, headers: {}, attempt: 1 });
  return captured.length > before ? captured[captured.length - 1] : undefined;
}

const change = <T>(
  entity: string,
  id: string,
  after: T,
  version: bigint,
  at: number,
  ctx: RepairContext,
): Change<T> => ({
  op: 'u',
  before: null,
  after,
  source: {
    system: 'M3',
    entity,
    id,
    version: String(version),
    eventId: `reconcile:${ctx.runId}:${id}:${version}`,
    occurredAt: at,
    receivedAt: ctx.now(),
  },
  tsMs: ctx.now(),
});

const marked = (r: OutgoingRecord, ctx: RepairContext): OutgoingRecord => ({
  ...r,
  headers: { ...r.headers, 'reconcile-run': ctx.runId },
});

/** SetSourceItem commands for these balances (keyed sku@source by the mapping). */
export async function stockRepairs(balances: readonly M3Balance[], ctx: RepairContext): Promise<OutgoingRecord[]> {
  const captured: OutgoingRecord[] = [];
  const handler = m3StockHandler({ send: async (r) => captured.push(r), now: ctx.now });
  const out: OutgoingRecord[] = [];
  for (const b of balances) {
    const m3Key = balanceKey(b);
    // The writer's state key is the command's (sku@source): known only after mapping, so judged in two steps.
    const probe = await sent(
      handler,
      TOPIC.cdcM3Stock,
      m3Key,
      change('stock', m3Key, { ...b, changeStamp: '0' }, 0n, ctx.now(), ctx),
      captured,
    );
    if (!probe?.key) continue;
    const stamp = ctx.stamp(m3Key);
    const version = repairVersion(stamp, ctx.applied(`source-item:${probe.key}`));
    const at = stamp !== undefined && stamp < BigInt(ctx.now()) ? Number(stamp) : ctx.now();
    const value = change<Balance>('stock', m3Key, { ...b, changeStamp: String(version) }, version, at, ctx);
    const record = await sent(handler, TOPIC.cdcM3Stock, m3Key, value, captured);
    if (record) out.push(marked(record, ctx));
  }
  return out;
}

/** Every command admitted: the emitted log's "same as last sent" is the pipeline's, not a repair's. */
const admitAll: Pick<EmittedLog, 'commands'> = {
  commands: {
    known: () => undefined,
    judge: () => 'new',
    admit: async (_key, _candidate, _source, apply) => ({ verdict: 'new', result: await apply('new', undefined) }),
  },
};

/** UpsertProduct commands for these items (keyed by sku). */
export async function productRepairs(items: readonly Item[], ctx: RepairContext): Promise<OutgoingRecord[]> {
  const captured: OutgoingRecord[] = [];
  const handler = m3ItemHandler({ send: async (r) => captured.push(r), now: ctx.now, emitted: admitAll });
  const out: OutgoingRecord[] = [];
  for (const item of items) {
    const probe = await sent(
      handler,
      TOPIC.cdcM3Item,
      item.itno,
      change('item', item.itno, item, 0n, ctx.now(), ctx),
      captured,
    );
    if (!probe?.key) continue;
    const version = repairVersion(ctx.stamp(item.itno), ctx.applied(`product:${probe.key}`));
    const value = change<Item>(
      'item',
      item.itno,
      { ...item, changeStamp: String(version) },
      version,
      item.changedAt,
      ctx,
    );
    const record = await sent(handler, TOPIC.cdcM3Item, item.itno, value, captured);
    if (record) out.push(marked(record, ctx));
  }
  return out;
}
