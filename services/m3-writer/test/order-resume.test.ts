// The resumable batch entry's idempotency and error handling (ADR 0011), on the M3 simulator: what is kept
// after each kind of failure (an intent, a temporary number, nothing), what a later attempt resumes or
// cleans up, and the lineage every write of state.m3-writer.batch-orders.v1 carries.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@m3mage/runtime';
import type { BatchOrderEntry, CreateCustomerOrder } from '@m3mage/schemas/types';
import { inbound, memoryTable, orderCommand, recordingTable } from './support/commands';
import { beforeCall, callsOf, failing, rewriteAnswers } from './support/m3-answers';
import { m3Rig, type M3Rig } from './support/m3';
import { writerProcess, type WriterProcessOptions } from './support/writer-process';

type Batches = ReturnType<typeof memoryTable<BatchOrderEntry>>;

const lineage = (cuor: string) => ({
  correlationId: cuor,
  causationId: `cmd-${cuor}`,
  eventType: 'BatchOrderEntry',
  sourceSystem: 'M3',
});

describe('resumed order entry: what each failure leaves for the next attempt', () => {
  let rig: M3Rig;
  const now = () => rig.clock.now;
  const ordersWithCuor = (cuor: string) => [...rig.sim.state.orders.values()].filter((o) => o.head['CUOR'] === cuor);
  const batchesWithCuor = (cuor: string) =>
    [...rig.sim.state.batchOrders.values()].filter((b) => b.head['CUOR'] === cuor);
  const openBatches = () => [...rig.sim.state.batchOrders.values()].filter((b) => b.status !== '90');
  const run = (cmd: CreateCustomerOrder, attempt: number, o: WriterProcessOptions = {}) =>
    writerProcess(rig, { now, ...o }).handler(inbound(cmd, cmd.incrementId, attempt));
  const command = (cuor: string, items = ['ITM000001', 'ITM000002']) =>
    orderCommand(
      cuor,
      `${cuor}@example.com`,
      items.map((i) => [i, '1', '1']),
    );

  /** The command's attempt dies at Confirm (a lock): its batch order stays open, the entry has its number. */
  async function abandoned(cmd: CreateCustomerOrder, batches: Batches): Promise<string> {
    rig.sim.miFaults.set({ lockedRate: 1, transactions: ['OIS100MI/Confirm'] });
    await expect(run(cmd, 1, { batches })).rejects.toMatchObject({ code: 'M3_NOK', details: { m3Category: 'locked' } });
    rig.sim.miFaults.clear();
    const temp = batches.get(cmd.head.cuor)?.tempOrno;
    if (!temp) throw new Error('no temporary number kept');
    return temp;
  }

  beforeEach(async () => {
    rig = await m3Rig();
  });
  afterEach(() => rig.close());

  it('keeps the first attempt’s start and the command’s lineage on every write of the entry', async () => {
    const batches = recordingTable<BatchOrderEntry>();
    const cmd = command('000000701');
    const t0 = rig.clock.now;
    rig.sim.miFaults.set({ lostAnswerRate: 1, transactions: ['OIS100MI/AddBatchHead'] });
    await expect(run(cmd, 1, { batches })).rejects.toMatchObject({ code: 'HTTP_5XX' });
    // ten minutes later another process adopts the head whose answer was lost, and dies at Confirm
    rig.clock.now += 10 * 60_000;
    rig.sim.miFaults.set({ lockedRate: 1, transactions: ['OIS100MI/Confirm'] });
    await expect(run(cmd, 2, { batches })).rejects.toMatchObject({ code: 'M3_NOK' });
    const [adopted] = batchesWithCuor('000000701');
    expect(batches.get('000000701')).toEqual({
      cuor: '000000701',
      cuno: adopted?.head['CUNO'],
      tempOrno: adopted?.tempOrno,
      startedAt: t0, // the cleanup's grace period counts from the first attempt
      commandId: 'cmd-000000701',
    });
    rig.sim.miFaults.clear();
    expect(await run(cmd, 3, { batches })).toEqual({ outcome: 'ack' });
    expect(batches.writes).toEqual([
      { key: '000000701', value: expect.objectContaining({ tempOrno: null, startedAt: t0 }), meta: lineage('000000701') },
      {
        key: '000000701',
        value: expect.objectContaining({ tempOrno: adopted?.tempOrno, startedAt: t0 }),
        meta: lineage('000000701'),
      },
      { key: '000000701', value: null, meta: lineage('000000701') },
    ]);
    expect(ordersWithCuor('000000701')).toHaveLength(1);
  });

  it('keeps the intent when AddBatchHead met a lock, and the next attempt makes one batch order', async () => {
    const batches = memoryTable<BatchOrderEntry>();
    const cmd = command('000000702');
    rig.sim.miFaults.set({ lockedRate: 1, transactions: ['OIS100MI/AddBatchHead'] });
    await expect(run(cmd, 1, { batches })).rejects.toMatchObject({ code: 'M3_NOK', retriable: true });
    expect(batches.get('000000702')).toMatchObject({ tempOrno: null, commandId: 'cmd-000000702' });
    rig.sim.miFaults.clear();
    expect(await run(cmd, 2, { batches })).toEqual({ outcome: 'ack' });
    expect(batchesWithCuor('000000702')).toHaveLength(1);
    expect(ordersWithCuor('000000702')).toHaveLength(1);
  });

  /** After the first attempt failed on a line: the batch order is still open and the entry names it. */
  async function resumesKeptBatch(cmd: CreateCustomerOrder, batches: Batches): Promise<void> {
    const cuor = cmd.head.cuor;
    const [open] = openBatches();
    expect(openBatches()).toHaveLength(1);
    expect(batches.get(cuor)?.tempOrno).toBe(open?.tempOrno);
    expect(await run(cmd, 2, { batches })).toEqual({ outcome: 'ack' });
    expect(batchesWithCuor(cuor).map((b) => b.tempOrno)).toEqual([open?.tempOrno]);
    expect(ordersWithCuor(cuor)[0]?.lines.map((l) => l.ITNO)).toEqual(['ITM000001', 'ITM000002']);
  }

  it('keeps the batch order after a lock on a line and resumes it', async () => {
    const batches = memoryTable<BatchOrderEntry>();
    const cmd = command('000000703');
    rig.sim.miFaults.set({ lockedRate: 1, transactions: ['OIS100MI/AddBatchLine'] });
    await expect(run(cmd, 1, { batches })).rejects.toMatchObject({ code: 'M3_NOK', details: { m3Category: 'locked' } });
    rig.sim.miFaults.clear();
    await resumesKeptBatch(cmd, batches);
  });

  it('keeps the batch order when the breaker opens on a line and resumes it with the lines already there', async () => {
    const batches = memoryTable<BatchOrderEntry>();
    const cmd = command('000000704');
    let lines = 0;
    beforeCall(rig, 'OIS100MI/AddBatchLine', () => {
      lines += 1; // the first line goes through, the second finds the breaker open
      return lines === 2 ? Promise.reject(new AppError('BREAKER_OPEN', 'm3 breaker open (test)')) : Promise.resolve();
    });
    await expect(run(cmd, 1, { batches })).rejects.toMatchObject({ code: 'BREAKER_OPEN' });
    await resumesKeptBatch(cmd, batches);
  });

  it('discards the batch order after an unexpected failure on a line, and does not resume it in place', async () => {
    const batches = memoryTable<BatchOrderEntry>();
    const cmd = command('000000705');
    failing(rig, 'OIS100MI/AddBatchLine', 1, () => new AppError('INTERNAL', 'unexpected answer (test)'));
    const sleeps: number[] = [];
    const err = await run(cmd, 1, {
      batches,
      resumeRetries: 3,
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'INTERNAL', message: 'unexpected answer (test)' });
    expect(sleeps).toEqual([]);
    expect(openBatches()).toEqual([]);
    expect(batches.size()).toBe(0);
  });

  it('starts afresh when the batch order of the entry was deleted in M3 meanwhile', async () => {
    const batches = recordingTable<BatchOrderEntry>();
    const cmd = command('000000706');
    const temp = await abandoned(cmd, batches);
    const before = batches.get('000000706');
    await rig.mi.execute('OIS100MI', 'DelBatchHead', { ORNO: temp }); // by hand in OIS275
    rig.clock.now += 60_000;
    rig.sim.miFaults.set({ lockedRate: 1, transactions: ['OIS100MI/AddBatchHead'] });
    await expect(run(cmd, 2, { batches })).rejects.toMatchObject({ code: 'M3_NOK', details: { m3Category: 'locked' } });
    expect(batches.get('000000706')).toEqual({ ...before, tempOrno: null });
    expect(batches.writes.at(-1)).toEqual({
      key: '000000706',
      value: { ...before, tempOrno: null },
      meta: lineage('000000706'),
    });
    rig.sim.miFaults.clear();
    expect(await run(cmd, 3, { batches })).toEqual({ outcome: 'ack' });
    expect(ordersWithCuor('000000706')).toHaveLength(1);
    expect(openBatches()).toEqual([]);
    expect(batches.size()).toBe(0);
  });

  it.each([
    ['a timeout', () => new AppError('HTTP_TIMEOUT', 'GetOrderNo timed out (test)')],
    ['a NOK without a field', () => new AppError('M3_NOK', 'M3 ServerReturnedNOK: (test)', { details: {} })],
    [
      'a NOK about another field',
      () =>
        new AppError('M3_NOK', 'M3 ServerReturnedNOK (XAU0008, field CONO): Not authorized', {
          details: { system: 'm3', m3Field: 'CONO', m3Category: 'not-authorized' },
        }),
    ],
    [
      'an error about ORNO that is not M3’s NOK',
      () =>
        new AppError('M3_FIELD_TOO_LONG', 'OIS100MI/GetOrderNo: ORNO is too long (test)', {
          details: { system: 'm3', m3Field: 'ORNO' },
        }),
    ],
  ])('keeps the temporary number when GetOrderNo fails with %s', async (_, err) => {
    const batches = memoryTable<BatchOrderEntry>();
    const cmd = command('000000707');
    const temp = await abandoned(cmd, batches);
    failing(rig, 'OIS100MI/GetOrderNo', 1, err);
    await expect(run(cmd, 2, { batches })).rejects.toMatchObject({ code: err().code });
    expect(batches.get('000000707')?.tempOrno).toBe(temp);
    expect(openBatches().map((b) => b.tempOrno)).toEqual([temp]);
    expect(await run(cmd, 3, { batches })).toEqual({ outcome: 'ack' });
    expect(batchesWithCuor('000000707').map((b) => [b.tempOrno, b.status])).toEqual([[temp, '90']]);
  });

  it('recognises a released batch order by GetOrderNo: no look-up by CUOR, no DelBatchHead', async () => {
    const batches = memoryTable<BatchOrderEntry>();
    const cmd = command('000000708');
    rig.sim.miFaults.set({ lostAnswerRate: 1, transactions: ['OIS100MI/Confirm'] });
    await expect(run(cmd, 1, { batches })).rejects.toMatchObject({ code: 'HTTP_5XX' });
    rig.sim.miFaults.clear();
    const [released] = ordersWithCuor('000000708');
    const lstHead = callsOf(rig, 'OIS100MI/LstHead');
    const p = writerProcess(rig, { batches, now });
    expect(await p.handler(inbound(cmd, cmd.incrementId, 2))).toEqual({ outcome: 'ack' });
    expect(p.published).toEqual([expect.objectContaining({ incrementId: '000000708', orno: released?.ORNO })]);
    expect(callsOf(rig, 'OIS100MI/LstHead')).toBe(lstHead);
    expect(callsOf(rig, 'OIS100MI/DelBatchHead')).toBe(0);
    expect(batches.size()).toBe(0);
  });

  it('deletes its own unfinished batch order when the order was created meanwhile (by another process)', async () => {
    const batches = memoryTable<BatchOrderEntry>();
    const cmd = command('000000709');
    const temp = await abandoned(cmd, batches);
    const other = writerProcess(rig, { now }); // its own (empty) view of the batch entries
    await other.handler(inbound(cmd, cmd.incrementId, 1));
    const [order] = ordersWithCuor('000000709');
    const p = writerProcess(rig, { batches, now });
    expect(await p.handler(inbound(cmd, cmd.incrementId, 2))).toEqual({ outcome: 'ack' });
    expect(p.published).toEqual([expect.objectContaining({ orno: order?.ORNO })]);
    expect(rig.sim.state.batchOrders.has(temp)).toBe(false);
    expect(batchesWithCuor('000000709').map((b) => b.status)).toEqual(['90']);
    expect(ordersWithCuor('000000709')).toHaveLength(1);
    expect(batches.size()).toBe(0);
  });

  it('deletes the head of a lost AddBatchHead answer when the order was created meanwhile, not the released one', async () => {
    const batches = memoryTable<BatchOrderEntry>();
    const cmd = command('000000710');
    rig.sim.miFaults.set({ lostAnswerRate: 1, transactions: ['OIS100MI/AddBatchHead'] });
    await expect(run(cmd, 1, { batches })).rejects.toMatchObject({ code: 'HTTP_5XX' });
    rig.sim.miFaults.clear();
    const [lost] = batchesWithCuor('000000710');
    await writerProcess(rig, { now }).handler(inbound(cmd, cmd.incrementId, 1));
    expect(await run(cmd, 2, { batches })).toEqual({ outcome: 'ack' });
    expect(rig.sim.state.batchOrders.has(lost?.tempOrno ?? '')).toBe(false);
    expect(batchesWithCuor('000000710').map((b) => b.status)).toEqual(['90']);
    expect(batches.size()).toBe(0);
  });

  it('enters an order without a ship-to address without AddBatchAddress', async () => {
    const cmd = { ...command('000000711'), shipTo: null };
    expect(await run(cmd, 1)).toEqual({ outcome: 'ack' });
    expect(ordersWithCuor('000000711')[0]?.addresses).toEqual([]);
    expect(callsOf(rig, 'OIS100MI/AddBatchAddress')).toBe(0);
  });
});

