// cdc.m3.warehouse.v1 → UpsertSource on cmd.magento.source.v1, keyed by source code. A warehouse not in
// table sourceByWarehouse cannot be mapped: its record is dead-lettered (the poller sends a warehouse only
// when it changed, so this reports each unmapped warehouse once). A command equal to the last one sent
// (emitted log, key `source:<code>`) is not sent again.
import { contentHash, type Handler, type HandlerResult } from '@m3mage/runtime';
import type { Change, Warehouse } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { commandRecord, type Send } from '../commands/command';
import { sourceMapping } from '../mappings/source.mapping';
import type { EmittedLog } from '../state/emitted-log';
import { ACK, unmappable } from './outcomes';

export interface M3WarehouseDeps {
  send: Send;
  now: () => number;
  emitted: Pick<EmittedLog, 'commands'>;
}

export function m3WarehouseHandler(deps: M3WarehouseDeps): Handler<Change<Warehouse>> {
  return async (msg): Promise<HandlerResult> => {
    const change = msg.value;
    const warehouse = change?.after;
    // A warehouse gone from M3 is not propagated: Magento sources cannot be deleted, only disabled, by people.
    if (!change || change.op === 'd' || !warehouse) return ACK;
    const result = sourceMapping.map(warehouse);
    if (!result.ok) return unmappable(`M3 warehouse ${warehouse.whlo}`, sourceMapping.info.name, result.problems);
    const source = result.value;
    await deps.emitted.commands.admit(
      `source:${source.sourceCode}`,
      { value: contentHash(source) },
      { eventId: change.source.eventId, correlationId: source.sourceCode },
      () =>
        deps.send(
          commandRecord(
            {
              topic: TOPIC.cmdMagentoSource,
              type: 'UpsertSource',
              key: source.sourceCode,
              idempotencyKey: `source:${source.sourceCode}:${source.m3Version}`,
              body: source,
            },
            change.source,
            deps.now,
          ),
        ),
    );
    return ACK;
  };
}
