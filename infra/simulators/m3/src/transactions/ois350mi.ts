import { invalid } from '../mi/errors';
import type { MiRecord } from '../mi/request';
import type { M3State } from '../state/store';
import type { Invoice } from '../state/types';
import { num, take, type TransactionTable } from './common';

function headRecord(inv: Invoice): MiRecord {
  const amount = num(inv.amount);
  return {
    IVNO: inv.IVNO,
    FACI: '',
    VONO: inv.VONO,
    PYNO: inv.CUNO,
    CUNO: inv.CUNO,
    CUNM: inv.CUNM,
    DUDT: inv.DUDT,
    IDAT: inv.IDAT,
    ACDT: inv.IDAT,
    CUCD: inv.CUCD,
    CUC1: inv.CUCD,
    CUC2: inv.CUCD,
    AMT1: amount,
    AMT2: amount,
    INST: '1',
    EXIN: inv.IVNO,
    LMDT: inv.IDAT,
  };
}

function invoiceOf(state: M3State, input: MiRecord): Invoice {
  const inv = state.invoices.get(input.IVNO ?? '');
  if (!inv || inv.YEA4 !== input.YEA4) throw invalid('IVNO', 'Invoice number');
  return inv;
}

/** OIS350MI Customer invoice interface (invoices come from the control API's invoice step). */
export function ois350mi(state: M3State): TransactionTable {
  return {
    GetInvHead: (input) => [headRecord(invoiceOf(state, input))],
    /** Invoices of the year from IVNO (position) onwards. */
    LstInvHead: (input, ctx) =>
      take(
        [...state.invoices.values()].sort((a, b) => a.IVNO.localeCompare(b.IVNO)),
        ctx,
        (inv) => (inv.YEA4 === input.YEA4 && inv.IVNO >= (input.IVNO ?? '') ? headRecord(inv) : undefined),
      ),
    LstInvLine: (input, ctx) => {
      const inv = invoiceOf(state, input);
      return take(inv.lines, ctx, (l) => ({
        IVTP: '01',
        ORNO: inv.ORNO,
        DLIX: inv.DLIX,
        WHLO: state.orders.get(inv.ORNO)?.lines.find((x) => x.PONR === l.PONR)?.WHLO ?? '',
        IVRF: `${l.PONR} ${l.ITNO}`,
        AMT1: num(l.amount),
        AMT2: num(l.amount),
        AMT3: num(l.amount),
        PYNO: inv.CUNO,
        CUNM: inv.CUNM,
      }));
    },
  };
}
