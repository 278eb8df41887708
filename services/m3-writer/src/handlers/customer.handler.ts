// cmd.m3.customer.v1 (UpsertCustomer) → the M3 customer (CRS610MI).
// - origin ORDER (no version): find the customer by e-mail and update it, or create it.
// - origin ACCOUNT (a Magento account change, versioned by its updated_at): newest wins per Magento customer
//   (state.m3-writer.customers.v1, key `customer:<magento id>`: an older or repeated command changes nothing,
//   so a replay or a late retry never overwrites newer data). Then:
//   - UPSERT: find (cross-reference, derived number, name + e-mail) and update only `updateFields` (the
//     fields Magento owns; M3's own are kept); create it from the template when missing and allowed (an
//     account without an address cannot be: CUA1 is mandatory in Add — a documented skip until it has one);
//     Magento's default shipping address is kept in the delivery address of the command (AddAddress, or
//     ChgAddress when it differs).
//   - DEACTIVATE (deleted in Magento): the M3 customer keeps its number and history and gets the status of
//     the command; a customer M3 never had is a documented skip.
//   - An account whose e-mail changed (its Magento id is cross-referenced under another e-mail): the M3
//     customer keeps its number, gets the new MAIL, and the new e-mail is cross-referenced — reported
//     (pipeline_identity_events_total{entity="customer",kind="email-changed"} and a log line with both
//     numbers, no personal data), never a second customer.
// The e-mail ⇄ CUNO cross-reference goes to xref.customer.v1.
import type { Handler, Logger, Metrics, VersionGuard } from '@m3mage/runtime';
import { contentHash } from '@m3mage/runtime';
import type { UpsertCustomer } from '@m3mage/schemas/types';
import type { CustomerClient } from '../clients/customer.client';
import type { CustomerResolver, ResolvedCustomer } from './customer-resolver';

export interface CustomerDeps {
  customers: CustomerResolver;
  client: Pick<CustomerClient, 'setStatus' | 'putAddress'>;
  /** Last applied account version per Magento customer. */
  versions: VersionGuard<bigint>;
  metrics: Pick<Metrics, 'identityEventsTotal'>;
  logger: Logger;
}

export type AccountOutcome =
  'created' | 'updated' | 'deactivated' | 'skipped-no-address' | 'skipped-not-in-m3' | 'stale' | 'duplicate';

export function customerHandler(deps: CustomerDeps): Handler<UpsertCustomer> {
  const log = deps.logger.child({ component: 'customer' });

  async function resolveAccount(cmd: UpsertCustomer): Promise<ResolvedCustomer | undefined> {
    const update = { update: cmd.updateFields };
    const id = cmd.customer.magentoCustomerId;
    if (id !== null && id !== undefined) {
      const previous = deps.customers.previousEmail(id, cmd.customer.email);
      // A deleted account is deactivated under the number M3 knows it by, whatever its e-mail was last.
      if (previous && cmd.action === 'DEACTIVATE') return { cuno: previous.cuno, how: 'xref' };
      if (previous) {
        deps.metrics.identityEventsTotal.inc({ entity: 'customer', kind: 'email-changed' });
        log.warn(
          { magentoCustomerId: id, cuno: previous.cuno },
          `Magento customer ${id} changed its e-mail: M3 customer ${previous.cuno} keeps its number and gets the new e-mail`,
        );
        return deps.customers.adopt(previous.cuno, cmd.customer, cmd.meta, {
          update: [...new Set([...cmd.updateFields, 'MAIL'])],
        });
      }
    }
    if (cmd.action === 'DEACTIVATE' || !cmd.createIfMissing) return deps.customers.find(cmd.customer, cmd.meta, update);
    return deps.customers.resolve(cmd.customer, cmd.meta, update);
  }

  async function applyAccount(cmd: UpsertCustomer): Promise<AccountOutcome> {
    if (cmd.action === 'DEACTIVATE') {
      const found = await resolveAccount({ ...cmd, updateFields: [] });
      if (!found) return 'skipped-not-in-m3';
      await deps.client.setStatus(found.cuno, cmd.deactivateStatus ?? '90');
      return 'deactivated';
    }
    const found = await resolveAccount(cmd);
    if (!found) return 'skipped-no-address';
    if (cmd.deliveryAddress) await deps.client.putAddress(found.cuno, cmd.deliveryAddress);
    return found.how === 'created' ? 'created' : 'updated';
  }

  return async (msg) => {
    const cmd = msg.value;
    if (cmd === null) return { outcome: 'ack' };
    if (cmd.origin !== 'ACCOUNT') {
      await deps.customers.resolve(cmd.customer, cmd.meta, { update: true });
      return { outcome: 'ack' };
    }
    const id = cmd.customer.magentoCustomerId ?? 'none';
    const { meta: _meta, ...content } = cmd;
    const admitted = await deps.versions.admit(
      `customer:${id}`,
      { value: BigInt(cmd.version ?? '0'), hash: contentHash(content) },
      { eventId: cmd.meta.commandId, correlationId: String(id) },
      () => applyAccount(cmd),
    );
    const outcome: AccountOutcome = admitted.result ?? (admitted.verdict === 'stale' ? 'stale' : 'duplicate');
    log.info({ magentoCustomerId: id, action: cmd.action, outcome }, `Magento customer ${id}: ${outcome}`);
    return { outcome: 'ack' };
  };
}
