// Prices from an OIS017 sales price list, end to end (issue 10), with the five services as processes: items
// become products at their price-list price (the version valid today; items off the list at MITMAS SAPR);
// then a list price change — which touches no item in M3 and fires no BOD — reaches Magento through the
// price-list poll, as does an item taken off the list (back to SAPR), while a description written in
// Magento survives.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../infra/sandbox/sandbox';
import { testStack, uniqueName } from '../support/env';
import { serviceLogTails, waitFor, e2eServiceEnv } from './support';

const ns = `${uniqueName('e2e-prices')}.`;
const ITEMS = 100;

describe('prices from an M3 price list', () => {
  let sb: Sandbox;
  const control = async (path: string, body: unknown): Promise<unknown> => {
    const res = await fetch(`${sb.m3Url}${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    expect(res.status, `PUT ${path}: ${text}`).toBe(200);
    return JSON.parse(text) as unknown;
  };
  const product = (sku: string) => sb.magento.state.products.get(sku);
  const explain = (v: unknown) => `${JSON.stringify(v).slice(0, 400)}\n${serviceLogTails(sb)}`;
  /** The WEB/EUR list version valid today (the simulator seeds an expired one and a current one). */
  const currentList = () => {
    const today = new Date().toISOString().slice(0, 10).replaceAll('-', '');
    const list = [...sb.m3.state.priceLists.values()].find(
      (l) => l.PRRF === 'WEB' && l.CUCD === 'EUR' && l.CUNO === '' && l.FVDT <= today && today < l.LVDT,
    );
    if (!list) throw new Error('the simulator has no WEB/EUR list valid today');
    return list;
  };
  /** What Magento must show: the list price, else MITMAS SAPR (ITEM_PRICE_FALLBACK=MMS200MI). */
  const expectedPrice = (itno: string): number | undefined => {
    const listed = currentList().prices.get(itno);
    if (listed !== undefined && Number(listed) > 0) return Number(listed);
    const sapr = Number(sb.m3.state.items.get(itno)?.SAPR ?? 0);
    return sapr > 0 ? sapr : undefined;
  };

  beforeAll(async () => {
    sb = await startSandbox({
      connection: testStack(),
      dir: mkdtempSync(join(tmpdir(), 'e2e-prices-')),
      namespace: ns,
      servicePorts: 'free',
      logLevel: 'warn',
      bodNouns: [],
      m3: { seed: { items: ITEMS, warehouses: ['100'] } },
      magento: { sizes: { customers: 1, products: 0, orders: 0, sources: 1 } },
      serviceEnv: e2eServiceEnv({
        'm3-ion-ingest': {
          ITEM_POLL_ENABLED: 'true',
          ITEM_POLL_INTERVAL_MS: '1000',
          ITEM_POLL_START_AT: '2000-01-01T00:00:00Z',
          ITEM_PRICE_SOURCE: 'OIS017MI',
          ITEM_PRICE_LIST: 'WEB',
          ITEM_PRICE_CURRENCY: 'EUR',
          ITEM_PRICE_FALLBACK: 'MMS200MI',
          ITEM_PRICE_POLL_ENABLED: 'true',
          ITEM_PRICE_POLL_INTERVAL_MS: '1000',
          WAREHOUSE_POLL_ENABLED: 'false',
          STOCK_POLL_ENABLED: 'false',
        },
      }),
    });
  }, 300_000);

  afterAll(async () => {
    await sb?.stop();
  });

  it('products take the list price valid today, items off the list MITMAS SAPR', async () => {
    const released = [...sb.m3.state.items.values()]
      .filter((i) => ['20', '50'].includes(String(i.STAT)))
      .map((i) => String(i.ITNO))
      .filter((itno) => expectedPrice(itno) !== undefined);
    expect(released.length).toBeGreaterThan(20);
    await waitFor(
      `${released.length} released, priced items as products`,
      () => released.filter((itno) => product(itno)).length,
      (n) => n === released.length,
      120_000,
      explain,
    );
    const wrong = released
      .filter((itno) => product(itno)?.price !== expectedPrice(itno))
      .map((itno) => `${itno}: ${product(itno)?.price}, expected ${expectedPrice(itno)}`);
    expect(wrong, 'prices differ from the list').toEqual([]);
    // The seeded list differs from SAPR (95 %), so the list really was the source.
    const listed = released.find((itno) => currentList().prices.has(itno))!;
    expect(product(listed)?.price).not.toBe(Number(sb.m3.state.items.get(listed)?.SAPR));
  }, 180_000);

  it('a list price change and an item taken off the list reach Magento; Magento’s description survives', async () => {
    const list = currentList();
    const onList = [...list.prices.keys()].filter(
      (itno) => product(itno) && Number(sb.m3.state.items.get(itno)?.SAPR) > 0,
    );
    const [changed, removed] = onList;
    expect(changed && removed, 'two listed products').toBeTruthy();
    const token = sb.magento.credentials.integration.accessToken;
    const res = await sb.magento.app.inject({
      method: 'PUT',
      url: `/rest/all/V1/products/${changed}`,
      headers: { authorization: `Bearer ${token}` },
      payload: { product: { custom_attributes: [{ attribute_code: 'description', value: 'Written in Magento' }] } },
    });
    expect(res.statusCode, res.body).toBe(200);
    const itemsBefore = new Map([...sb.m3.state.items].map(([k, v]) => [k, JSON.stringify(v)]));

    await control(`/_control/price-lists/WEB/EUR/${list.FVDT}`, { prices: { [changed!]: 123.45, [removed!]: null } });
    // The M3 item itself is untouched: only the price list changed.
    expect(JSON.stringify(sb.m3.state.items.get(changed!))).toBe(itemsBefore.get(changed!));
    await waitFor(
      'the new list price in Magento',
      () => product(changed!)?.price,
      (p) => p === 123.45,
      30_000,
      explain,
    );
    await waitFor(
      'the item taken off the list back at MITMAS SAPR',
      () => product(removed!)?.price,
      (p) => p === Number(sb.m3.state.items.get(removed!)?.SAPR),
      30_000,
      explain,
    );
    const description = product(changed!)?.custom_attributes.find((a) => a.attribute_code === 'description')?.value;
    expect(description).toBe('Written in Magento');
  }, 90_000);
});
