// The inventory BOD (STOCK_BOD_NOUN, e.g. Sync.LS_ItemStock; layout assumed, see mappings/balance.mapping.ts) →
// cdc.m3.stock.v1: the stock poll's records (key ITNO@WHLO, m3mage.m3.Balance, header entity-version) under the
// poll's state keys (`stock:<ITNO>@<WHLO>` in the variation table), so BOD and poll can run side by side and
// the transformer and magento-writer cannot tell them apart.
// Version rule (one scale for both sources, epoch ms, newest wins downstream): a balance stamped (its
// LastModificationDateTime) before the last version produced for its key — by a BOD or by the poll — is stale
// (ION is not FIFO); one whose quantities are the last ones produced is skipped (a repeated BOD, or the poll
// was first); any other is produced with version max(stamp, last version + 1), so versions always rise and a
// second change within the same millisecond still gets its own. Every balance of a BOD is judged on its own.
// A BOD with a balance that cannot be read is refused whole (422, nothing produced) and dead-lettered once
// (m3-ion-ingest.dlq, keyed `stock:<ITNO>@<WHLO>` like the poll's, the BOD as received in the record).
import type { Bod } from '../bod/bod';
import type { BodHandler, IngestResult } from '../ingest';
import { mapBalances, UnmappableBalance, type BalanceBod } from '../mappings/balance.mapping';
import type { PolledChanges, StampedOutcome } from '../state/polled-changes';
import { balanceKey, balanceRecord } from './records';

export interface StockBodOptions {
  /** The noun (STOCK_BOD_NOUN); Sync and Show of it are taken. */
  noun: string;
  changes: PolledChanges;
  now: () => number;
}

type Judged = NonNullable<IngestResult['balances']>[number];

export function stockBodHandlers(o: StockBodOptions): Record<string, BodHandler> {
  async function offer(bod: Bod, b: BalanceBod): Promise<Judged> {
    const key = balanceKey(b.balance);
    const { reader: _r, ...quantities } = b.balance;
    let produced: number | undefined;
    const outcome: StampedOutcome = await o.changes.offerStamped(
      `stock:${key}`,
      b.op === 'd' ? { ...quantities, deleted: true } : quantities,
      b.modifiedAt,
      (version) => {
        produced = version;
        return balanceRecord({
          value: { ...b.balance, changeStamp: String(version) },
          at: b.modifiedAt,
          poller: 'ion',
          receivedAt: o.now(),
          pushed: {
            op: b.op,
            eventId: bod.bodId,
            headers: {
              'ingest-source': 'ion-bod',
              'ion-logical-id': bod.logicalId ?? '',
              ...(b.variationId ? { 'ion-variation-id': b.variationId } : {}),
            },
          },
        });
      },
    );
    return { document: `stock:${key}`, outcome, version: String(produced ?? b.modifiedAt) };
  }

  const handle: BodHandler = async (bod, xml) => {
    let balances: BalanceBod[];
    try {
      balances = mapBalances(bod);
    } catch (e) {
      if (e instanceof UnmappableBalance) {
        const key = `stock:${e.key}`;
        const ref = { BODID: bod.bodId, LogicalID: bod.logicalId ?? '', BOD: xml };
        const reader = `ION/${bod.verb}.${bod.noun}`;
        await o.changes.unreadable(key, ref, reader, e.message, key, `ion:${bod.verb}.${bod.noun}`);
      }
      throw e;
    }
    const judged = await Promise.all(balances.map((b) => offer(bod, b)));
    return {
      outcome: judged.some((j) => j.outcome === 'produced') ? 'produced' : 'stale',
      document: judged[0]?.document ?? `stock:(none)`,
      balances: judged,
    };
  };
  return { [`Sync${o.noun}`]: handle, [`Show${o.noun}`]: handle };
}
