// cmd.m3.gl-journal.v1 (PostPaymentJournal): one GLS840MI journal batch per payment, KEY1 derived from
// the idempotency key, so a redelivered command completes or recognises its batch instead of posting twice.
import { AppError, type Handler, type Logger } from '@m3mage/runtime';
import type { GlJournalClient } from '../clients/gl-journal.client';
import { paymentJournal, type GlAccounts } from '../mappings/gl-journal.mapping';
import type { PostPaymentJournal } from '@m3mage/schemas/types';

export function glJournalHandler(
  gl: GlJournalClient,
  accounts: GlAccounts,
  logger: Logger,
): Handler<PostPaymentJournal> {
  return async (msg) => {
    const cmd = msg.value;
    if (cmd === null) return { outcome: 'ack' };
    let batch;
    try {
      batch = paymentJournal(cmd, accounts);
    } catch (cause) {
      const why = cause instanceof Error ? cause.message : String(cause);
      throw new AppError('MAPPING_UNMAPPABLE', `Payment of order ${cmd.incrementId} cannot be posted: ${why}`, {
        cause,
      });
    }
    const result = await gl.post(batch);
    logger.debug({ key1: batch.key1, result, incrementId: cmd.incrementId }, 'payment journal');
    return { outcome: 'ack' };
  };
}
