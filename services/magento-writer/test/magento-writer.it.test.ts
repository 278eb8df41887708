// magento-writer on the real broker and registry against the in-process Magento simulator.
import { createMagentoSimulator, type MagentoSimulator, type Order } from '@m3mage/simulators/magento';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command, readAll, startWriter, waitFor, type Rig } from './support/rig';

const shipCmd = (o: Order, dlix: string, items = o.items.map((i) => ({ sku: i.sku, qty: String(i.qty_ordered) }))) =>
  command(o.increment_id, `ship:${o.increment_id}:${dlix}`, {
    'm3mage.commands.ShipOrder': {
      m3DeliveryNo: dlix,
      items,
      tracks: [{ trackNumber: `TRK-${o.increment_id}`, title: 'DHL', carrierCode: 'dhl' }],
      notify: true,
    },
  });
const invoiceCmd = (o: Order, ivno: string) =>
  command(o.increment_id, `invoice:${o.increment_id}:${ivno}`, {
    'm3mage.commands.InvoiceOrder': {
      m3InvoiceNo: ivno,
      items: o.items.map((i) => ({ sku: i.sku, qty: String(i.qty_ordered) })),
      capture: false,
      notify: true,
    },
  });

describe('magento-writer (real broker + registry, Magento simulator)', () => {
  let sim: MagentoSimulator;
  let rig: Rig;

  beforeAll(async () => {
    sim = createMagentoSimulator({ sizes: { orders: 0 } });
    const url = await sim.app.listen({ host: '127.0.0.1', port: 0 });
    rig = await startWriter(sim, url);
  });
  afterAll(async () => {
    await rig?.stop();
    await sim?.close();
  });

  const shipmentsOf = (o: Order) => [...sim.state.shipments.values()].filter((s) => s.order_id === o.entity_id);
  const invoicesOf = (o: Order) => [...sim.state.invoices.values()].filter((i) => i.order_id === o.entity_id);

  it('ships and invoices each order once, with its tracking number, though every command arrives twice', async () => {
    const orders = sim.placeOrders(20);
    const cmds = orders.flatMap((o, n) => [shipCmd(o, `D${n}`), invoiceCmd(o, `2026-${n}`)]);
    // every command twice, interleaved per order; all orders at once (the simulator's write hazard is 25 ms)
    await Promise.all([...cmds, ...cmds].map((c) => rig.send(c)));
    await waitFor(
      () => orders.every((o) => shipmentsOf(o).length >= 1 && invoicesOf(o).length >= 1),
      60_000,
      'every order shipped and invoiced',
    );
    await rig.caughtUp(); // the duplicates are processed too
    for (const o of orders) {
      const shipments = shipmentsOf(o);
      expect(shipments).toHaveLength(1);
      expect(shipments[0]?.tracks.map((t) => t.track_number)).toEqual([`TRK-${o.increment_id}`]);
      expect(invoicesOf(o)).toHaveLength(1);
      expect(sim.state.orders.get(o.entity_id)?.state).toBe('complete');
    }
    expect(sim.state.corruptions.size).toBe(0);
    expect(await readAll(rig.ctx, `${rig.ns}magento-writer.dlq`)).toEqual([]);
  });

  it('adds a status comment once', async () => {
    const [o] = sim.placeOrders(1);
    const cmd = command(o!.increment_id, `comment:${o!.increment_id}:1:33`, {
      'm3mage.commands.AddOrderComment': {
        status: null,
        comment: 'Picking list released in M3 (status 33).',
        m3Status: '33',
        notifyCustomer: false,
      },
    });
    await rig.send(cmd);
    await rig.send(cmd);
    const comments = () =>
      sim.state.orders.get(o!.entity_id)!.status_histories.filter((h) => h.comment.includes('status 33'));
    await waitFor(() => comments().length >= 1, 30_000, 'comment');
    await rig.caughtUp();
    expect(comments()).toHaveLength(1);
  });

  it('dead-letters an unknown SKU and an over-shipment with the reason, and other orders still flow', async () => {
    const [a, b, c] = sim.placeOrders(3);
    await rig.send(shipCmd(a!, 'DX1', [{ sku: 'NOT-ON-ORDER', qty: '1' }]));
    await rig.send(shipCmd(b!, 'DX2', [{ sku: b!.items[0]!.sku, qty: String(b!.items[0]!.qty_ordered + 5) }]));
    await rig.send(shipCmd(c!, 'DX3'));
    await waitFor(() => shipmentsOf(c!).length === 1, 30_000, 'order c shipped');
    await rig.caughtUp();
    const dlq = (await readAll(rig.ctx, `${rig.ns}magento-writer.dlq`)) as Array<{
      originalKey: string;
      errorCode: string;
      errorMessage: string;
    }>;
    expect(dlq).toHaveLength(2);
    const byKey = new Map(dlq.map((d) => [d.originalKey, d]));
    expect(byKey.get(a!.increment_id)).toMatchObject({ errorCode: 'MAPPING_UNMAPPABLE' });
    expect(byKey.get(a!.increment_id)?.errorMessage).toContain("SKU 'NOT-ON-ORDER' not on Magento order");
    expect(byKey.get(b!.increment_id)).toMatchObject({ errorCode: 'MAGENTO_VALIDATION' });
    expect(byKey.get(b!.increment_id)?.errorMessage).toMatch(/ship|quantity/i);
    expect(shipmentsOf(a!)).toHaveLength(0);
    expect(shipmentsOf(b!)).toHaveLength(0);
  });
});
