// cdc.m3.item.v1 → UpsertProduct on cmd.magento.product.v1, keyed by sku. A command equal to the last one
// sent for the sku (the emitted log, key `product:<sku>`, content hash) is not sent again; newest-wins by
// M3's change stamp is magento-writer's (it knows what Magento has). An item deleted in M3 (op d) is not
// propagated: discontinuing is a status (80/90/99 → disabled), and Magento's product keeps its history.
// The change record's `ingest-source` header goes on with the command (`backfill` for infra/backfill's
// snapshot rows): magento-writer writes those through Magento's async bulk API.
import { contentHash, type Handler, type HandlerResult } from '@m3mage/runtime';
import type { Change, Item } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { carriedHeaders, commandRecord, type Send } from '../commands/command';
import { productMapping } from '../mappings/product.mapping';
import type { EmittedLog } from '../state/emitted-log';
import { ACK, unmappable } from './outcomes';

export interface M3ItemDeps {
  send: Send;
  now: () => number;
  emitted: Pick<EmittedLog, 'commands'>;
}

export function m3ItemHandler(deps: M3ItemDeps): Handler<Change<Item>> {
  return async (msg): Promise<HandlerResult> => {
    const change = msg.value;
    const item = change?.after;
    if (!change || change.op === 'd' || !item) return ACK;
    const result = productMapping.map(item);
    if (!result.ok) return unmappable(`M3 item ${item.itno}`, productMapping.info.name, result.problems);
    const product = result.value;
    const headers = carriedHeaders(msg.headers);
    await deps.emitted.commands.admit(
      `product:${product.sku}`,
      { value: contentHash(product) },
      { eventId: change.source.eventId, correlationId: product.sku },
      () =>
        deps.send(
          commandRecord(
            {
              topic: TOPIC.cmdMagentoProduct,
              type: 'UpsertProduct',
              key: product.sku,
              idempotencyKey: `product:${product.sku}:${product.m3Version}`,
              body: product,
              ...(headers ? { headers } : {}),
            },
            change.source,
            deps.now,
          ),
        ),
    );
    return ACK;
  };
}
