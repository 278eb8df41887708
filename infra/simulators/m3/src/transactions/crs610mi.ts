import { alreadyExists, invalid } from '../mi/errors';
import type { MiRecord } from '../mi/request';
import { changeCustomer, MAINTAINED_CUSTOMER_FIELDS } from '../state/customers';
import type { M3State } from '../state/store';
import { customerOf, parseNum, take, type TransactionTable } from './common';

/** Fields Add/ChgBasicData do not copy from the input onto the customer (CUTM and what M3 maintains). */
const KEYS = new Set(['CUTM', ...MAINTAINED_CUSTOMER_FIELDS]);

function copyInputs(target: MiRecord, input: MiRecord): void {
  for (const [k, v] of Object.entries(input)) if (!KEYS.has(k)) target[k] = v;
}

/**
 * CRS610MI Customer interface. Customers are found by e-mail through LstByName (MAIL is an output; see README). Every
 * change (Add, ChgBasicData, AddAddress, ChgAddress) stamps LMDT/LMTS and publishes CustomerPartyMaster (customers.ts).
 */
export function crs610mi(state: M3State): TransactionTable {
  return {
    Add: (input) => {
      const template = customerOf(state, input.CUTM, 'CUTM');
      if (input.CUNO !== undefined && state.customers.has(input.CUNO)) {
        throw alreadyExists('CUNO', 'Customer number', input.CUNO);
      }
      const cuno = input.CUNO ?? `C${String(state.next('customer', 900001)).padStart(6, '0')}`;
      const rec: MiRecord = { ...template.rec, STAT: '20', CUNO: cuno };
      delete rec.MAIL;
      copyInputs(rec, input);
      rec.CUNO = cuno;
      changeCustomer(state, { rec, addresses: [] }, 'Add');
      return [{ CUNO: cuno, ERRM: '' }];
    },
    ChgBasicData: (input) => {
      const c = customerOf(state, input.CUNO);
      const rec = { ...c.rec };
      copyInputs(rec, input);
      changeCustomer(state, { ...c, rec }, 'Change');
      return [{ CUNO: c.rec.CUNO ?? '' }];
    },
    GetBasicData: (input) => [customerOf(state, input.CUNO).rec],
    /** Positions at CUNM (name order) and reads forward, as M3 "Lst" transactions do. */
    LstByName: (input, ctx) =>
      take(state.customerNameKeys.iterateFrom(input.CUNM ?? ''), ctx, (key) => {
        const [cunm, cuno] = key.split('\u0000');
        const c = state.customers.get(cuno ?? '');
        return c && c.rec.CUNM === cunm ? c.rec : undefined;
      }),
    /**
     * Positions at CUNO (customer number order) and reads forward. LMTS "Timestamp" given: only customers whose LMTS
     * (epoch ms, stamped on every change) is at or after it — the simulator's reading of the input (README: "LMTS
     * format not confirmed"). LMTS is no output, so a reader passes a time of its own.
     */
    LstByNumber: (input, ctx) => {
      const since = parseNum(input.LMTS, 'LMTS', 'Timestamp');
      return take(state.customerKeys.iterateFrom(input.CUNO ?? ''), ctx, (cuno) => {
        const c = state.customers.get(cuno);
        return c && (since === undefined || Number(c.rec.LMTS ?? 0) >= since) ? c.rec : undefined;
      });
    },
    AddAddress: (input) => {
      const c = customerOf(state, input.CUNO);
      const adrt = input.ADRT ?? '';
      if (!/^\d{1,2}$/.test(adrt)) throw invalid('ADRT', 'Address type');
      if (c.addresses.some((a) => a.ADRT === adrt && a.ADID === input.ADID)) {
        throw alreadyExists('ADID', 'Address number', input.ADID ?? '');
      }
      const address: MiRecord = { ...input, CUNO: c.rec.CUNO ?? '', DIVI: c.rec.DIVI ?? '' };
      changeCustomer(state, { ...c, addresses: [...c.addresses, address] }, 'Change');
      return [{ CONO: input.CONO ?? '', CUNO: address.CUNO ?? '', ADRT: adrt, ADID: input.ADID ?? '' }];
    },
    /** Changes an address (fields given are copied; the key ADRT/ADID cannot change). */
    ChgAddress: (input) => {
      const c = customerOf(state, input.CUNO);
      const i = c.addresses.findIndex((x) => x.ADRT === input.ADRT && x.ADID === input.ADID);
      if (i < 0) throw invalid('ADID', 'Address number');
      const address: MiRecord = { ...c.addresses[i], ...input, CUNO: c.rec.CUNO ?? '', DIVI: c.rec.DIVI ?? '' };
      const addresses = c.addresses.map((a, j) => (j === i ? address : a));
      changeCustomer(state, { ...c, addresses }, 'Change');
      return [];
    },
    GetAddress: (input) => {
      const c = customerOf(state, input.CUNO);
      const a = c.addresses.find((x) => x.ADRT === input.ADRT && x.ADID === input.ADID);
      if (!a) throw invalid('ADID', 'Address number');
      return [{ ...a, CUNM: a.CUNM ?? c.rec.CUNM ?? '' }];
    },
    LstAddresses: (input, ctx) => {
      const c = customerOf(state, input.CUNO);
      return take(c.addresses, ctx, (a) =>
        input.ADRT === undefined || a.ADRT === input.ADRT ? { ...a, CUNM: a.CUNM ?? c.rec.CUNM ?? '' } : undefined,
      );
    },
  };
}
