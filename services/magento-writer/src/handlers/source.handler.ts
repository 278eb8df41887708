// cmd.magento.source.v1 → the MSI source of an M3 warehouse, newest M3 change first: a command whose
// m3Version is not above the last applied for the source (`source:<code>` in state.magento-writer.inventory.v1,
// the runtime's version guard) is stale or a repeat and changes nothing. Then (source-ownership.ts):
// - no source yet: created (enabled, M3's name and address) and linked to each stock of `stockIds` after the
//   links the stock has;
// - a source: only the owned fields that differ are written (a PUT of the whole source as read), nothing
//   differing → no call; `enabled` is never written, nothing is unlinked or deleted. Until a first version of
//   the source is recorded, missing links to `stockIds` are added too, so a create whose link call failed is
//   finished by the retry.
// Magento 400 (e.g. a country Magento does not know) → DLQ with Magento's message; 5xx/timeouts → retry.
import type { Handler, HandlerResult, KnownVersion, Logger, VersionGuard } from '@m3mage/runtime';
import type { UpsertSource } from '@m3mage/schemas/types';
import type { InventoryClient, StockSourceLink } from '../clients/inventory.client';
import { m3Version } from './m3-version';
import { linksToAdd, newSourceBody, sourceChanges } from './source-ownership';

export interface SourceDeps {
  inventory: InventoryClient;
  versions: VersionGuard<bigint>;
  logger: Logger;
}

export type SourceOutcome = 'created' | 'updated' | 'linked' | 'unchanged' | 'stale' | 'duplicate';

export function sourceHandler(deps: SourceDeps): Handler<UpsertSource> {
  const log = deps.logger.child({ component: 'source' });
  const { inventory } = deps;

  /** Links the source to the stocks of the command it does not serve yet; how many links were added. */
  async function link(cmd: UpsertSource): Promise<number> {
    const existing = new Map<number, StockSourceLink[]>();
    for (const stockId of new Set(cmd.stockIds)) existing.set(stockId, await inventory.linksOfStock(stockId));
    const add = linksToAdd(cmd.sourceCode, cmd.stockIds, existing);
    if (add.length) await inventory.addLinks(add);
    return add.length;
  }

  async function apply(cmd: UpsertSource, known: KnownVersion<bigint> | undefined): Promise<SourceOutcome> {
    const current = await inventory.getSource(cmd.sourceCode);
    if (!current) {
      await inventory.createSource(newSourceBody(cmd));
      await link(cmd);
      return 'created';
    }
    const changes = sourceChanges(current, cmd);
    if (changes) await inventory.updateSource(current, changes);
    const linked = known ? 0 : await link(cmd);
    return changes ? 'updated' : linked ? 'linked' : 'unchanged';
  }

  return async (msg): Promise<HandlerResult> => {
    const cmd = msg.value;
    if (!cmd) return { outcome: 'ack' };
    const { meta: _meta, ...content } = cmd;
    const admitted = await deps.versions.admit(
      `source:${cmd.sourceCode}`,
      m3Version(cmd.m3Version, content),
      { eventId: cmd.meta.commandId, correlationId: cmd.sourceCode },
      (_verdict, known) => apply(cmd, known),
    );
    const outcome: SourceOutcome = admitted.result ?? (admitted.verdict === 'stale' ? 'stale' : 'duplicate');
    log.info({ sourceCode: cmd.sourceCode, m3Version: cmd.m3Version, outcome }, `source ${cmd.sourceCode}: ${outcome}`);
    return { outcome: 'ack' };
  };
}
