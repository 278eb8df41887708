// The OIS100MI order client on the M3 simulator: what each call sends, and how it reads M3's answers — the
// reads a resumed order entry relies on (LstHead/LstBatchHead by CUOR, LstBatchLine by CUPO, GetOrderNo,
// LstErrMsgOrder) and the Confirm answers that must never be taken for a customer order.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderHead, OrderLine } from '@m3mage/schemas/types';
import { createOrderClient, type OrderClient, type OrderDefaults } from '../src/clients/order.client';
import { callsOf, rewriteAnswers } from './support/m3-answers';
import { m3Rig, type M3Rig } from './support/m3';

const head = (cuor: string, o: Partial<OrderHead> = {}): OrderHead => ({
  cuor,
  ortp: null,
  faci: null,
  whlo: null,
  rldt: null,
  cucd: 'EUR',
  yref: null,
  modl: null,
  tedl: null,
  ...o,
});
const line = (itno: string, whlo: string | null = null): OrderLine => ({
  itno,
  orqt: '1',
  sapr: '5',
  whlo,
  alun: null,
  magentoItemId: 1,
});

describe('OIS100MI order client on the M3 simulator', () => {
  let rig: M3Rig;
  let cuno: string;
  const defaults: OrderDefaults = { orderType: 'B20', facility: 'F02', warehouse: '200' };
  const client = (maxrecs = 100, d: OrderDefaults = defaults): OrderClient =>
    createOrderClient(rig.mi, d, maxrecs);

  /** A released customer order of `cuno` with CUOR `cuor`; its real ORNO and temporary number. */
  async function placed(cuor: string): Promise<{ orno: string; temp: string }> {
    const c = client();
    const temp = await c.addBatchHead(cuno, head(cuor));
    await c.addBatchLine(temp, line('ITM000001'), head(cuor), 1);
    return { orno: await c.confirm(temp), temp };
  }

  beforeEach(async () => {
    rig = await m3Rig();
    const [rec] = await rig.mi.execute('CRS610MI', 'Add', { CUTM: 'TEMPLATE', CUNM: 'Order Client', CUA1: 'Gata 1' });
    cuno = rec?.['CUNO'] ?? '';
  });
  afterEach(() => rig.close());

  describe('findByCuor', () => {
    it('finds the order with exactly this CUOR and reports its highest status', async () => {
      const { orno } = await placed('100000001');
      await placed('1000000011');
      const found = await client().findByCuor(cuno, '100000001');
      expect(found).toEqual({ orno, orst: rig.sim.state.orders.get(orno)?.head['ORST'] });
      expect(found?.orst).toMatch(/^\d{2}$/);
      expect(await client().findByCuor(cuno, ' 100000001 ')).toEqual(found);
      expect(await client().findByCuor(cuno, '10000000')).toBeUndefined();
    });

    it('reads one page when the order is on it or the page is not full, the whole list after a full page', async () => {
      const orders = [];
      for (const n of ['1', '2', '3']) orders.push(await placed(`20000000${n}`));
      const lstHead = () => callsOf(rig, 'OIS100MI/LstHead');

      let before = lstHead();
      expect((await client(3).findByCuor(cuno, '200000003'))?.orno).toBe(orders[2]?.orno);
      expect(lstHead() - before).toBe(1); // on a full page: no second read

      before = lstHead();
      expect(await client(4).findByCuor(cuno, '299999999')).toBeUndefined();
      expect(lstHead() - before).toBe(1); // the page was not full: that was all of them

      before = lstHead();
      expect(await client(0).findByCuor(cuno, '299999999')).toBeUndefined();
      expect(lstHead() - before).toBe(1); // maxrecs 0 read everything already

      before = lstHead();
      expect(await client(3).findByCuor(cuno, '299999999')).toBeUndefined();
      expect(lstHead() - before).toBe(2);

      const fourth = await placed('200000004');
      before = lstHead();
      expect(await client(3).findByCuor(cuno, ' 200000004 ')).toEqual({ orno: fourth.orno, orst: expect.any(String) });
      expect(lstHead() - before).toBe(2); // hidden behind the full first page
    });
  });

  describe('batch entry', () => {
    it('sends the head’s order type, facility and warehouse, else the configured defaults', async () => {
      const c = client();
      const plain = await c.addBatchHead(cuno, head('300000001'));
      const own = await c.addBatchHead(cuno, head('300000002', { ortp: 'C30', faci: 'F03', whlo: '100' }));
      const h = (temp: string) => rig.sim.state.batchOrders.get(temp)?.head;
      expect(h(plain)).toMatchObject({ CUNO: cuno, CUOR: '300000001', ORTP: 'B20', FACI: 'F02', WHLO: '200' });
      expect(h(own)).toMatchObject({ CUOR: '300000002', ORTP: 'C30', FACI: 'F03', WHLO: '100' });
    });

    it('ships a line from its own warehouse, else the head’s, else the configured one', async () => {
      const c = client();
      const onHead = head('300000003', { whlo: '100' });
      const temp = await c.addBatchHead(cuno, onHead);
      await c.addBatchLine(temp, line('ITM000001', '200'), onHead, 1);
      await c.addBatchLine(temp, line('ITM000002'), onHead, 2);
      const bare = head('300000004');
      const other = await c.addBatchHead(cuno, head('300000004', { whlo: '100' }));
      await c.addBatchLine(other, line('ITM000003'), bare, 1);
      const whlo = (t: string) => rig.sim.state.batchOrders.get(t)?.lines.map((l) => [l['CUPO'], l['WHLO']]);
      expect(whlo(temp)).toEqual([
        ['1', '200'],
        ['2', '100'],
      ]);
      expect(whlo(other)).toEqual([['1', '200']]);
    });

    it('lists the batch orders of exactly this CUOR with their status and real number', async () => {
      const c = client();
      const open = await c.addBatchHead(cuno, head('400000001'));
      const { orno, temp: released } = await placed('400000001');
      await c.addBatchHead(cuno, head('4000000011'));
      expect(await c.findBatchByCuor(cuno, ' 400000001 ')).toEqual([
        { tempOrno: open, stat: '10', ornr: '' },
        { tempOrno: released, stat: '90', ornr: orno },
      ]);
      expect(await c.findBatchByCuor(cuno, '40000000')).toEqual([]);
    });

    it('knows the lines already on a batch order by CUPO, ignoring lines without a customer line number', async () => {
      const c = client();
      const h = head('400000002');
      const temp = await c.addBatchHead(cuno, h);
      await c.addBatchLine(temp, line('ITM000001'), h, 1);
      await c.addBatchLine(temp, line('ITM000002'), h, 3);
      // lines added by hand in OIS275: no CUPO, or one that is not a line number
      await rig.mi.execute('OIS100MI', 'AddBatchLine', { ORNO: temp, ITNO: 'ITM000003', ORQT: '1', WHLO: '100' });
      for (const cupo of ['0', '2.5', '-4'])
        await rig.mi.execute('OIS100MI', 'AddBatchLine', { ORNO: temp, ITNO: 'ITM000003', ORQT: '1', CUPO: cupo });
      expect(await c.batchLineNumbers(temp)).toEqual(new Set([1, 3]));
    });
  });

  describe('Confirm and the reads after it', () => {
    it('gives the real number of a released batch order, and none while it is open or refused', async () => {
      const c = client();
      const h = head('500000001');
      const temp = await c.addBatchHead(cuno, h);
      await c.addBatchLine(temp, line('ITM000001'), h, 1);
      expect(await c.orderNoOf(temp)).toBeUndefined();
      const orno = await c.confirm(temp);
      expect(orno).not.toBe(temp);
      expect(rig.sim.state.orders.get(orno)?.head['CUOR']).toBe('500000001');
      expect(await c.orderNoOf(temp)).toBe(orno);

      rig.sim.miFaults.set({ confirmErrorItems: ['ITM000007'] });
      const refused = await c.addBatchHead(cuno, head('500000002'));
      await c.addBatchLine(refused, line('ITM000007'), h, 1);
      await expect(c.confirm(refused)).rejects.toMatchObject({ code: 'M3_BATCH_ORDER_REFUSED' });
      expect(await c.orderNoOf(refused)).toBeUndefined();
    });

    it('refuses a Confirm left in status 15, with the temporary number and status in the error', async () => {
      rig.sim.miFaults.set({ confirmErrorItems: ['ITM000007', 'ITM000008'] });
      const c = client();
      const h = head('500000003');
      const temp = await c.addBatchHead(cuno, h);
      await c.addBatchLine(temp, line('ITM000007'), h, 1);
      await c.addBatchLine(temp, line('ITM000008'), h, 2);
      const err = await c.confirm(temp).catch((e: unknown) => e);
      expect(err).toMatchObject({
        code: 'M3_BATCH_ORDER_REFUSED',
        retriable: false,
        details: { system: 'm3', operation: 'OIS100MI/Confirm', tempOrno: temp, stat: '15' },
      });
      expect((err as Error).message).toBe(
        `OIS100MI/Confirm left batch order ${temp} in status 15: no customer order was created`,
      );
      expect(await c.batchErrors(temp)).toEqual([
        'XIT0001 ITNO: Item ITM000007 is blocked for sale',
        'XIT0001 ITNO: Item ITM000008 is blocked for sale',
      ]);
    });

    it.each([
      ['no record at all', () => [], '?'],
      ['no order number', () => [{ STAT: '20' }], '20'],
      ['the temporary number back', (temp: string) => [{ ORNO: temp, STAT: '20' }], '20'],
      ['a number, but status 15', () => [{ ORNO: '1999999999', STAT: '15' }], '15'],
    ])('never takes a Confirm answered with %s for a customer order', async (_, answer, stat) => {
      const c = client();
      const h = head('500000004');
      const temp = await c.addBatchHead(cuno, h);
      await c.addBatchLine(temp, line('ITM000001'), h, 1);
      rewriteAnswers(rig, 'OIS100MI/Confirm', () => answer(temp));
      const err = await c.confirm(temp).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'M3_BATCH_ORDER_REFUSED', details: { tempOrno: temp } });
      expect((err as Error).message).toContain(`in status ${stat}:`);
    });

    it('does not take a temporary number from GetOrderNo for the real one', async () => {
      const c = client();
      const temp = await c.addBatchHead(cuno, head('500000005'));
      rewriteAnswers(rig, 'OIS100MI/GetOrderNo', () => [{ ORNR: temp }]);
      expect(await c.orderNoOf(temp)).toBeUndefined();
    });

    it('refuses an AddBatchHead answered without a temporary number', async () => {
      rewriteAnswers(rig, 'OIS100MI/AddBatchHead', () => [{ ORNO: '' }]);
      await expect(client().addBatchHead(cuno, head('500000006'))).rejects.toMatchObject({
        code: 'INTERNAL',
        message: 'OIS100MI/AddBatchHead answered OK without a temporary ORNO',
      });
    });
  });
});
