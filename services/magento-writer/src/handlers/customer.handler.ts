// cmd.magento.customer.v1 (UpdateMagentoCustomer) → the Magento customer: the fields M3 owns, and nothing
// else (the customer ownership table: telephone of the default billing address ← PHNO, group_id ← CUTP).
// Newest M3 change first (state.magento-writer.customers.v1, key `customer:<id>`): an older or repeated
// command changes nothing. The customer is read, the owned fields compared, and only when one differs the
// whole customer is saved back (Magento builds a customer from the request, so nothing may be left out);
// `addresses` is sent only when the telephone changed — the current list with that one change, so no
// address Magento keeps is lost. Phones are compared as numbers (separators ignored, `samePhone`), so M3's
// PHNO without spaces does not rewrite the way the shopper wrote the same number. A customer without a default billing address has nowhere to keep a phone:
// the telephone is not written (documented). A customer Magento no longer has (deleted there) is skipped.
import type { Handler, HandlerResult, Logger, VersionGuard } from '@m3mage/runtime';
import type { UpdateMagentoCustomer } from '@m3mage/schemas/types';
import { samePhone } from '@m3mage/runtime/mapping';
import type { CustomersClient, MagentoCustomer } from '../clients/customers.client';
import { m3Version } from './m3-version';

export interface CustomerDeps {
  customers: CustomersClient;
  versions: VersionGuard<bigint>;
  logger: Logger;
}

export type CustomerOutcome = 'updated' | 'unchanged' | 'not-in-magento' | 'stale' | 'duplicate';

/** The default billing address's index in `addresses`, or -1. */
function billingIndex(c: MagentoCustomer): number {
  const list = c.addresses ?? [];
  const flagged = list.findIndex((a) => a.default_billing === true);
  if (flagged >= 0) return flagged;
  return c.default_billing === undefined ? -1 : list.findIndex((a) => String(a.id) === String(c.default_billing));
}

/** The customer to save, or undefined when Magento holds the owned values already. */
export function customerChanges(current: MagentoCustomer, cmd: UpdateMagentoCustomer): MagentoCustomer | undefined {
  const next: MagentoCustomer = { ...current };
  let changed = false;
  if (cmd.groupId !== null && current.group_id !== cmd.groupId) {
    next.group_id = cmd.groupId;
    changed = true;
  }
  const i = billingIndex(current);
  const billing = i >= 0 ? current.addresses?.[i] : undefined;
  const phoneChanged =
    cmd.telephone !== null && billing !== undefined && !samePhone(billing.telephone ?? '', cmd.telephone);
  if (phoneChanged && current.addresses) {
    next.addresses = current.addresses.map((a, j) => (j === i ? { ...a, telephone: cmd.telephone ?? '' } : a));
    changed = true;
  } else {
    delete next.addresses;
  }
  return changed ? next : undefined;
}

export function customerHandler(deps: CustomerDeps): Handler<UpdateMagentoCustomer> {
  const log = deps.logger.child({ component: 'customer' });

  async function apply(cmd: UpdateMagentoCustomer): Promise<CustomerOutcome> {
    const current = await deps.customers.get(cmd.magentoCustomerId);
    if (!current) return 'not-in-magento';
    const body = customerChanges(current, cmd);
    if (!body) return 'unchanged';
    await deps.customers.update(cmd.magentoCustomerId, body);
    return 'updated';
  }

  return async (msg): Promise<HandlerResult> => {
    const cmd = msg.value;
    if (!cmd) return { outcome: 'ack' };
    const { meta: _meta, ...content } = cmd;
    const admitted = await deps.versions.admit(
      `customer:${cmd.magentoCustomerId}`,
      m3Version(cmd.m3Version, content),
      { eventId: cmd.meta.commandId, correlationId: String(cmd.magentoCustomerId) },
      () => apply(cmd),
    );
    const outcome: CustomerOutcome = admitted.result ?? (admitted.verdict === 'stale' ? 'stale' : 'duplicate');
    log.info(
      { magentoCustomerId: cmd.magentoCustomerId, cuno: cmd.cuno, m3Version: cmd.m3Version, outcome },
      `customer ${cmd.magentoCustomerId} (M3 ${cmd.cuno}): ${outcome}`,
    );
    return { outcome: 'ack' };
  };
}
