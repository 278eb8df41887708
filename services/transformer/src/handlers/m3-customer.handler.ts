// cdc.m3.customer.v1 → UpdateMagentoCustomer on cmd.magento.customer.v1, keyed by Magento customer id.
// Only an M3 customer linked to a Magento account (xref.customer.v1: created or found by the integration for
// that account) is written; any other M3 customer (B2B, guests' orders) is no one's business in the store —
// acknowledged, counted as `skipped`. M3 customers are never deleted from the store.
// No ping-pong: the command carries only the fields M3 owns, and one equal to the last one sent for the
// account (emitted log, key `magento-customer:<id>`) is not sent again — so the change M3 publishes after
// our own write of Magento's fields (name, address, e-mail) sends nothing back.
import { contentHash, type Handler, type HandlerResult } from '@m3mage/runtime';
import type { Change, M3Customer } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { commandRecord, type Send } from '../commands/command';
import { m3CustomerMapping } from '../mappings/m3-customer.mapping';
import type { EmittedLog } from '../state/emitted-log';
import type { CustomerIndex } from '../xref/customer-index';
import { ACK, unmappable } from './outcomes';

export interface M3CustomerDeps {
  send: Send;
  now: () => number;
  emitted: Pick<EmittedLog, 'commands'>;
  customers: Pick<CustomerIndex, 'magentoIdOf'>;
}

export function m3CustomerHandler(deps: M3CustomerDeps): Handler<Change<M3Customer>> {
  return async (msg): Promise<HandlerResult> => {
    const change = msg.value;
    const customer = change?.after;
    if (!change || change.op === 'd' || !customer) return ACK;
    const magentoCustomerId = deps.customers.magentoIdOf(customer.cuno);
    if (magentoCustomerId === undefined) return ACK;
    const result = m3CustomerMapping.map({ customer, magentoCustomerId });
    if (!result.ok) return unmappable(`M3 customer ${customer.cuno}`, m3CustomerMapping.info.name, result.problems);
    const body = result.value;
    const { m3Version: _v, ...owned } = body;
    await deps.emitted.commands.admit(
      `magento-customer:${magentoCustomerId}`,
      { value: contentHash(owned) },
      { eventId: change.source.eventId, correlationId: String(magentoCustomerId) },
      () =>
        deps.send(
          commandRecord(
            {
              topic: TOPIC.cmdMagentoCustomer,
              type: 'UpdateMagentoCustomer',
              key: String(magentoCustomerId),
              idempotencyKey: `magento-customer:${magentoCustomerId}:${body.m3Version}`,
              body,
            },
            change.source,
            deps.now,
          ),
        ),
    );
    return ACK;
  };
}
