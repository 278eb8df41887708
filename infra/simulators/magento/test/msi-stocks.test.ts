import { afterEach, describe, expect, it } from 'vitest';
import type { MagentoSimulator, Reservation } from '../src/index';
import { adminToken, build, call, criteria } from './support';

let sim: MagentoSimulator | undefined;
afterEach(async () => sim?.close());

async function setup(opts: Parameters<typeof build>[0] = {}) {
  ({ sim } = build(opts));
  const token = await adminToken(sim);
  const s = sim;
  return {
    s,
    token,
    post: (url: string, payload: unknown) => call(s, token, { method: 'POST', url, payload: payload as object }),
    put: (url: string, payload: unknown) => call(s, token, { method: 'PUT', url, payload: payload as object }),
    get: (url: string) => call(s, token, { url }),
  };
}

const failed = (...errors: Array<{ message: string; parameters: unknown }>) => ({
  message: 'Validation Failed',
  parameters: [],
  errors,
});

describe('MSI sources (Inventory Source validators)', () => {
  it('validates code, name, country and postcode; the default source cannot be disabled; there is no delete', async () => {
    const t = await setup();
    const spaced = await t.post('/rest/V1/inventory/sources', {
      source: { source_code: 'wh 1', name: 'W', country_id: 'SE', postcode: '1' },
    });
    expect(spaced.statusCode).toBe(400);
    expect(spaced.json()).toEqual(
      failed({ message: '"%field" can not contain whitespaces.', parameters: { field: 'source_code' } }),
    );
    const put = await t.put('/rest/V1/inventory/sources/wh_sto', { source: { name: 'Renamed' } });
    expect(put.statusCode).toBe(400);
    expect(put.json()).toEqual(
      failed(
        { message: '"%field" can not be empty.', parameters: { field: 'country_id' } },
        { message: '"%field" can not be empty.', parameters: { field: 'postcode' } },
      ),
    );
    const full = await t.put('/rest/V1/inventory/sources/wh_sto', {
      source: { name: 'Renamed', country_id: 'SE', postcode: '120 30', enabled: false },
    });
    expect(full.statusCode).toBe(200);
    expect((await t.get('/rest/V1/inventory/sources/wh_sto')).json()).toMatchObject({
      name: 'Renamed',
      enabled: false,
    });
    const disableDefault = await t.put('/rest/V1/inventory/sources/default', {
      source: { name: 'Default Source', country_id: 'SE', postcode: '1', enabled: false },
    });
    expect(disableDefault.json()).toEqual(failed({ message: 'Default source can not be disabled.', parameters: [] }));
    const del = await call(t.s, t.token, { method: 'DELETE', url: '/rest/V1/inventory/sources/wh_ber' });
    expect(del.statusCode).toBe(404);
    expect(del.json()).toEqual({ message: 'Request does not match any route.', parameters: [] });
  });
});

