import { invalid } from '../mi/errors';
import type { MiRecord } from '../mi/request';
import type { M3State } from '../state/store';
import type { Delivery } from '../state/types';
import { num, take, type TransactionTable } from './common';

function deliveryOf(state: M3State, dlix: string | undefined): Delivery {
  const d = dlix === undefined ? undefined : state.deliveries.get(dlix);
  if (!d) throw invalid('DLIX', 'Delivery number');
  return d;
}

/**
 * MWS410MI Delivery interface. ETRN (external tracking number) carries the first package's tracking number;
 * 14.x LstPackages has no tracking field, so the simulator puts each package's tracking number in DLRM (remark).
 */
export function mws410mi(state: M3State): TransactionTable {
  return {
    GetHead: (input) => {
      const d = deliveryOf(state, input.DLIX);
      const head: MiRecord = {
        DLIX: d.DLIX,
        RIDN: d.ORNO,
        CUOR: d.CUOR,
        WHLO: d.WHLO,
        PGRS: d.PGRS,
        PIST: d.PGRS,
        ETRN: d.packages[0]?.trackingNumber ?? '',
        FWNO: d.carrier,
        CONA: d.CUNO,
        IVNO: d.IVNO === '' ? '0' : d.IVNO,
        DSDT: d.shippedDate,
        NRUL: String(d.lines.length),
      };
      return [head];
    },
    LstPackages: (input, ctx) =>
      take(deliveryOf(state, input.DLIX).packages, ctx, (p) => ({
        PANR: p.PANR,
        SSCC: p.SSCC,
        PACT: 'BOX',
        NUPA: '1',
        DLRM: p.trackingNumber,
      })),
    LstItem: (input, ctx) => {
      const d = deliveryOf(state, input.DLIX);
      return take(d.lines, ctx, (l) => {
        const item = state.items.get(l.ITNO);
        return {
          ITNO: l.ITNO,
          ITDS: item?.ITDS ?? '',
          CUOR: d.CUOR,
          DLQT: num(l.qty),
          UNMS: item?.UNMS ?? '',
        };
      });
    },
  };
}
