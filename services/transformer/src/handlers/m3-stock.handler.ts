// cdc.m3.stock.v1 → SetSourceItem on cmd.magento.source-item.v1, keyed sku@source. Balances of a warehouse
// that is not in table sourceByWarehouse are not for the store: skipped (counted as `skipped`; the warehouse
// itself is reported once by its warehouse record). No emitted log here: the poller sends a balance only when
// it changed, and magento-writer's version guard drops a repeat, so a state write per change would only
// double the broker's work on the busiest flow.
import type { Handler, HandlerResult, Metrics } from '@m3mage/runtime';
import type { Balance, Change } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { commandRecord, type Send } from '../commands/command';
import { sourceItemMapping } from '../mappings/source-item.mapping';
import { sourceByWarehouse } from '../mappings/tables/sources';
import { ACK, unmappable } from './outcomes';

export interface M3StockDeps {
  send: Send;
  now: () => number;
  metrics?: Pick<Metrics, 'messagesTotal' | 'service'>;
}

export function m3StockHandler(deps: M3StockDeps): Handler<Change<Balance>> {
  return async (msg): Promise<HandlerResult> => {
    const change = msg.value;
    const balance = change?.after;
    if (!change || change.op === 'd' || !balance) return ACK;
    if (!Object.hasOwn(sourceByWarehouse.entries, balance.whlo.trim())) {
      deps.metrics?.messagesTotal.inc({ service: deps.metrics.service, topic: msg.topic, outcome: 'skipped' });
      return ACK;
    }
    const result = sourceItemMapping.map(balance);
    if (!result.ok)
      return unmappable(`M3 balance ${balance.itno}@${balance.whlo}`, sourceItemMapping.info.name, result.problems);
    const item = result.value;
    const key = `${item.sku}@${item.sourceCode}`;
    await deps.send(
      commandRecord(
        {
          topic: TOPIC.cmdMagentoSourceItem,
          type: 'SetSourceItem',
          key,
          idempotencyKey: `source-item:${key}:${item.m3Version}`,
          version: item.m3Version,
          body: { ...item, m3ChangedAt: change.source.occurredAt },
        },
        change.source,
        deps.now,
      ),
    );
    return ACK;
  };
}
