import { alreadyExists, invalid, notAllowed } from '../mi/errors';
import type { M3State } from '../state/store';
import type { GlBatch } from '../state/types';
import { num, type TransactionTable } from './common';
import { parseI1, type GlLine } from './gl-parm';

function batchOf(state: M3State, key1: string | undefined): GlBatch {
  const b = key1 === undefined ? undefined : state.glBatches.get(key1);
  if (!b) throw invalid('KEY1', 'Key value');
  return b;
}

function checked(batch: GlBatch): Array<{ line: number; gl: GlLine }> {
  const lines = [...batch.lines.entries()]
    .sort(([a], [b]) => a - b)
    .map(([line, parm]) => ({ line, gl: parseI1(parm) }));
  if (lines.length === 0) throw notAllowed('KEY1', `Batch ${batch.KEY1} has no lines`);
  const sums = new Map<string, number>();
  for (const { gl } of lines) sums.set(gl.GRNR, (sums.get(gl.GRNR) ?? 0) + gl.CUAM);
  for (const [grnr, sum] of sums) {
    if (Math.abs(sum) >= 0.005)
      throw notAllowed('PARM', `Voucher ${grnr} is not balanced, difference ${sum.toFixed(2)}`);
  }
  return lines;
}

/**
 * GLS840MI Generic GL interface (real M3 API for journal import; see README): AddBatchHead (KEY1) →
 * AddBatchLine (PARM, record I1) → CtrlBatch (check) → UpdBatch (post: one GL voucher per GRNR).
 * KEY1 is the idempotency key: a second AddBatchHead with the same KEY1 is NOK.
 */
export function gls840mi(state: M3State): TransactionTable {
  return {
    AddBatchHead: (input) => {
      const key1 = input.KEY1 ?? '';
      if (state.glBatches.has(key1)) throw alreadyExists('KEY1', 'Key value', key1);
      state.glBatches.set(key1, {
        KEY1: key1,
        INTN: input.INTN ?? '',
        DESC: input.DESC ?? '',
        DIVI: input.DIVI ?? state.company.DIVI,
        lines: new Map(),
        status: 'open',
        vouchers: [],
      });
      return [];
    },
    AddBatchLine: (input) => {
      const batch = batchOf(state, input.KEY1);
      if (batch.status === 'updated') throw notAllowed('KEY1', `Batch ${batch.KEY1} is already updated`);
      const line = Number(input.LINE);
      if (!Number.isInteger(line) || line <= 0) throw invalid('LINE', 'Line number');
      if (batch.lines.has(line)) throw alreadyExists('LINE', 'Line number', String(line));
      batch.lines.set(line, input.PARM ?? '');
      return [];
    },
    CtrlBatch: (input) => {
      const batch = batchOf(state, input.KEY1);
      checked(batch);
      if (batch.status === 'open') batch.status = 'checked';
      return [];
    },
    UpdBatch: (input) => {
      const batch = batchOf(state, input.KEY1);
      if (batch.status === 'updated') throw notAllowed('KEY1', `Batch ${batch.KEY1} is already updated`);
      const lines = checked(batch);
      const groups = new Map<string, GlLine[]>();
      for (const { gl } of lines) groups.set(gl.GRNR, [...(groups.get(gl.GRNR) ?? []), gl]);
      for (const gls of groups.values()) {
        const first = gls[0] as GlLine;
        const vono = num(state.next('voucher', 1));
        state.vouchers.set(`${first.ACDT.slice(0, 4)}|${vono}`, {
          VONO: vono,
          DIVI: first.DIVI || batch.DIVI,
          YEA4: first.ACDT.slice(0, 4),
          VSER: 'GL',
          ACDT: first.ACDT,
          KEY1: batch.KEY1,
          text: batch.DESC,
          lines: gls.map((g, i) => ({
            ACCT: Object.fromEntries(g.AIT.map((a, k) => [`AIT${k + 1}`, a])),
            amount: g.CUAM,
            CUCD: g.CUCD,
            VTXT: g.VTXT,
            JSNO: i + 1,
          })),
        });
        batch.vouchers.push(vono);
      }
      batch.status = 'updated';
      return [];
    },
  };
}
