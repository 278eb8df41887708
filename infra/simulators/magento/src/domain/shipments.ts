import { magentoDate } from '../http/dates';
import { errors } from '../http/errors';
import { MagentoState } from '../state/store';
import type { Order, Shipment } from '../state/types';
import type { DomainContext } from './context';
import { resolveQtys, type RequestedItem } from './document-qtys';
import { touch } from './orders';
import { compensateForShipment } from './reservations';
import { advanceState, qtyToShip, round4 } from './order-status';

export interface ShipRequest {
  items?: RequestedItem[];
  notify?: boolean;
  appendComment?: boolean;
  comment?: { comment?: string; is_visible_on_front?: number };
  tracks?: Array<{ track_number?: string; title?: string; carrier_code?: string }>;
  packages?: unknown[];
  /** MSI: `arguments.extension_attributes.source_code`, the source shipped from (default: `default`). */
  arguments?: { extension_attributes?: { source_code?: string } };
}

const BLOCKED_STATES = ['payment_review', 'holded', 'canceled'];

/** `POST /V1/order/{id}/ship` with Magento's validations; returns the new shipment. */
export function shipOrder(ctx: DomainContext, order: Order, req: ShipRequest): Shipment {
  const messages: string[] = [];
  if (BLOCKED_STATES.includes(order.state) || order.is_virtual) {
    messages.push(`A shipment cannot be created when an order has a status of ${order.status}`);
  } else if (!order.items.some((i) => qtyToShip(i) > 0)) {
    messages.push('The order does not allow a shipment to be created.');
  }
  const lines = messages.length ? [] : resolveQtys(order, req.items, 'ship', messages);
  for (const t of req.tracks ?? []) {
    if (!t.track_number) messages.push('"Number" is required. Enter and try again.');
    if (!t.carrier_code) messages.push('"Carrier Code" is required. Enter and try again.');
  }
  if (messages.length) throw errors.badRequest(`Shipment Document Validation Error(s):\n${messages.join('\n')}`);

  const { state } = ctx;
  const now = magentoDate(ctx.now());
  const id = state.nextId('shipment');
  const shippingAddress = order.extension_attributes.shipping_assignments[0]?.shipping.address;
  const shipment: Shipment = {
    entity_id: id,
    increment_id: MagentoState.incrementId(id),
    order_id: order.entity_id,
    store_id: order.store_id,
    customer_id: order.customer_id,
    billing_address_id: order.billing_address.entity_id,
    shipping_address_id: shippingAddress?.entity_id ?? order.billing_address.entity_id,
    total_qty: round4(lines.reduce((s, l) => s + l.qty, 0)),
    total_weight: round4(lines.reduce((s, l) => s + l.qty * l.item.weight, 0)),
    email_sent: req.notify ? 1 : null,
    created_at: now,
    updated_at: now,
    items: lines.map(({ item, qty }) => ({
      entity_id: state.nextId('documentItem'),
      parent_id: id,
      order_item_id: item.item_id,
      product_id: item.product_id,
      sku: item.sku,
      name: item.name,
      qty,
      price: item.price,
      weight: item.weight,
    })),
    tracks: (req.tracks ?? []).map((t) => ({
      entity_id: state.nextId('track'),
      parent_id: id,
      order_id: order.entity_id,
      track_number: t.track_number ?? '',
      title: t.title ?? t.carrier_code ?? '',
      carrier_code: t.carrier_code ?? '',
      created_at: now,
      updated_at: now,
    })),
    comments: commentsOf(state, id, req, now),
    packages: req.packages ?? [],
  };
  for (const { item, qty } of lines) item.qty_shipped = round4(item.qty_shipped + qty);
  state.shipments.set(id, shipment);
  compensateForShipment(ctx, order, lines, req.arguments?.extension_attributes?.source_code);
  advanceState(order);
  ctx.events.emit('sales_order_shipment_save_after', 'shipment', id, shipment, ctx.now());
  touch(ctx, order);
  return shipment;
}

export function commentsOf(
  state: MagentoState,
  parentId: number,
  req: { appendComment?: boolean; notify?: boolean; comment?: { comment?: string; is_visible_on_front?: number } },
  now: string,
) {
  if (!req.appendComment || !req.comment?.comment) return [];
  return [
    {
      entity_id: state.nextId('history'),
      parent_id: parentId,
      comment: req.comment.comment,
      is_customer_notified: req.notify ? 1 : 0,
      is_visible_on_front: Number(req.comment.is_visible_on_front ?? 0),
      created_at: now,
    },
  ];
}
