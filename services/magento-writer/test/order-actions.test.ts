// The ship and invoice actions on the Magento simulator: what they send (items by SKU, tracks, capture,
// notify, the M3 number and the idempotency marker in the comment), and when they send nothing because the
// document exists already (our marker, the delivery's tracking numbers, nothing left to invoice).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InvoiceOrder, ShipOrder } from '@m3mage/schemas/types';
import type { Order } from '@m3mage/simulators/magento';
import { createMagentoClient, type MagentoClient } from '../src/clients/magento.client';
import type { MagentoOrder, MagentoShipment } from '../src/clients/types';
import { invoiceAction } from '../src/handlers/invoice.action';
import { markerOf } from '../src/handlers/markers';
import { shipAction } from '../src/handlers/ship.action';
import { magentoSimRig, type MagentoSimRig } from './support/magento-sim';

const marker = markerOf('ship:000000001:D1');
const otherMarker = markerOf('ship:000000001:D0');

const allLines = (o: Order) => o.items.map((i) => ({ sku: i.sku, qty: String(i.qty_ordered) }));

const ship = (o: Order, over: Partial<ShipOrder> = {}): ShipOrder => ({
  m3DeliveryNo: 'D1',
  items: allLines(o),
  tracks: [{ trackNumber: 'TRK-1', title: 'DHL Paket', carrierCode: 'dhl' }],
  notify: true,
  ...over,
});

const invoice = (o: Order, over: Partial<InvoiceOrder> = {}): InvoiceOrder => ({
  m3InvoiceNo: '2026-17',
  items: allLines(o),
  capture: true,
  notify: false,
  ...over,
});

