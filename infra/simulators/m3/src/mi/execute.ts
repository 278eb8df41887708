import {
  inputTooLong,
  mandatoryMissing,
  MiError,
  notAuthorizedCompany,
  recordLocked,
  transactionNotFound,
} from './errors';
import type { MiFaultSwitch } from './faults';
import type { MiMetadata, TransactionMeta } from './metadata';
import type { MiRecord, MiRequest } from './request';

export interface MiContext {
  /** The caller's record limit (0 = all): list handlers may stop early. */
  maxrecs: number;
}

/** Gets validated inputs (trailing blanks trimmed, unknown fields dropped, CONO set); throws MiError for NOK. */
export type MiHandler = (input: MiRecord, ctx: MiContext) => MiRecord[];

/** `answerLost`: the call was executed, but its answer must not reach the caller (HTTP 500 instead). */
export type MiOutcome = (
  { kind: 'ok'; meta: TransactionMeta; records: MiRecord[] } | { kind: 'error'; error: MiError }
) & { answerLost?: true };

export interface MiExecutorOptions {
  metadata: MiMetadata;
  handlers: Map<string, MiHandler>;
  /** Companies the API user may use (first is the default). */
  companies: string[];
  /** MI faults: "record locked" instead of executing, lost answers after executing. */
  faults?: MiFaultSwitch;
}

/** Generic MI processing: transaction lookup, company, mandatory and length checks, MI faults, then the handler. */
export class MiExecutor {
  constructor(private readonly opts: MiExecutorOptions) {}

  execute(req: MiRequest): MiOutcome {
    const { outcome, executed } = this.run(req);
    return executed && this.opts.faults?.lostAnswer(req.program, req.transaction)
      ? { ...outcome, answerLost: true }
      : outcome;
  }

  private run(req: MiRequest): { outcome: MiOutcome; executed: boolean } {
    let executed = false;
    try {
      const { meta, handler } = this.resolve(req.program, req.transaction);
      const input = this.validate(meta, req);
      if (this.opts.faults?.locked(meta.program, meta.transaction)) {
        throw recordLocked(meta.inputs.find((f) => f.required && f.name !== 'CONO')?.name);
      }
      executed = true;
      const records = handler(input, { maxrecs: req.options.maxrecs }).map((r) => project(meta, r));
      return { outcome: { kind: 'ok', meta, records }, executed };
    } catch (err) {
      if (err instanceof MiError) return { outcome: { kind: 'error', error: err }, executed };
      throw err;
    }
  }

  private resolve(program: string, transaction: string): { meta: TransactionMeta; handler: MiHandler } {
    const meta = this.opts.metadata.get(program.toUpperCase(), transaction);
    const handler = this.opts.handlers.get(`${program.toUpperCase()}/${transaction}`);
    if (!meta || !handler) throw transactionNotFound(program, transaction);
    return { meta, handler };
  }

  private validate(meta: TransactionMeta, req: MiRequest): MiRecord {
    const input: MiRecord = {};
    for (const f of meta.inputs) {
      const raw = req.fields[f.name];
      const value = raw?.trimEnd() ?? '';
      if (f.required && value.trim() === '' && f.name !== 'CONO') throw mandatoryMissing(f.name);
      if (f.length !== null && [...value].length > f.length) throw inputTooLong(f.name, f.length);
      if (value !== '') input[f.name] = value;
    }
    const cono = req.options.cono ?? input.CONO ?? this.opts.companies[0] ?? '';
    if (!this.opts.companies.includes(cono)) throw notAuthorizedCompany(cono);
    input.CONO = cono;
    if (req.options.divi !== undefined && input.DIVI === undefined) input.DIVI = req.options.divi;
    return input;
  }
}

/** Output record in metadata order; absent numeric fields are "0", absent alpha/date fields "". */
function project(meta: TransactionMeta, record: MiRecord): MiRecord {
  const out: MiRecord = {};
  for (const f of meta.outputs) out[f.name] = record[f.name] ?? (f.type === 'N' ? '0' : '');
  return out;
}
