// m3-writer on the real broker and registry, against the in-process M3 simulator.
import { createM3Simulator, type M3Simulator } from '@m3mage/simulators/m3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateCustomerOrder, UpsertCustomer } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { customer, orderCommand } from './support/commands';
import { readAll, startWriter, waitFor, type WriterRig } from './support/kafka';

const send = (rig: WriterRig, cmd: CreateCustomerOrder) =>
  rig.ctx.producer.send({
    topic: TOPIC.cmdM3CustomerOrder,
    key: cmd.incrementId,
    value: cmd,
    meta: { correlationId: cmd.incrementId, eventType: 'CreateCustomerOrder', sourceSystem: 'MAGENTO' as const },
  });

const ordersOf = (sim: M3Simulator, cuor: string) =>
  [...sim.state.orders.values()].filter((o) => o.head['CUOR'] === cuor);

describe('m3-writer (real broker + registry, M3 simulator)', () => {
  let sim: M3Simulator;
  let rig: WriterRig;
  const run = Date.now().toString(36).slice(-6);
  const id = (n: number) => `IT${run}${String(n).padStart(4, '0')}`;

  beforeAll(async () => {
    sim = createM3Simulator();
    const base = await sim.listen();
    rig = await startWriter(sim, base);
  });
  afterAll(async () => {
    await rig?.stop();
    await sim?.close();
  });

  it('turns N commands into exactly N confirmed orders, each customer created once', async () => {
    const emails = ['a', 'b', 'c', 'd'].map((x) => `${x}.${run}@example.com`);
    const cmds = Array.from({ length: 16 }, (_, i) =>
      orderCommand(id(i), emails[i % 4] ?? '', [
        [`ITM00000${(i % 9) + 1}`, String(1 + (i % 3)), `${10 + i}.50`],
        ['ITM000010', '2', '3.25'],
      ]),
    );
    await Promise.all(cmds.map((c) => send(rig, c)));
    await waitFor(() => cmds.every((c) => ordersOf(sim, c.incrementId).length === 1), 60_000, '16 orders');
    for (const c of cmds) {
      const [order] = ordersOf(sim, c.incrementId);
      expect(order?.lines.map((l) => [l.ITNO, l.ORQT, l.SAPR])).toEqual(
        c.lines.map((l) => [l.itno, Number(l.orqt), Number(l.sapr)]),
      );
      expect(sim.state.customers.get(order?.head['CUNO'] ?? '')?.rec['MAIL']).toBe(c.customer.email);
      expect(order?.addresses[0]).toMatchObject({ ADRT: '1', CUA1: 'Leveransvägen 3', PONO: '41103' });
    }
    for (const email of emails) {
      expect([...sim.state.customers.values()].filter((c) => c.rec['MAIL'] === email)).toHaveLength(1);
    }
    await waitFor(() => cmds.every((c) => rig.app.xrefOrders.get(c.incrementId) !== undefined), 10_000, 'xrefs');
    const xrefs = (await readAll(rig.ctx, rig.topic(TOPIC.xrefOrder))) as Array<{ incrementId: string; orno: string }>;
    for (const c of cmds) {
      expect(xrefs.find((x) => x.incrementId === c.incrementId)?.orno).toBe(ordersOf(sim, c.incrementId)[0]?.ORNO);
    }
  });

  it('applies Magento account changes newest first: one customer, the newest name, the older version ignored', async () => {
    const email = `account.${run}@example.com`;
    const magentoCustomerId = Number(`7${Date.now() % 1_000_000}`);
    const account = (version: number, cunm: string): UpsertCustomer => ({
      meta: {
        commandId: `cmd-${run}-${version}`,
        idempotencyKey: `customer:${magentoCustomerId}:UPSERT:${version}`,
        correlationId: email,
        causationId: `evt-${run}-${version}`,
        issuedAt: Date.now(),
      },
      customer: { ...customer(email, cunm), magentoCustomerId },
      origin: 'ACCOUNT',
      action: 'UPSERT',
      version: String(version),
      updateFields: ['CUNM', 'CUA1', 'CUA2', 'CUA3', 'CUA4', 'PONO', 'TOWN', 'CSCD', 'MAIL'],
      createIfMissing: true,
      deliveryAddress: null,
      deactivateStatus: null,
    });
    const sendAccount = (cmd: UpsertCustomer) =>
      rig.ctx.producer.send({
        topic: TOPIC.cmdM3Customer,
        key: email,
        value: cmd,
        meta: { correlationId: email, eventType: 'UpsertCustomer', sourceSystem: 'MAGENTO' as const },
      });
    await sendAccount(account(1000, 'First Name'));
    await sendAccount(account(3000, 'Newest Name'));
    await sendAccount(account(2000, 'Late Older Name'));
    await sendAccount(account(3000, 'Newest Name'));
    await sendAccount(account(4000, 'Sentinel'));
    const customers = () => [...sim.state.customers.values()].filter((c) => c.rec['MAIL'] === email);
    // Same key, same partition, in order: once the sentinel is applied, every command before it was handled.
    await waitFor(() => customers()[0]?.rec['CUNM'] === 'Sentinel', 30_000, 'the sentinel account change in M3');
    expect(customers()).toHaveLength(1);
    const applied = (await readAll(rig.ctx, rig.topic(TOPIC.stateM3WriterCustomers))) as Array<{ version: string }>;
    // Versions recorded: 1000, 3000, 4000 — the older 2000 and the repeated 3000 changed nothing.
    expect(applied.map((v) => v.version.split('#')[0])).toEqual(['1000', '3000', '4000']);
  });

  it('creates one order when the same command is delivered twice', async () => {
    const cmd = orderCommand(id(100), `dup.${run}@example.com`, [['ITM000001', '1', '1.00']]);
    await send(rig, cmd);
    await send(rig, cmd);
    await waitFor(() => ordersOf(sim, cmd.incrementId).length === 1, 30_000, 'order');
    await waitFor(() => rig.app.xrefOrders.get(cmd.incrementId) !== undefined, 10_000, 'xref');
    await rig.caughtUp(); // the second delivery is handled too
    const xrefs = (await readAll(rig.ctx, rig.topic(TOPIC.xrefOrder))) as Array<{ incrementId: string }>;
    expect(ordersOf(sim, cmd.incrementId)).toHaveLength(1);
    expect(xrefs.filter((x) => x.incrementId === cmd.incrementId).length).toBeGreaterThanOrEqual(1);
  });

  it('waits out an outage announced with Retry-After inside the calls: held until it ends, nothing dead-lettered', async () => {
    const now = Date.now();
    const end = now + 4000;
    sim.faults.setProfile({ outages: [{ fromMs: now, toMs: end }] });
    const cmds = Array.from({ length: 8 }, (_, i) =>
      orderCommand(id(200 + i), `outage${i}.${run}@example.com`, [['ITM000002', '1', '2.00']]),
    );
    await Promise.all(cmds.map((c) => send(rig, c)));
    await waitFor(() => cmds.every((c) => ordersOf(sim, c.incrementId).length === 1), 60_000, 'orders after outage');
    const cuors = new Set(cmds.map((c) => c.incrementId));
    const entered = [...sim.state.batchOrders.values()].filter((b) => cuors.has(b.head['CUOR'] ?? ''));
    expect(entered.map((b) => b.status)).toEqual(cmds.map(() => '90'));
    expect(
      Math.min(...entered.map((b) => b.createdAt)),
      'no batch order entered during the outage',
    ).toBeGreaterThanOrEqual(end);
    sim.faults.setProfile({});
    await rig.caughtUp();
    expect(await readAll(rig.ctx, rig.dlq)).toEqual([]);
  });

  it('pauses its partitions while M3 fails every call (500, no Retry-After), then completes every order once', async () => {
    sim.faults.setProfile({ errorRate: 1 });
    const cmds = Array.from({ length: 8 }, (_, i) =>
      orderCommand(id(250 + i), `down${i}.${run}@example.com`, [['ITM000002', '1', '2.00']]),
    );
    await Promise.all(cmds.map((c) => send(rig, c)));
    try {
      await waitFor(() => rig.app.consumer.paused().length > 0, 15_000, 'paused partitions');
    } finally {
      sim.faults.setProfile({});
    }
    await waitFor(
      () => cmds.every((c) => ordersOf(sim, c.incrementId).length === 1),
      60_000,
      'orders after the failures',
    );
    await rig.caughtUp();
    expect(await readAll(rig.ctx, rig.dlq)).toEqual([]);
  });

  it('retries an unknown item, then dead-letters it with an actionable reason', async () => {
    const cmd = orderCommand(id(300), `unknown.${run}@example.com`, [['NO-SUCH-ITEM', '1', '1.00']]);
    await send(rig, cmd);
    await rig.caughtUp(); // through both retry tiers into the DLQ
    const dead = (await readAll(rig.ctx, rig.dlq)) as Array<{
      errorCode: string;
      errorMessage: string;
      stage: string;
      attempts: number;
      originalKey: string;
    }>;
    const record = dead.find((d) => d.originalKey === cmd.incrementId);
    expect(record).toMatchObject({ errorCode: 'MAPPING_NOT_YET', stage: 'retry-exhausted', attempts: 3 });
    expect(record?.errorMessage).toContain('Item NO-SUCH-ITEM');
    expect(ordersOf(sim, cmd.incrementId)).toHaveLength(0);
  });
});
