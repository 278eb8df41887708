// The transformer's own handlers, run in-process for a shadow replay: for each change topic the handler the
// service routes it to (services/transformer/src/handlers/routes.ts, the table app.ts uses), with `send` captured instead of produced and an
// emitted log of its own per record (so each record shows what it maps to, not whether the live log let it
// through: diff.ts compares with what live sent for it or, when live sent nothing, before it). The xref
// indexes the M3 document and customer handlers look up are loaded read-only from the live xref topics.
import type { Handler, OutgoingRecord } from '@m3mage/runtime';
import { TOPIC } from '@m3mage/topics/catalogue';
import type { Send } from '../../../services/transformer/src/commands/command';
import { transformerHandlers } from '../../../services/transformer/src/handlers/routes';
import { memoryEmittedLog } from '../../../services/transformer/src/state/emitted-log';
import { createCustomerIndex, type CustomerIndex } from '../../../services/transformer/src/xref/customer-index';
import { createOrderIndex, type OrderIndex } from '../../../services/transformer/src/xref/order-index';

export { topology as transformerTopology } from '../../../services/transformer/src/app';

/** What the handlers look up: the live xref indexes (empty when the topic needs none). */
export interface ShadowLookups {
  orders: Pick<OrderIndex, 'incrementIdOf'>;
  customers: Pick<CustomerIndex, 'magentoIdOf'>;
}

export interface HandlerDeps extends ShadowLookups {
  send: Send;
  now: () => number;
}

/** Builds the handler of one change topic for one record (a fresh emitted log each time). */
export type HandlerFactory = (topic: string, deps: HandlerDeps) => Handler<unknown>;

export const transformerHandler: HandlerFactory = (topic, deps) => {
  const handler = transformerHandlers({ ...deps, emitted: memoryEmittedLog() })[topic];
  if (!handler) throw new Error(`the transformer does not consume ${topic}`);
  return handler;
};

/** The xref topics a change topic's handler looks up. */
export function lookupsNeeded(topic: string): { orders: boolean; customers: boolean } {
  const m3Documents: string[] = [TOPIC.cdcM3Shipment, TOPIC.cdcM3Invoice, TOPIC.cdcM3SalesOrder];
  return { orders: m3Documents.includes(topic), customers: topic === TOPIC.cdcM3Customer };
}

export const emptyLookups = (): ShadowLookups => ({ orders: createOrderIndex(), customers: createCustomerIndex() });
export { createCustomerIndex, createOrderIndex };

/** A `send` that keeps the records instead of producing them. */
export function capturingSend(): { send: Send; captured: OutgoingRecord[] } {
  const captured: OutgoingRecord[] = [];
  return { captured, send: async (r) => void captured.push(r) };
}