describe('order actions on the Magento simulator', () => {
  let rig: MagentoSimRig;
  let magento: MagentoClient;
  beforeEach(async () => {
    rig = await magentoSimRig();
    magento = createMagentoClient(rig.transport);
  });
  afterEach(() => rig.close());

  /** A new order of the simulator (one to four lines, one to three of each) whose first line has at least
   * `units` units, as magento-writer reads it: a document of one unit of it leaves some for the next. */
  async function placed(units = 1): Promise<{ o: Order; order: MagentoOrder }> {
    let o = rig.sim.placeOrders(1)[0]!;
    while (o.items[0]!.qty_ordered < units) o = rig.sim.placeOrders(1)[0]!;
    const order = await magento.orderByIncrementId(o.increment_id);
    return { o, order: order! };
  }
  const reread = async (o: Order) => (await magento.orderByIncrementId(o.increment_id))!;
  const writes = () => rig.calls().filter((c) => c.call.startsWith('POST '));
  const shipmentsOf = (o: Order) => [...rig.sim.state.shipments.values()].filter((s) => s.order_id === o.entity_id);
  const invoicesOf = (o: Order) => [...rig.sim.state.invoices.values()].filter((i) => i.order_id === o.entity_id);

  describe('ship', () => {
    it('ships the lines by order item with the tracks, notify and a comment naming the delivery and the marker', async () => {
      const { o, order } = await placed();
      expect(await shipAction(magento, order, ship(o), marker)).toBe('applied');
      expect(writes()).toEqual([
        {
          call: `POST /V1/order/${o.entity_id}/ship`,
          store: 'default',
          body: {
            items: o.items.map((i) => ({ order_item_id: i.item_id, qty: i.qty_ordered })),
            tracks: [{ track_number: 'TRK-1', title: 'DHL Paket', carrier_code: 'dhl' }],
            notify: true,
            appendComment: true,
            comment: { comment: `Shipped with M3 delivery D1. ${marker}`, is_visible_on_front: 0 },
          },
        },
      ]);
      const [shipment] = shipmentsOf(o);
      expect(shipment?.tracks.map((t) => [t.track_number, t.carrier_code])).toEqual([['TRK-1', 'dhl']]);
      expect(shipment?.email_sent).toBe(1);
    });

    it('ships once: the shipment carrying its marker is recognised on a repeat, even with other tracks', async () => {
      const { o, order } = await placed();
      await shipAction(magento, order, ship(o), marker);
      const again = ship(o, { tracks: [{ trackNumber: 'TRK-OTHER', title: 'UPS', carrierCode: 'ups' }] });
      expect(await shipAction(magento, order, again, marker)).toBe('already-applied');
      expect(writes()).toHaveLength(1);
      expect(shipmentsOf(o)).toHaveLength(1);
    });

    it('recognises a shipment holding every tracking number of the delivery, though its marker differs', async () => {
      const { o, order } = await placed(2);
      const line = o.items[0]!;
      const tracks = [
        { trackNumber: 'TRK-A', title: 'DHL', carrierCode: 'dhl' },
        { trackNumber: 'TRK-B', title: 'DHL', carrierCode: 'dhl' },
      ];
      await shipAction(magento, order, ship(o, { items: [{ sku: line.sku, qty: '1' }], tracks }), otherMarker);
      expect(await shipAction(magento, order, ship(o, { tracks: [...tracks].reverse() }), marker)).toBe(
        'already-applied',
      );
      expect(shipmentsOf(o)).toHaveLength(1);
    });

    it('ships a delivery whose tracking numbers are not all on one earlier shipment of the order', async () => {
      const { o, order } = await placed(3);
      const oneUnit = { items: [{ sku: o.items[0]!.sku, qty: '1' }] };
      const track = (n: string) => ({ trackNumber: n, title: 'DHL', carrierCode: 'dhl' });
      await shipAction(magento, order, ship(o, { ...oneUnit, tracks: [track('TRK-A')] }), otherMarker);
      const partly = ship(o, { ...oneUnit, tracks: [track('TRK-A'), track('TRK-B')] });
      expect(await shipAction(magento, await reread(o), partly, marker)).toBe('applied');
      const other = ship(o, { ...oneUnit, tracks: [track('TRK-C')] });
      expect(await shipAction(magento, await reread(o), other, markerOf('ship:000000001:D2'))).toBe('applied');
      expect(shipmentsOf(o).map((s) => s.tracks.map((t) => t.track_number))).toEqual([
        ['TRK-A'],
        ['TRK-A', 'TRK-B'],
        ['TRK-C'],
      ]);
    });

    it('ships a delivery without tracks next to an earlier shipment of the order that is not ours', async () => {
      const { o, order } = await placed(2);
      const line = o.items[0]!;
      const one = { items: [{ sku: line.sku, qty: '1' }] };
      await shipAction(magento, order, ship(o, { ...one, tracks: [] }), otherMarker);
      expect(await shipAction(magento, order, ship(o, { ...one, tracks: [] }), marker)).toBe('applied');
      expect(shipmentsOf(o)).toHaveLength(2);
      expect(shipmentsOf(o)[1]?.tracks).toEqual([]);
    });

    it('ships next to a shipment Magento lists without tracks or comments', async () => {
      const shipped: number[] = [];
      const bare: MagentoShipment = { entity_id: 1, order_id: 5 };
      const fake = {
        shipmentsOf: async () => [bare],
        ship: async (orderId: number) => {
          shipped.push(orderId);
          return 2;
        },
      } as unknown as MagentoClient;
      const order: MagentoOrder = {
        entity_id: 5,
        increment_id: '000000005',
        state: 'processing',
        status: 'processing',
        items: [{ item_id: 9, sku: 'A', qty_ordered: 1 }],
      };
      const cmd: ShipOrder = {
        m3DeliveryNo: 'D2',
        items: [{ sku: 'A', qty: '1' }],
        tracks: [{ trackNumber: 'T', title: 'DHL', carrierCode: 'dhl' }],
        notify: false,
      };
      expect(await shipAction(fake, order, cmd, marker)).toBe('applied');
      expect(shipped).toEqual([5]);
    });
  });

  describe('invoice', () => {
    it('invoices the lines with capture, notify and a comment naming the M3 invoice and the marker', async () => {
      const { o, order } = await placed();
      expect(await invoiceAction(magento, order, invoice(o), marker)).toBe('applied');
      expect(writes()).toEqual([
        {
          call: `POST /V1/order/${o.entity_id}/invoice`,
          store: 'default',
          body: {
            items: o.items.map((i) => ({ order_item_id: i.item_id, qty: i.qty_ordered })),
            capture: true,
            notify: false,
            appendComment: true,
            comment: { comment: `Invoiced with M3 invoice 2026-17. ${marker}`, is_visible_on_front: 0 },
          },
        },
      ]);
      expect(invoicesOf(o)).toHaveLength(1);
    });

    it('invoices once: a part-invoice carrying its marker is recognised on a repeat', async () => {
      const { o, order } = await placed(2);
      const part = invoice(o, { items: [{ sku: o.items[0]!.sku, qty: '1' }] });
      expect(await invoiceAction(magento, order, part, marker)).toBe('applied');
      expect(await invoiceAction(magento, await reread(o), part, marker)).toBe('already-applied');
      expect(writes()).toHaveLength(1);
      expect(invoicesOf(o)).toHaveLength(1);
    });

    it('sends nothing for an order with nothing left to invoice, whoever invoiced it', async () => {
      const { o, order } = await placed();
      await invoiceAction(magento, order, invoice(o, { m3InvoiceNo: 'by-hand' }), otherMarker);
      const invoiced = await reread(o);
      const reads = rig.calls().length;
      expect(await invoiceAction(magento, invoiced, invoice(o), marker)).toBe('already-applied');
      expect(rig.calls()).toHaveLength(reads); // not even the invoices are read
      expect(invoicesOf(o)).toHaveLength(1);
    });
  });
});
