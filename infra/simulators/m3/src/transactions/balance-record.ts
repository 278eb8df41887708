import type { M3State } from '../state/store';
import type { Balance } from '../state/types';
import { num } from './common';

/**
 * MMS200MI GetItmWhsBal (MITBAL) for one balance: all 39 outputs in metadata order. The simulator keeps on-hand
 * (STQT) and allocated (ALQT) only, with one balance identity (NUS7 1) and no inspection, rejected, reserved,
 * picking-list or planned quantities, so those are 0 and their dates blank. AVAL "Allocatable on-hand balance"
 * = STQT − ALQT, never below 0; AV01 "Allocatable net" = AVAL (nothing is reserved); AV02 "Available inventory"
 * = STQT − ALQT, negative when more is allocated than is on hand.
 */
export function balanceRecord(state: M3State, b: Balance): Record<string, string> {
  const allocatable = num(Math.max(0, b.STQT - b.ALQT));
  return {
    CONO: state.company.CONO,
    WHLO: b.WHLO,
    ITNO: b.ITNO,
    STQT: num(b.STQT),
    QUQT: '0',
    RJQT: '0',
    ALQT: num(b.ALQT),
    AV01: allocatable,
    AVAL: allocatable,
    EXQT: '0',
    PLQT: '0',
    ORQT: '0',
    REQT: '0',
    RLQT: '0',
    AV02: num(b.STQT - b.ALQT),
    REQP: '0',
    IDDT: '',
    ODDT: '',
    INDT: '',
    EXDC: '',
    PRDC: '0',
    NUIN: '0',
    USYE: '0',
    AVST: '0',
    DILE: '0',
    NUS7: '1',
    PRIF: '0',
    SODY: '0',
    LYQT: '0',
    LRYE: '0',
    ZCAC: '0',
    TURN: '0',
    MPCD: '',
    MPCT: '0',
    DCSS: '0',
    FACI: state.company.FACI,
    STCW: '0',
    RJCW: '0',
    QUCW: '0',
  };
}
