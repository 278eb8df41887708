// Typed Magento REST operations over the runtime HTTP client (breaker-guarded, errors classified into
// AppErrors: 400 → MAGENTO_VALIDATION, 404 → MAGENTO_NOT_FOUND, 401 → AUTH_FAILED, 5xx/timeouts transient).
// A 401 invalidates the credential and the call is made once more with a fresh one.
import { AppError, isAppError, type HttpClient, type HttpMethod } from '@m3mage/runtime';
import { encodeQuery, type MagentoAuthorizer } from './magento-auth';
import type { ItemQtyBody, MagentoInvoice, MagentoList, MagentoOrder, MagentoShipment } from './types';

export const MAGENTO_GROUP = 'magento-rest';

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

export interface MagentoClientOptions {
  http: HttpClient;
  /** Store origin (and path prefix) without /rest. */
  baseUrl: string;
  storeCode: string;
  auth: MagentoAuthorizer;
}

const eq = (field: string, value: string | number): Record<string, string | number> => ({
  'searchCriteria[filter_groups][0][filters][0][field]': field,
  'searchCriteria[filter_groups][0][filters][0][value]': value,
  'searchCriteria[filter_groups][0][filters][0][condition_type]': 'eq',
});

export function createMagentoClient(opts: MagentoClientOptions): MagentoClient {
  const prefix = `/rest/${encodeURIComponent(opts.storeCode)}/V1`;
  const base = opts.baseUrl.replace(/\/+$/, '');

  async function call<T>(
    operation: string,
    method: HttpMethod,
    path: string,
    extra: { query?: Record<string, string | number>; body?: unknown } = {},
  ): Promise<T> {
    const send = async (): Promise<T> => {
      const authorization = await opts.auth.header({
        method,
        url: `${base}${prefix}${path}`,
        ...(extra.query ? { query: extra.query } : {}),
      });
      const res = await opts.http.request<T>({
        group: MAGENTO_GROUP,
        operation,
        method,
        path: `${prefix}${path}${extra.query ? `?${encodeQuery(extra.query)}` : ''}`,
        headers: { authorization },
        ...(extra.body !== undefined ? { body: extra.body } : {}),
      });
      return res.body;
    };
    try {
      return await send();
    } catch (err) {
      if (isAppError(err) && err.code === 'AUTH_FAILED' && opts.auth.invalidate()) return send();
      throw err;
    }
  }

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