describe('MSI stocks and stock-source links', () => {
  it('lists and creates stocks, moves a website to its new stock, links sources and resolves the stock', async () => {
    const t = await setup({ storeCodes: [{ code: 'de', website: 'de_site' }] });
    const stocks = (await t.get('/rest/V1/inventory/stocks')).json<{
      items: Array<{ stock_id: number; name: string }>;
    }>();
    expect(stocks.items).toEqual([
      {
        stock_id: 1,
        name: 'Default Stock',
        extension_attributes: {
          sales_channels: [
            { type: 'website', code: 'base' },
            { type: 'website', code: 'de_site' },
          ],
        },
      },
    ]);
    const id = await t.post('/rest/V1/inventory/stocks', {
      stock: { name: 'DE stock', extension_attributes: { sales_channels: [{ type: 'website', code: 'de_site' }] } },
    });
    expect(id.json()).toBe(2);
    expect((await t.get('/rest/V1/inventory/stocks/1')).json()).toMatchObject({
      extension_attributes: { sales_channels: [{ type: 'website', code: 'base' }] },
    });
    expect((await t.get('/rest/V1/inventory/stock-resolver/website/de_site')).json()).toMatchObject({ stock_id: 2 });
    expect((await t.get('/rest/V1/inventory/stocks/9')).json()).toEqual({
      message: 'Stock with id "%value" does not exist.',
      parameters: { value: 9 },
    });
    const noName = await t.post('/rest/V1/inventory/stocks', { stock: { name: ' ' } });
    expect(noName.json()).toEqual(failed({ message: '"%field" can not be empty.', parameters: { field: 'name' } }));

    const linked = await t.post('/rest/V1/inventory/stock-source-links', {
      links: [{ stock_id: 2, source_code: 'wh_ber', priority: 1 }],
    });
    expect(linked.json()).toEqual([]);
    const links = await t.get(
      `/rest/V1/inventory/stock-source-links?${criteria([[{ field: 'stock_id', value: '2' }]])}`,
    );
    expect(links.json()).toMatchObject({
      items: [{ stock_id: 2, source_code: 'wh_ber', priority: 1 }],
      total_count: 1,
    });

    expect((await t.post('/rest/V1/inventory/stock-source-links', { links: [] })).json()).toEqual({
      message: 'Input data is empty',
      parameters: [],
    });
    expect(
      (
        await t.post('/rest/V1/inventory/stock-source-links', {
          links: [{ stock_id: 2, source_code: 'wh_ber', priority: 0 }],
        })
      ).json(),
    ).toEqual(failed({ message: '"%field" should be greater then 0.', parameters: { field: 'priority' } }));
    const unknown = await t.post('/rest/V1/inventory/stock-source-links', {
      links: [{ stock_id: 2, source_code: 'nowhere', priority: 1 }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toEqual({ message: 'Could not save StockSourceLinks', parameters: [] });
  });
});

describe('reservations and salable quantity (InventorySales GetProductSalableQty)', () => {
  it('an order reserves, a shipment compensates and deducts the source; salable = sources in stock − reservations', async () => {
    const t = await setup({ sizes: { products: 1, customers: 1, orders: 0, sources: 3 } });
    const s = t.s;
    const sku = 'MH-00001';
    await t.post('/rest/V1/inventory/source-items', {
      sourceItems: [
        { sku, source_code: 'default', quantity: 10, status: 1 },
        { sku, source_code: 'wh_sto', quantity: 5, status: 1 },
        { sku, source_code: 'wh_ber', quantity: 100, status: 0 },
      ],
    });
    const salable = async () =>
      (await t.get(`/rest/V1/inventory/get-product-salable-quantity/${sku}/1`)).json<number>();
    expect(await salable()).toBe(15);

    const [order] = s.placeOrders(1);
    const qty = order?.items[0]?.qty_ordered ?? 0;
    expect(qty).toBeGreaterThan(0);
    expect(await salable()).toBe(15 - qty);
    const reservations = (await s.app.inject({ url: '/_control/reservations' })).json<Reservation[]>();
    expect(reservations).toEqual([expect.objectContaining({ stock_id: 1, sku, quantity: -qty })]);
    expect(JSON.parse(reservations[0]?.metadata ?? '{}')).toMatchObject({
      event_type: 'order_placed',
      object_type: 'order',
      object_id: String(order?.entity_id),
    });

    const ship = await t.post(`/rest/V1/order/${order?.entity_id}/ship`, {});
    expect(ship.statusCode).toBe(200);
    // Shipped from the default source: its quantity drops, the reservation is compensated, salable stays.
    expect(await salable()).toBe(15 - qty);
    expect(s.state.sourceItems.get(`${sku}@default`)?.quantity).toBe(10 - qty);
    expect(s.state.products.get(sku)?.extension_attributes.stock_item.qty).toBe(10 - qty);
    const after = (await s.app.inject({ url: '/_control/reservations' })).json<Reservation[]>();
    expect(after.map((r) => r.quantity)).toEqual([-qty, qty]);

    // Disabled sources and unlinked stocks do not count.
    await t.put('/rest/V1/inventory/sources/wh_sto', {
      source: { name: 'Warehouse Stockholm', country_id: 'SE', postcode: '1', enabled: false },
    });
    expect(await salable()).toBe(10 - qty);
    expect((await t.get(`/rest/V1/inventory/get-product-salable-quantity/NOPE/1`)).statusCode).toBe(404);
    const noStock = await t.get(`/rest/V1/inventory/get-product-salable-quantity/${sku}/9`);
    expect(noStock.statusCode).toBe(400);
    expect(noStock.json()).toEqual({ message: 'Could not receive Stock Item data', parameters: [] });
  });

  it('ships from the source named in arguments.extension_attributes.source_code', async () => {
    const t = await setup({ sizes: { products: 1, customers: 1, orders: 0, sources: 3 } });
    const sku = 'MH-00001';
    await t.post('/rest/V1/inventory/source-items', {
      sourceItems: [{ sku, source_code: 'wh_sto', quantity: 50, status: 1 }],
    });
    const [order] = t.s.placeOrders(1);
    const qty = order?.items[0]?.qty_ordered ?? 0;
    const before = t.s.state.sourceItems.get(`${sku}@default`)?.quantity;
    await t.post(`/rest/V1/order/${order?.entity_id}/ship`, {
      arguments: { extension_attributes: { source_code: 'wh_sto' } },
    });
    expect(t.s.state.sourceItems.get(`${sku}@wh_sto`)?.quantity).toBe(50 - qty);
    expect(t.s.state.sourceItems.get(`${sku}@default`)?.quantity).toBe(before);
  });
});
