// cdc.magento.customer.v1 → UpsertCustomer on cmd.m3.customer.v1, keyed by the lower-case e-mail (the
// identity across systems; one M3 customer per e-mail, commands for it in order on one partition).
// - created or changed account: mapping customer-account (only the fields Magento owns are updated);
// - deleted account (op d, `before`): DEACTIVATE — M3 keeps the customer and its history and gets the status
//   of table customerAccounts; the tombstone that follows (personal data) is acknowledged, nothing is sent;
// - an account without e-mail is skipped (documented: Magento requires one, so only a broken payload has
//   none); one that cannot be mapped (an e-mail over M3's 50 characters, a name that does not fit) is
//   dead-lettered with the reasons.
// A command equal to the last one sent for the customer (emitted log, key `customer:<magento id>`) is not
// sent again, so an account save that changed nothing M3 holds costs no M3 call.
import { contentHash, type Handler, type HandlerResult, type Logger } from '@m3mage/runtime';
import type { Change, Customer } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { commandRecord, type Send } from '../commands/command';
import { customerAccountMapping, type CustomerAccountBody } from '../mappings/customer-account.mapping';
import { customerAccounts } from '../mappings/tables/customer-accounts';
import type { EmittedLog } from '../state/emitted-log';
import { ACK, unmappable } from './outcomes';

export interface MagentoCustomerDeps {
  send: Send;
  now: () => number;
  emitted: Pick<EmittedLog, 'commands'>;
  logger?: Logger;
}

export function magentoCustomerHandler(deps: MagentoCustomerDeps): Handler<Change<Customer>> {
  const log = deps.logger?.child({ component: 'magento-customer' });
  return async (msg): Promise<HandlerResult> => {
    const change = msg.value;
    if (!change) return ACK; // the tombstone after a delete
    const deleted = change.op === 'd';
    const customer = deleted ? change.before : change.after;
    if (!customer) return ACK;
    if (!customer.email?.trim()) {
      log?.warn({ customerId: customer.id }, `Magento customer ${customer.id} has no e-mail: skipped`);
      return ACK;
    }
    const result = customerAccountMapping.map(customer);
    if (!result.ok)
      return unmappable(`Magento customer ${customer.id}`, customerAccountMapping.info.name, result.problems);
    const body: CustomerAccountBody = deleted
      ? {
          ...result.value,
          action: 'DEACTIVATE',
          version: String(change.source.occurredAt),
          updateFields: ['STAT'],
          createIfMissing: false,
          deliveryAddress: null,
          deactivateStatus: customerAccounts.deactivateStatus,
        }
      : result.value;
    const key = body.customer.email;
    // What an update writes to M3, without the version and the create-only phone (M3 owns PHNO): an account
    // save that changed nothing Magento owns — e.g. the echo of our own write of M3's telephone — is not sent.
    const {
      version: _v,
      customer: { phno: _p, ...owned },
      ...rest
    } = body;
    const content = { ...rest, customer: owned };
    await deps.emitted.commands.admit(
      `customer:${customer.id}`,
      { value: contentHash(content) },
      { eventId: change.source.eventId, correlationId: key },
      () =>
        deps.send(
          commandRecord(
            {
              topic: TOPIC.cmdM3Customer,
              type: 'UpsertCustomer',
              key,
              idempotencyKey: `customer:${customer.id}:${body.action}:${body.version ?? ''}`,
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
