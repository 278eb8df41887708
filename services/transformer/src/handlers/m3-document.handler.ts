// The shape every M3 → Magento handler shares: find the Magento order of the M3 document (its CUOR, else
// the xref.order.v1 index), map it, and send one MagentoOrderCommand keyed by the increment id.
import type { Handler, HandlerResult } from '@m3mage/runtime';
import { commandRecord, type Send } from '../commands/command';
import type { Mapping } from '../mappings/kit';
import type { ForMagentoOrder } from '../mappings/m3-document';
import type { Change } from '@m3mage/schemas/types';
import type { OrderIndex } from '../xref/order-index';
import { TOPIC } from '@m3mage/topics/catalogue';
import { ACK, notYet, unmappable } from './outcomes';

export interface M3DocumentDeps {
  send: Send;
  now: () => number;
  orders: Pick<OrderIndex, 'incrementIdOf'>;
}

export interface M3DocumentRoute<D extends { orno: string; cuor: string | null }, A> {
  /** e.g. "M3 delivery" */
  what: (doc: D) => string;
  /** Avro branch name of the action (m3mage.commands.ShipOrder …). */
  action: 'ShipOrder' | 'InvoiceOrder' | 'AddOrderComment';
  mapping: Mapping<ForMagentoOrder<D>, A>;
  idempotencyKey: (incrementId: string, doc: D, body: A) => string;
  /** false = nothing to tell Magento for this change (ack without a command). */
  relevant?: (change: Change<D>) => boolean;
}

export function incrementIdOf(
  doc: { orno: string; cuor: string | null },
  orders: M3DocumentDeps['orders'],
): string | undefined {
  const cuor = doc.cuor?.trim();
  return cuor ? cuor : orders.incrementIdOf(doc.orno);
}

export function m3DocumentHandler<D extends { orno: string; cuor: string | null }, A>(
  route: M3DocumentRoute<D, A>,
  deps: M3DocumentDeps,
): Handler<Change<D>> {
  return async (msg): Promise<HandlerResult> => {
    const change = msg.value;
    const doc = change?.after;
    if (!change || change.op === 'd' || !doc) return ACK;
    if (route.relevant && !route.relevant(change)) return ACK;
    const incrementId = incrementIdOf(doc, deps.orders);
    if (!incrementId) {
      return notYet(`${route.what(doc)}: M3 order ${doc.orno} has no CUOR and no xref.order.v1 entry yet`, {
        orno: doc.orno,
      });
    }
    const result = route.mapping.map({ incrementId, document: doc });
    if (!result.ok) return unmappable(route.what(doc), route.mapping.info.name, result.problems);
    await deps.send(
      commandRecord(
        {
          topic: TOPIC.cmdMagentoOrder,
          type: route.action,
          key: incrementId,
          idempotencyKey: route.idempotencyKey(incrementId, doc, result.value),
          body: { incrementId, action: { [`m3mage.commands.${route.action}`]: result.value } },
        },
        change.source,
        deps.now,
      ),
    );
    return ACK;
  };
}
