// OIS100MI customer orders: find by CUOR (LstHead of the customer, CUOR is an output), and batch entry
// AddBatchHead → AddBatchLine × n → AddBatchAddress → Confirm (temporary ORNO → real ORNO), with the reads
// that let an interrupted entry resume on the same batch order: LstBatchHead (a head whose answer was
// lost), LstBatchLine (lines already added, recognised by CUPO), GetOrderNo (a Confirm whose answer was
// lost), LstErrMsgOrder and DelBatchHead (a batch order M3 will not release).
import { AppError } from '@m3mage/runtime';
import type { AddressData, OrderHead, OrderLine } from '@m3mage/schemas/types';
import type { MiClient } from '@m3mage/connectors/m3';

export interface FoundOrder {
  orno: string;
  /** Highest line status (ORST); 05 = preliminary. */
  orst: string;
}

export interface BatchHead {
  tempOrno: string;
  /** 10 entered, 15 confirmed with errors, 90 released. */
  stat: string;
  /** The real order number once released. */
  ornr: string;
}

export interface OrderClient {
  findByCuor(cuno: string, cuor: string): Promise<FoundOrder | undefined>;
  addBatchHead(cuno: string, head: OrderHead): Promise<string>;
  /** `cupo`: the line's number in the customer order (1, 2, …), how a resumed entry recognises it. */
  addBatchLine(tempOrno: string, line: OrderLine, head: OrderHead, cupo: number): Promise<void>;
  addBatchAddress(tempOrno: string, address: AddressData): Promise<void>;
  /** Releases the batch order; returns the real ORNO. Errors left on the batch order (status 15) throw. */
  confirm(tempOrno: string): Promise<string>;
  /** The customer's batch orders carrying this CUOR (exact match), oldest first. */
  findBatchByCuor(cuno: string, cuor: string): Promise<BatchHead[]>;
  /** CUPO of each line already on the batch order. */
  batchLineNumbers(tempOrno: string): Promise<Set<number>>;
  /** The real ORNO of a released batch order; undefined while it is not released. */
  orderNoOf(tempOrno: string): Promise<string | undefined>;
  /** The errors M3 keeps on the batch order (OIS275), as "MSID field: text". */
  batchErrors(tempOrno: string): Promise<string[]>;
  deleteBatch(tempOrno: string): Promise<void>;
}

/** An error of Confirm meaning M3 will not release this batch order as it is. */
export const isRefusedBatch = (err: unknown): err is AppError =>
  err instanceof AppError && err.code === 'M3_BATCH_ORDER_REFUSED';

/**
 * A NOK saying the temporary number names no batch order (deleted in M3, or by our cleanup). "Record locked"
 * names the same field (ORNO) but says the batch order exists and is busy: it is not this.
 */
export const isUnknownBatch = (err: unknown): boolean =>
  err instanceof AppError &&
  err.code === 'M3_NOK' &&
  err.details?.['m3Category'] !== 'locked' &&
  typeof err.details?.['m3Field'] === 'string' &&
  err.details['m3Field'].trim() === 'ORNO';

export function createOrderClient(mi: MiClient, lookupMaxrecs: number): OrderClient {
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
        ORTP: head.ortp ?? undefined,
        FACI: head.faci ?? undefined,
        WHLO: head.whlo ?? undefined,
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
    async addBatchLine(tempOrno, line, head, cupo) {
      await mi.execute('OIS100MI', 'AddBatchLine', {
        ORNO: tempOrno,
        CUPO: String(cupo),
        ITNO: line.itno,
        ORQT: line.orqt,
        WHLO: line.whlo ?? head.whlo ?? undefined,
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
      // A temporary number is never published as the customer order.
      if (orno === '' || orno === tempOrno || stat === '15') {
        throw new AppError(
          'M3_BATCH_ORDER_REFUSED',
          `OIS100MI/Confirm left batch order ${tempOrno} in status ${stat || '?'}: no customer order was created`,
          { details: { system: 'm3', operation: 'OIS100MI/Confirm', tempOrno, stat } },
        );
      }
      return orno;
    },
    async findBatchByCuor(cuno, cuor) {
      const records = await mi.execute(
        'OIS100MI',
        'LstBatchHead',
        { CUNO: cuno },
        { maxrecs: 0, returncols: ['ORNO', 'CUOR', 'STAT', 'ORNR'] },
      );
      return records
        .filter((r) => r['CUOR'] === cuor.trim() && (r['ORNO'] ?? '') !== '')
        .map((r) => ({ tempOrno: r['ORNO'] ?? '', stat: r['STAT'] ?? '', ornr: r['ORNR'] ?? '' }));
    },
    async batchLineNumbers(tempOrno) {
      const records = await mi.execute('OIS100MI', 'LstBatchLine', { ORNO: tempOrno }, { maxrecs: 0 });
      return new Set(records.map((r) => Number(r['CUPO'])).filter((n) => Number.isInteger(n) && n > 0));
    },
    async orderNoOf(tempOrno) {
      const [rec] = await mi.execute('OIS100MI', 'GetOrderNo', { ORNO: tempOrno });
      const ornr = rec?.['ORNR'] ?? '';
      return ornr !== '' && ornr !== tempOrno ? ornr : undefined;
    },
    async batchErrors(tempOrno) {
      const records = await mi.execute('OIS100MI', 'LstErrMsgOrder', { ORNO: tempOrno }, { maxrecs: 0 });
      return records.map((r) => `${r['MSID'] ?? ''} ${r['MDTA'] ?? ''}: ${r['TX60'] ?? ''}`.trim());
    },
    async deleteBatch(tempOrno) {
      await mi.execute('OIS100MI', 'DelBatchHead', { ORNO: tempOrno });
    },
  };
}
