// Fulfilment with ION delivering BODs shuffled, late and duplicated: every order of a confirmed burst is
// released, shipped and invoiced in M3 (control API); each must reach Magento as one shipment and one
// invoice, and its payment be posted once to M3's ledger.
import { runBurst, type ChaosContext, type Row } from '../burst';
import type { BodLogEntry } from '@m3mage/simulators/m3';
import { m3Control, m3OrderCount, magentoDocuments } from '../support';

const delivery = { outOfOrder: { window: 8, maxHoldMs: 300 }, lateMs: 200, duplicateRate: 0.5 };

export function fulfilmentShuffled(ctx: ChaosContext): Promise<Row> {
  const { sb } = ctx;
  const glBatches = (id: string): number =>
    [...sb.m3.state.glBatches.values()].filter((b) => b.DESC.includes(id)).length;
  const posted = (id: string): boolean =>
    [...sb.m3.state.glBatches.values()].some((b) => b.DESC.includes(id) && b.status === 'updated');
  let firstSeq = Infinity;
  /** From the simulator's BOD log: deliveries of a BODID already sent, and BODs sent after a later one. */
  const deliveries = async (): Promise<Record<string, number>> => {
    const sent = (await m3Control<BodLogEntry[]>(sb, 'GET', 'bods')).filter(
      (e) => e.seq >= firstSeq && e.status === 'delivered',
    );
    let highest = 0;
    let overtaken = 0;
    for (const e of [...sent].sort((a, b) => (a.deliveredAt ?? 0) - (b.deliveredAt ?? 0))) {
      if (e.seq < highest) overtaken += 1;
      highest = Math.max(highest, e.seq);
    }
    return { duplicateBods: sent.filter((e) => e.duplicate).length, overtaken };
  };
  return runBurst(ctx, {
    scenario: 'BODs shuffled + duplicated',
    timeoutMs: 600_000,
    fault: async (b) => {
      b.place();
      await b.reach('magento', b.ids.length);
      const counts = m3OrderCount(sb);
      firstSeq = Math.max(0, ...sb.m3.publisher.log().map((e) => e.seq)) + 1;
      await m3Control(sb, 'PUT', 'bods/delivery', delivery);
      for (const id of b.ids) {
        const orno = counts.get(id)![0]!;
        await m3Control(sb, 'POST', `orders/${orno}/release`);
        await m3Control(sb, 'POST', `orders/${orno}/ship`, { trackingNumbers: [`1Z${orno}`], carrier: 'UPS' });
        await m3Control(sb, 'POST', `orders/${orno}/invoice`);
      }
      return {};
    },
    evidence: deliveries,
    extra: {
      done: (id) => {
        const d = magentoDocuments(sb, id);
        return d.shipments > 0 && d.invoices > 0 && posted(id);
      },
      duplicates: (ids) =>
        ids.reduce((n, id) => {
          const d = magentoDocuments(sb, id);
          return n + Math.max(0, d.shipments - 1) + Math.max(0, d.invoices - 1) + Math.max(0, glBatches(id) - 1);
        }, 0),
    },
  }).finally(() => m3Control(sb, 'PUT', 'bods/delivery', {}));
}
