import { invalid, notFound } from '../mi/errors';
import type { MiRecord } from '../mi/request';
import { isDate } from '../state/dates';
import type { M3State } from '../state/store';
import type { PriceList } from '../state/types';
import { parseNum, take, type TransactionTable } from './common';

const KEY = ['PRRF', 'CUCD', 'CUNO', 'FVDT'] as const;

function headRecord(state: M3State, l: PriceList): MiRecord {
  return {
    CONO: state.company.CONO,
    PRRF: l.PRRF,
    CUCD: l.CUCD,
    CUNO: l.CUNO,
    FVDT: l.FVDT,
    LVDT: l.LVDT,
    TX15: l.TX15,
  };
}

function baseRecord(state: M3State, l: PriceList, itno: string, sapr: string): MiRecord {
  const item = state.items.get(itno);
  return {
    ...headRecord(state, l),
    ITNO: itno,
    SAPR: sapr,
    SACD: '1',
    SPUN: item?.SPUN ?? item?.UNMS ?? '',
    NTCD: '0',
  };
}

/** The price list PRRF/CUCD/CUNO/FVDT (CUNO blank = the general list), else "does not exist". */
function listOf(state: M3State, input: MiRecord): PriceList {
  if (!isDate(input.FVDT ?? '')) throw invalid('FVDT', 'Valid from');
  const key = state.priceListKey(input.PRRF ?? '', input.CUCD ?? '', input.CUNO ?? '', input.FVDT ?? '');
  const list = state.priceLists.get(key);
  if (!list) throw notFound('PRRF', 'Price list', `${input.PRRF ?? ''}/${input.CUCD ?? ''}/${input.FVDT ?? ''}`);
  return list;
}

/**
 * OIS017MI Sales price list interface. LstPriceList positions at the key given (PRRF, CUCD, CUNO, FVDT, any
 * left out = from the start) and reads forward through every later list, other price lists and currencies
 * included, as LeanSwift reports of the real one ("always bring the whole data ... irrespective of what input
 * data we pass"); NFTR "Number of filters" makes the first NFTR key fields exact filters (our reading of the
 * name: M3H5 publishes no more). GetBasePrice needs the list's FVDT, so a client lists the heads first.
 */
export function ois017mi(state: M3State): TransactionTable {
  return {
    LstPriceList: (input, ctx) => {
      if (input.FVDT !== undefined && !isDate(input.FVDT)) throw invalid('FVDT', 'Valid from');
      const filters = parseNum(input.NFTR, 'NFTR', 'Number of filters') ?? 0;
      if (!Number.isInteger(filters) || filters < 0 || filters > KEY.length) throw invalid('NFTR', 'Number of filters');
      const start = KEY.map((k) => input[k] ?? '');
      const lists = [...state.priceLists.values()].sort((a, b) =>
        compareKeys(
          KEY.map((k) => a[k]),
          KEY.map((k) => b[k]),
        ),
      );
      return take(lists, ctx, (l) => {
        const key = KEY.map((k) => l[k]);
        if (compareKeys(key, start) < 0) return undefined;
        if (key.slice(0, filters).some((v, i) => v !== start[i])) return undefined;
        return headRecord(state, l);
      });
    },
    GetBasePrice: (input) => {
      const list = listOf(state, input);
      const sapr = list.prices.get(input.ITNO ?? '');
      // Simulated base prices have no price-list object values (OBV1-3 blank).
      if (sapr === undefined || [input.OBV1, input.OBV2, input.OBV3].some((v) => v !== undefined)) {
        throw notFound('ITNO', 'Base price', input.ITNO ?? '');
      }
      return [baseRecord(state, list, input.ITNO ?? '', sapr)];
    },
    /** The whole list in item-number order (no position input: a snapshot read). */
    LstBasePrice: (input, ctx) => {
      const list = listOf(state, input);
      return take([...list.prices.keys()].sort(), ctx, (itno) =>
        baseRecord(state, list, itno, list.prices.get(itno) ?? '0'),
      );
    },
  };
}

function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
