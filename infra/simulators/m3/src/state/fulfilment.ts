import { num } from '../transactions/common';
import { orderAmount, orderChanged } from './orders';
import { issue } from './stock';
import type { M3State } from './store';
import type { Delivery, Invoice, Order } from './types';

export class FulfilmentError extends Error {
  constructor(
    message: string,
    readonly status: 404 | 409,
  ) {
    super(message);
    this.name = 'FulfilmentError';
  }
}

export interface ShipOptions {
  trackingNumbers?: string[];
  carrier?: string;
}

/**
 * Warehouse and billing steps M3 users perform in MWS410/MHS850/OIS180, driven by the control API:
 * release (33) → pick (44) → ship with tracking (66, delivery + stock issue, a TTYP 31 stock transaction per line;
 * an item in status 50 whose stock runs out goes to 80) → invoice (77, invoice + voucher).
 * Each step runs the earlier ones if needed, so every status appears in the order history.
 */
export class Fulfilment {
  constructor(private readonly state: M3State) {}

  private order(orno: string): Order {
    const o = this.state.orders.get(orno);
    if (!o) throw new FulfilmentError(`Order ${orno} does not exist`, 404);
    return o;
  }

  private setStatus(order: Order, from: string, to: string): boolean {
    const lines = order.lines.filter((l) => l.ORST === from);
    for (const l of lines) l.ORST = to;
    if (lines.length > 0) orderChanged(this.state, order, 'Change');
    return lines.length > 0;
  }

  release(orno: string): Order {
    const order = this.order(orno);
    if (order.lines.some((l) => l.ORST === '22')) {
      if (!order.deliveries.some((d) => this.state.deliveries.get(d)?.PGRS !== '90')) this.createDelivery(order);
      this.setStatus(order, '22', '33');
    }
    return order;
  }

  pick(orno: string): Order {
    const order = this.release(orno);
    const delivery = this.openDelivery(order);
    if (delivery) delivery.PGRS = '60';
    this.setStatus(order, '33', '44');
    return order;
  }

  ship(orno: string, opts: ShipOptions = {}): Delivery {
    const order = this.pick(orno);
    const delivery = this.openDelivery(order);
    if (!delivery) throw new FulfilmentError(`Order ${orno} has nothing left to ship`, 409);
    const tracking = opts.trackingNumbers?.length
      ? opts.trackingNumbers
      : [`1Z${String(this.state.next('tracking', 100000001)).padStart(16, '0')}`];
    delivery.packages = tracking.map((t) => {
      const panr = String(this.state.next('package', 1));
      const serial = String(this.state.next('sscc', 1)).padStart(10, '0');
      return { PANR: panr, SSCC: `007350000${serial}`.slice(0, 18), trackingNumber: t };
    });
    delivery.carrier = opts.carrier ?? 'UPS';
    delivery.PGRS = '90';
    delivery.shippedDate = this.state.today();
    const shipped = order.lines.filter((x) => x.ORST === '44');
    for (const l of shipped) {
      l.DLQT = l.ORQT;
      issue(this.state, l.WHLO, l.ITNO, l.ORQT, { RIDN: order.ORNO, RIDL: l.PONR, RIDI: delivery.DLIX });
    }
    this.state.changed({ noun: 'Shipment', id: delivery.DLIX, action: 'Add' });
    this.setStatus(order, '44', '66');
    return delivery;
  }

  invoice(orno: string): Invoice {
    const order = this.order(orno);
    if (order.lines.some((l) => l.ORST < '66')) this.ship(orno);
    const lines = order.lines.filter((l) => l.ORST === '66');
    if (lines.length === 0) throw new FulfilmentError(`Order ${orno} has nothing left to invoice`, 409);
    const customer = this.state.customers.get(order.head.CUNO ?? '');
    const today = this.state.today();
    const ivno = String(this.state.next('invoice', 100000001));
    const invoice: Invoice = {
      IVNO: ivno,
      YEA4: today.slice(0, 4),
      ORNO: orno,
      DLIX: order.deliveries.at(-1) ?? '',
      CUNO: order.head.CUNO ?? '',
      CUNM: customer?.rec.CUNM ?? '',
      CUCD: order.head.CUCD ?? this.state.company.CUCD,
      IDAT: today,
      DUDT: today,
      amount: Number(orderAmount({ ...order, lines }).toFixed(2)),
      VONO: '',
      lines: lines.map((l) => ({
        PONR: l.PONR,
        ITNO: l.ITNO,
        qty: l.DLQT,
        amount: Number((l.DLQT * l.SAPR).toFixed(2)),
      })),
    };
    invoice.VONO = this.postSalesVoucher(invoice);
    for (const l of lines) l.IVQT = l.DLQT;
    const delivery = this.state.deliveries.get(invoice.DLIX);
    if (delivery) delivery.IVNO = ivno;
    this.state.invoices.set(ivno, invoice);
    order.invoices.push(ivno);
    this.state.changed({ noun: 'Invoice', id: ivno, action: 'Add' });
    this.setStatus(order, '66', '77');
    return invoice;
  }

  private openDelivery(order: Order): Delivery | undefined {
    return order.deliveries.map((d) => this.state.deliveries.get(d)).find((d) => d !== undefined && d.PGRS !== '90');
  }

  private createDelivery(order: Order): Delivery {
    const dlix = String(this.state.next('delivery', 100000001));
    const lines = order.lines.filter((l) => l.ORST === '22');
    const delivery: Delivery = {
      DLIX: dlix,
      ORNO: order.ORNO,
      WHLO: lines[0]?.WHLO ?? '',
      CUNO: order.head.CUNO ?? '',
      CUOR: order.head.CUOR ?? '',
      lines: lines.map((l) => ({ PONR: l.PONR, ITNO: l.ITNO, qty: l.ORQT })),
      packages: [],
      carrier: '',
      PGRS: '50',
      shippedDate: '',
      IVNO: '',
    };
    this.state.deliveries.set(dlix, delivery);
    order.deliveries.push(dlix);
    return delivery;
  }

  /** Accounts receivable against sales, as OIS180 invoicing posts it (accounting strings are the simulator's). */
  private postSalesVoucher(inv: Invoice): string {
    const vono = String(this.state.next('voucher', 1));
    const text = `Invoice ${inv.IVNO}`;
    this.state.vouchers.set(`${inv.YEA4}|${vono}`, {
      VONO: vono,
      DIVI: this.state.company.DIVI,
      YEA4: inv.YEA4,
      VSER: 'IN',
      ACDT: inv.IDAT,
      KEY1: '',
      text,
      lines: [
        { ACCT: { AIT1: '1510' }, amount: inv.amount, CUCD: inv.CUCD, VTXT: text, JSNO: 1 },
        { ACCT: { AIT1: '3010' }, amount: -inv.amount, CUCD: inv.CUCD, VTXT: text, JSNO: 2 },
      ],
    });
    return num(Number(vono));
  }
}
