// OIS100MI customer orders: find by CUOR (LstHead of the customer, CUOR is an output), and batch entry
// AddBatchHead → AddBatchLine × n → AddBatchAddress → Confirm (temporary ORNO → real ORNO).
import { AppError } from '@m3mage/runtime';
import type { AddressData, OrderHead, OrderLine } from '@m3mage/schemas/types';
import type { MiClient } from './mi.client';

export interface OrderDefaults {
  orderType: string;
  facility?: string;
  warehouse?: string;
}

export interface FoundOrder {
  orno: string;
  /** Highest line status (ORST); 05 = preliminary. */
  orst: string;
}

export interface OrderClient {
  findByCuor(cuno: string, cuor: string): Promise<FoundOrder | undefined>;
  addBatchHead(cuno: string, head: OrderHead): Promise<string>;
  addBatchLine(tempOrno: string, line: OrderLine, head: OrderHead): Promise<void>;
  addBatchAddress(tempOrno: string, address: AddressData): Promise<void>;
  /** Releases the batch order; returns the real ORNO. Errors left on the batch order (status 15) throw. */
  confirm(tempOrno: string): Promise<string>;
}

export function createOrderClient(mi: MiClient, defaults: OrderDefaults, lookupMaxrecs: number): OrderClient {
  return {
    async findByCuor(cuno, cuor) {
      // LstHead lists the customer's orders oldest first and stops at maxrecs: a full page may hide the
      // newest order, so a full page is read again without a limit (maxrecs=0) before answering "not found".
      const list = (maxrecs: number) =>
        mi.execute('OIS100MI', 'LstHead', { CUNO: cuno }, { maxrecs, returncols: ['ORNO', 'CUOR', 'ORST', 'ORSL'] });
      let records = await list(lookupMaxrecs);
      let hit = records.find((r) => r['CUOR'] === cuor.trim());
      if (!hit && lookupMaxrecs > 0 && records.length >= lookupMaxrecs) {
        records = await list(0);
        hit = records.find((r) => r['CUOR'] === cuor.trim());
      }
      return hit?.['ORNO'] ? { orno: hit['ORNO'], orst: hit['ORST'] ?? '' } : undefined;
    },
    async addBatchHead(cuno, head) {
      const [rec] = await mi.execute('OIS100MI', 'AddBatchHead', {
        CUNO: cuno,
        CUOR: head.cuor,
        ORTP: head.ortp ?? defaults.orderType,
        FACI: head.faci ?? defaults.facility,
        WHLO: head.whlo ?? defaults.warehouse,
        RLDT: head.rldt,
        CUCD: head.cucd,
        YREF: head.yref,
        MODL: head.modl,
        TEDL: head.tedl,
      });
      const orno = rec?.['ORNO'];
      if (!orno) throw new AppError('INTERNAL', 'OIS100MI/AddBatchHead answered OK without a temporary ORNO');
      return orno;
    },
    async addBatchLine(tempOrno, line, head) {
      await mi.execute('OIS100MI', 'AddBatchLine', {
        ORNO: tempOrno,
        ITNO: line.itno,
        ORQT: line.orqt,
        WHLO: line.whlo ?? head.whlo ?? defaults.warehouse,
        SAPR: line.sapr,
        ALUN: line.alun,
      });
    },
    async addBatchAddress(tempOrno, a) {
      await mi.execute('OIS100MI', 'AddBatchAddress', {
        ORNO: tempOrno,
        ADRT: String(a.adrt),
        CUNM: a.cunm,
        CUA1: a.cua1,
        CUA2: a.cua2,
        CUA3: a.cua3,
        CUA4: a.cua4,
        PONO: a.pono,
        TOWN: a.town,
        CSCD: a.cscd,
        PHNO: a.phno,
      });
    },
    async confirm(tempOrno) {
      const [rec] = await mi.execute('OIS100MI', 'Confirm', { ORNO: tempOrno });
      const orno = rec?.['ORNO'] ?? '';
      const stat = rec?.['STAT'] ?? '';
      if (orno === '' || orno === tempOrno || stat === '15') {
        throw new AppError(
          'M3_NOK',
          `OIS100MI/Confirm left batch order ${tempOrno} in status ${stat || '?'}: see its errors in OIS275 (no customer order was created)`,
          { details: { system: 'm3', operation: 'OIS100MI/Confirm', tempOrno, stat }, kind: 'validation' },
        );
      }
      return orno;
    },
  };
}
