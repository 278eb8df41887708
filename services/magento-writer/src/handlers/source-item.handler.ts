// cmd.magento.source-item.v1 → the quantity and status of a product at an MSI source, newest M3 change
// first: a command whose m3Version is not above the last applied for `source-item:<sku>@<source>`
// (state.magento-writer.inventory.v1, the runtime's version guard) is stale or a repeat and is acked without
// a call. An admitted one joins the process's batch (source-item-batch.ts) and its version is recorded only
// once Magento saved it; a refused item is dead-lettered with Magento's reason, a failed batch retried.
// A quantity or status Magento would refuse is dead-lettered here, before it could fail a batch.
import {
  AppError,
  type Handler,
  type HandlerResult,
  type Logger,
  type Metrics,
  type VersionGuard,
} from '@m3mage/runtime';
import type { SetSourceItem } from '@m3mage/schemas/types';
import type { SourceItemBody } from '../clients/inventory.client';
import { m3Version } from './m3-version';
import type { SourceItemBatch } from './source-item-batch';

export interface SourceItemDeps {
  batch: Pick<SourceItemBatch, 'save'>;
  versions: VersionGuard<bigint>;
  logger: Logger;
  /** pipeline_messages_total{outcome="skipped"}: stale and repeated commands (acked without a call);
   * pipeline_last_applied_change_timestamp_seconds{entity="stock", scope=<source>}: the freshness per source. */
  metrics?: Pick<Metrics, 'messagesTotal' | 'service' | 'lastAppliedChange'>;
}

export type SourceItemOutcome = 'saved' | 'stale' | 'duplicate';

/** The source item of a command, or why Magento could not take it. */
export function sourceItemBody(cmd: SetSourceItem): SourceItemBody {
  const quantity = Number(cmd.quantity);
  const problem = !/^-?\d+(\.\d+)?$/.test(cmd.quantity.trim())
    ? `quantity "${cmd.quantity}" is not a decimal number`
    : cmd.status !== 0 && cmd.status !== 1
      ? `status ${cmd.status} is neither 1 (in stock) nor 0 (out of stock)`
      : undefined;
  if (problem)
    throw new AppError('VALIDATION', `source item ${cmd.sku}@${cmd.sourceCode}: ${problem}`, {
      details: { sku: cmd.sku, sourceCode: cmd.sourceCode, m3Version: cmd.m3Version },
    });
  return { sku: cmd.sku, source_code: cmd.sourceCode, quantity, status: cmd.status };
}

export function sourceItemHandler(deps: SourceItemDeps): Handler<SetSourceItem> {
  const log = deps.logger.child({ component: 'source-item' });
  // The newest M3 change time applied per source only moves forward (a late older change does not rewind it).
  const newest = new Map<string, number>();
  const appliedAt = (metrics: Pick<Metrics, 'lastAppliedChange'>, source: string, changedAtMs: number): void => {
    const at = changedAtMs / 1000;
    if ((newest.get(source) ?? 0) >= at) return;
    newest.set(source, at);
    metrics.lastAppliedChange.set({ entity: 'stock', scope: source }, at);
  };

  return async (msg): Promise<HandlerResult> => {
    const cmd = msg.value;
    if (!cmd) return { outcome: 'ack' };
    const item = sourceItemBody(cmd);
    const key = `${cmd.sku}@${cmd.sourceCode}`;
    const admitted = await deps.versions.admit(
      `source-item:${key}`,
      m3Version(cmd.m3Version, item),
      { eventId: cmd.meta.commandId, correlationId: key },
      () => deps.batch.save(item),
    );
    const outcome: SourceItemOutcome =
      admitted.verdict === 'new' || admitted.verdict === 'changed' ? 'saved' : admitted.verdict;
    if (outcome === 'saved' && deps.metrics) appliedAt(deps.metrics, cmd.sourceCode, cmd.m3ChangedAt);
    if (outcome !== 'saved' && deps.metrics)
      deps.metrics.messagesTotal.inc({ service: deps.metrics.service, topic: msg.topic, outcome: 'skipped' });
    log.debug(
      { sku: cmd.sku, sourceCode: cmd.sourceCode, m3Version: cmd.m3Version, outcome },
      `source item ${key}: ${outcome}`,
    );
    return { outcome: 'ack' };
  };
}
