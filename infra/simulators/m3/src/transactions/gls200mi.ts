import { invalid } from '../mi/errors';
import type { MiRecord } from '../mi/request';
import type { M3State } from '../state/store';
import type { Voucher } from '../state/types';
import { num, take, type TransactionTable } from './common';

function voucherOf(state: M3State, input: MiRecord): Voucher {
  const v = state.vouchers.get(`${input.YEA4 ?? ''}|${input.VONO ?? ''}`);
  if (!v || v.DIVI !== input.DIVI) throw invalid('VONO', 'Voucher number');
  return v;
}

/** GLS200MI General ledger reads: vouchers posted by invoicing and by GLS840MI UpdBatch. */
export function gls200mi(state: M3State): TransactionTable {
  return {
    GetVoucherHead: (input) => {
      const v = voucherOf(state, input);
      const debit = v.lines.filter((l) => l.amount > 0).reduce((s, l) => s + l.amount, 0);
      return [
        {
          CONO: state.company.CONO,
          DIVI: v.DIVI,
          YEA4: v.YEA4,
          VSER: v.VSER,
          VONO: v.VONO,
          VDSC: v.text.slice(0, 7),
          TDSC: v.text.slice(0, 10),
          DSUM: num(debit),
          CSUM: num(-debit),
          CUAD: num(debit),
          CUAC: num(-debit),
          CUCD: v.lines[0]?.CUCD ?? state.company.CUCD,
        },
      ];
    },
    LstVoucherLines: (input, ctx) => {
      const v = voucherOf(state, input);
      return take(v.lines, ctx, (l) => ({
        CONO: state.company.CONO,
        DIVI: v.DIVI,
        YEA4: v.YEA4,
        JSNO: String(l.JSNO),
        VSER: v.VSER,
        VONO: v.VONO,
        ACDT: v.ACDT,
        ...l.ACCT,
        ACAM: num(l.amount),
        CUAM: num(l.amount),
        CUCD: l.CUCD,
        DBCR: l.amount >= 0 ? 'D' : 'C',
        VTXT: l.VTXT,
        VDSC: v.text.slice(0, 7),
      }));
    },
  };
}