describe('a batch order M3 will not release (Confirm in status 15)', () => {
  let rig: M3Rig;
  beforeEach(async () => {
    rig = await m3Rig();
    rig.sim.miFaults.set({ confirmErrorItems: ['ITM000007', 'ITM000008'] });
  });
  afterEach(() => rig.close());
  const cmd = () =>
    orderCommand('000000801', 'refused@example.com', [
      ['ITM000007', '1', '1'],
      ['ITM000008', '1', '1'],
    ]);
  const refusal = async (batches = memoryTable<BatchOrderEntry>()) => {
    const c = cmd();
    return writerProcess(rig, { batches })
      .handler(inbound(c, c.incrementId))
      .catch((e: unknown) => e as AppError);
  };

  it('names every error M3 keeps on it, and says it was deleted', async () => {
    const err = await refusal();
    const errors = ['XIT0001 ITNO: Item ITM000007 is blocked for sale', 'XIT0001 ITNO: Item ITM000008 is blocked for sale'];
    expect(err).toMatchObject({
      code: 'M3_BATCH_ORDER_REFUSED',
      details: { system: 'm3', operation: 'OIS100MI/Confirm', stat: '15', m3Errors: errors },
    });
    const temp = String(err.details?.['tempOrno']);
    expect(err.message).toContain(`M3 said: ${errors.join('; ')} — batch order ${temp} was deleted`);
    expect(err.cause).toMatchObject({ code: 'M3_BATCH_ORDER_REFUSED', details: { tempOrno: temp } });
    expect(rig.sim.state.batchOrders.has(temp)).toBe(false);
  });

  it('says so when the errors cannot be read, or M3 keeps none', async () => {
    failing(rig, 'OIS100MI/LstErrMsgOrder', 1);
    const unread = await refusal();
    expect(unread).toMatchObject({ code: 'M3_BATCH_ORDER_REFUSED', details: { m3Errors: ['(errors could not be read)'] } });
    expect(unread.message).toContain('M3 said: (errors could not be read) — batch order');
    rewriteAnswers(rig, 'OIS100MI/LstErrMsgOrder', () => []);
    const none = await refusal();
    expect(none).toMatchObject({ details: { m3Errors: [] } });
    expect(none.message).toContain('M3 said: (no error text) — batch order');
  });

  it('is not put off when the batch order was deleted by someone else first', async () => {
    beforeCall(rig, 'OIS100MI/DelBatchHead', (req) => {
      rig.sim.state.batchOrders.delete(String(req.query?.['ORNO'])); // the cleanup of another instance got there first
      return Promise.resolve();
    });
    const batches = memoryTable<BatchOrderEntry>();
    const err = await refusal(batches);
    expect(err).toMatchObject({ code: 'M3_BATCH_ORDER_REFUSED' });
    expect(rig.sim.state.batchOrders.size).toBe(0);
    expect(batches.size()).toBe(0);
  });

  it('keeps the entry when DelBatchHead fails, so the batch order is deleted later', async () => {
    failing(rig, 'OIS100MI/DelBatchHead', 1);
    const batches = memoryTable<BatchOrderEntry>();
    expect(await refusal(batches)).toMatchObject({ code: 'HTTP_TIMEOUT' });
    const [left] = [...rig.sim.state.batchOrders.values()];
    expect(left?.status).toBe('15');
    expect(batches.get('000000801')?.tempOrno).toBe(left?.tempOrno);
    expect(await refusal(batches)).toMatchObject({ code: 'M3_BATCH_ORDER_REFUSED' });
    expect(rig.sim.state.batchOrders.size).toBe(0);
    expect(batches.size()).toBe(0);
  });
});
