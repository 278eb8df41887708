// Typed Magento REST operations over the shared Magento transport (@m3mage/connectors/magento: signed calls
// on the runtime HTTP client, errors classified into AppErrors, one more try with a fresh credential after
// a 401).
import { searchFilter, type MagentoTransport } from '@m3mage/connectors/magento';
import { AppError } from '@m3mage/runtime';
import type { ItemQtyBody, MagentoInvoice, MagentoList, MagentoOrder, MagentoShipment } from './types';

export { MAGENTO_GROUP } from '@m3mage/connectors/magento';

export interface MagentoClient {
  orderByIncrementId(incrementId: string): Promise<MagentoOrder | undefined>;
  shipmentsOf(orderId: number): Promise<MagentoShipment[]>;
  invoicesOf(orderId: number): Promise<MagentoInvoice[]>;
  ship(
    orderId: number,
    body: { items: ItemQtyBody[]; tracks: object[]; notify: boolean; comment: string },
  ): Promise<number>;
  invoice(
    orderId: number,
    body: { items: ItemQtyBody[]; capture: boolean; notify: boolean; comment: string },
  ): Promise<number>;
  comment(
    orderId: number,
    history: { comment: string; status?: string; is_customer_notified: number; is_visible_on_front: number },
  ): Promise<void>;
}

const eq = (field: string, value: string | number) => searchFilter(0, field, value, 'eq');

/** Typed operations over the Magento connector's transport (`magentoConnection(config).transport`). */
export function createMagentoClient({ call }: MagentoTransport): MagentoClient {
  return {
    async orderByIncrementId(incrementId) {
      const list = await call<MagentoList<MagentoOrder>>('orders.search', 'GET', '/orders', {
        query: { ...eq('increment_id', incrementId), 'searchCriteria[pageSize]': 1 },
      });
      return list.items[0];
    },
    async shipmentsOf(orderId) {
      return (
        await call<MagentoList<MagentoShipment>>('shipments.search', 'GET', '/shipments', {
          query: eq('order_id', orderId),
        })
      ).items;
    },
    async invoicesOf(orderId) {
      return (
        await call<MagentoList<MagentoInvoice>>('invoices.search', 'GET', '/invoices', {
          query: eq('order_id', orderId),
        })
      ).items;
    },
    async ship(orderId, b) {
      const body = {
        items: b.items,
        tracks: b.tracks,
        notify: b.notify,
        appendComment: true,
        comment: { comment: b.comment, is_visible_on_front: 0 },
      };
      return Number(await call<number>('order.ship', 'POST', `/order/${orderId}/ship`, { body }));
    },
    async invoice(orderId, b) {
      const body = {
        items: b.items,
        capture: b.capture,
        notify: b.notify,
        appendComment: true,
        comment: { comment: b.comment, is_visible_on_front: 0 },
      };
      return Number(await call<number>('order.invoice', 'POST', `/order/${orderId}/invoice`, { body }));
    },
    async comment(orderId, statusHistory) {
      await call<boolean>('order.comment', 'POST', `/orders/${orderId}/comments`, { body: { statusHistory } });
    },
  };
}

export const orderNotFound = (incrementId: string): AppError =>
  new AppError('MAGENTO_NOT_FOUND', `no Magento order with increment id ${incrementId}`, { details: { incrementId } });
