// One reconcile run of an entity: read both sides, compare (pure), and with --repair produce the repair of
// every key that drifted or is missing in Magento (repair.ts) onto the command topic, each acknowledged by
// the broker before the run ends.
import { TOPIC } from '@m3mage/topics/catalogue';
import { summaryOf, type Comparison } from './drift';
import type { M3Read, M3Side } from './m3';
import type { MagentoSide } from './magento';
import type { ReconcileOptions } from './options';
import { compareProducts } from './product-compare';
import { productRepairs, stockRepairs, type RepairContext } from './repair';
import type { RunReport } from './report';
import { WRITER_TABLE, type ReconcileSession } from './session';
import { compareStock } from './stock-compare';

export interface RunDeps {
  m3: M3Side;
  magento: MagentoSide;
  session: ReconcileSession;
  now: () => number;
  note: (text: string) => void;
}

function withUnreadable<R>(c: Comparison<R>, read: M3Read<unknown>): Comparison<R> {
  return { ...c, unmappable: [...read.unreadable, ...c.unmappable] };
}

export async function reconcileOnce(o: ReconcileOptions, deps: RunDeps): Promise<RunReport> {
  const started = deps.now();
  const runId = `${o.entity}-${started}`;
  const context = (read: M3Read<unknown>, table: string): RepairContext => ({
    runId,
    now: deps.now,
    stamp: (key) => read.stamps.get(key),
    applied: (key) => deps.session.applied(table, key),
  });
  let comparison: Comparison<unknown>;
  let repairs: RunReport['repairs'];
  if (o.entity === 'stock') {
    const [read, items] = await Promise.all([deps.m3.balances(), deps.magento.sourceItems(o.keys)]);
    const c = withUnreadable(compareStock(read.rows, items, o.keys), read);
    comparison = c;
    if (o.repair) {
      await deps.session.load(WRITER_TABLE.stock);
      const records = await stockRepairs([...c.repairs.values()], context(read, WRITER_TABLE.stock));
      for (const r of records) await deps.session.produce(r);
      repairs = { topic: TOPIC.cmdMagentoSourceItem, produced: records.length, keys: records.map((r) => r.key ?? '') };
    }
  } else {
    const [read, products] = await Promise.all([deps.m3.items(o.keys), deps.magento.products(o.keys)]);
    const c = withUnreadable(compareProducts(read.rows, products, o.keys), read);
    comparison = c;
    if (o.repair) {
      await deps.session.load(WRITER_TABLE.products);
      const records = await productRepairs([...c.repairs.values()], context(read, WRITER_TABLE.products));
      for (const r of records) await deps.session.produce(r);
      repairs = { topic: TOPIC.cmdMagentoProduct, produced: records.length, keys: records.map((r) => r.key ?? '') };
    }
  }
  return {
    entity: o.entity,
    summary: summaryOf(comparison),
    drifts: comparison.drifts,
    unmappable: comparison.unmappable,
    ...(repairs ? { repairs } : {}),
    elapsedMs: deps.now() - started,
  };
}
