// GLS840MI (generic GL interface, the journal import the M3 simulator implements): AddBatchHead (KEY1) →
// AddBatchLine (PARM I1) × n → CtrlBatch → UpdBatch. Every step is repeatable: "KEY1 / line already exists"
// and "batch already updated" answers mean an earlier attempt got that far, so a replay completes the
// posting instead of doubling it.
import { isAppError, type AppError } from '@m3mage/runtime';
import type { GlBatch } from '../mappings/gl-journal.mapping';
import type { MiClient } from '@m3mage/connectors/m3';

export interface GlJournalClient {
  /** Posts the batch; returns 'posted' or 'already-posted' (an earlier attempt updated it). */
  post(batch: GlBatch): Promise<'posted' | 'already-posted'>;
}

/** NOKs that mean "this step was done before" (code and field, or the message). Data: extend as seen. */
export const repeatedStepNoks: ReadonlyArray<{ code?: string; field: string; message: RegExp }> = Object.freeze([
  { code: 'XRE0101', field: 'KEY1', message: /already exists/i },
  { code: 'XRE0101', field: 'LINE', message: /already exists/i },
  { code: 'XNA0001', field: 'KEY1', message: /already updated/i },
]);

function isRepeat(err: unknown): err is AppError {
  if (!isAppError(err) || err.code !== 'M3_NOK') return false;
  const code = err.details?.['m3Code'];
  const field = err.details?.['m3Field'];
  return repeatedStepNoks.some(
    (r) => r.field === field && ((r.code !== undefined && r.code === code) || r.message.test(err.message)),
  );
}

export function createGlJournalClient(mi: MiClient, company: string, division: string): GlJournalClient {
  const step = async (transaction: string, input: Record<string, string>): Promise<boolean> => {
    try {
      await mi.execute('GLS840MI', transaction, { CONO: company, DIVI: division, ...input });
      return true;
    } catch (err) {
      if (isRepeat(err)) return false;
      throw err;
    }
  };

  return {
    async post(batch) {
      const fresh = await step('AddBatchHead', { KEY1: batch.key1, INTN: batch.intn, DESC: batch.desc });
      for (const [i, parm] of batch.lines.entries()) {
        await step('AddBatchLine', { KEY1: batch.key1, LINE: String(i + 1), PARM: parm });
      }
      await step('CtrlBatch', { KEY1: batch.key1 });
      const updated = await step('UpdBatch', { KEY1: batch.key1 });
      return updated || fresh ? 'posted' : 'already-posted';
    },
  };
}
