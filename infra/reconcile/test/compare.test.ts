// The comparison is the mappings' own: Magento must show for an M3 balance what the transformer's
// source-item mapping says (STQT − ALQT, in stock above 0) and for an M3 item what magento-writer would write
// of the product mapping's owned attributes; Magento-owned attributes never drift; keys on one side only are
// reported where the mapping says they must exist; and a repair is the transformer's command for M3's value,
// versioned above what magento-writer applied.
import { describe, expect, it } from 'vitest';
import type { Item } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import type { MagentoProduct } from '../../../services/magento-writer/src/clients/products.client';
import { summaryOf } from '../drift';
import { compareProducts } from '../product-compare';
import { productRepairs, repairVersion, stockRepairs } from '../repair';
import { compareStock, type M3Balance, type MagentoSourceItem } from '../stock-compare';

const balance = (itno: string, whlo: string, onHand: string, allocated = '0'): M3Balance => ({
  itno,
  whlo,
  onHand,
  allocated,
  allocatable: null,
  allocatableNet: null,
  reader: 'MMS200MI/LstItmWhsByWhgr',
});
const sourceItem = (
  sku: string,
  source: string,
  quantity: number,
  status = quantity > 0 ? 1 : 0,
): MagentoSourceItem => ({
  sku,
  source_code: source,
  quantity,
  status,
});

const item = (itno: string, extra: Partial<Item> = {}): Item => ({
  itno,
  name: `Item ${itno}`,
  description: null,
  status: '20',
  itemType: null,
  itemGroup: null,
  productGroup: null,
  hierarchy: [],
  basicUnit: 'PCS',
  netWeight: null,
  grossWeight: '1.5',
  price: { amount: '19.90', currency: 'EUR', source: 'MMS200MI' },
  itemGroupName: null,
  productGroupName: null,
  changedAt: Date.UTC(2026, 0, 1),
  changeStamp: '1767225600000',
  ...extra,
});
const product = (sku: string, extra: Partial<MagentoProduct> = {}): MagentoProduct => ({
  id: 1,
  sku,
  name: `Item ${sku}`,
  price: 19.9,
  status: 1,
  visibility: 4,
  weight: 1.5,
  extension_attributes: { category_links: [] },
  custom_attributes: [{ attribute_code: 'description', value: 'written in Magento' }],
  ...extra,
});

describe('stock comparison', () => {
  it('Magento must show STQT − ALQT at the source of the warehouse; equal keys are counted, not listed', () => {
    const c = compareStock(
      [balance('A', '100', '12', '2'), balance('B', '100', '5'), balance('C', '200', '0')],
      [sourceItem('A', 'wh_sto', 10), sourceItem('B', 'wh_sto', 7), sourceItem('C', 'wh_ber', 0)],
    );
    expect(c.drifts).toEqual([
      {
        key: 'B@wh_sto',
        kind: 'differs',
        fields: [{ field: 'quantity', m3: 'B@100 STQT 5, ALQT 0', magento: 7, expected: 5 }],
      },
    ]);
    expect(summaryOf(c)).toMatchObject({ compared: 3, equal: 2, drifted: 1, missingInMagento: 0, missingInM3: 0 });
    expect([...c.repairs.keys()]).toEqual(['B@wh_sto']);
  });

  it('a status that disagrees with the quantity drifts; a quantity of 0 is out of stock, never negative', () => {
    const c = compareStock(
      [balance('A', '100', '3', '5'), balance('B', '100', '4')],
      [sourceItem('A', 'wh_sto', 0, 1), sourceItem('B', 'wh_sto', 4, 0)],
    );
    expect(
      c.drifts.map((d) => [d.key, d.fields.map((f) => `${f.field}:${String(f.magento)}→${String(f.expected)}`)]),
    ).toEqual([
      ['A@wh_sto', ['status:1→0']],
      ['B@wh_sto', ['status:0→1']],
    ]);
  });

  it('one side only: missing in Magento (repaired), missing in M3 (reported); other warehouses and sources are not the store’s', () => {
    const c = compareStock(
      [balance('A', '100', '1'), balance('X', '900', '8')],
      [sourceItem('Z', 'wh_ber', 2), sourceItem('Q', 'default', 5)],
    );
    expect(c.drifts.map((d) => [d.key, d.kind])).toEqual([
      ['A@wh_sto', 'missing-in-magento'],
      ['Z@wh_ber', 'missing-in-m3'],
    ]);
    expect([...c.repairs.keys()]).toEqual(['A@wh_sto']);
    expect(summaryOf(c)).toMatchObject({ missingInMagento: 1, missingInM3: 1, notForMagento: 1, equal: 0 });
  });

  it('--keys: a sku names all its sources, sku@source only that one', () => {
    const balances = [balance('A', '100', '1'), balance('A', '200', '1'), balance('B', '100', '1')];
    expect(compareStock(balances, [], ['A']).drifts.map((d) => d.key)).toEqual(['A@wh_ber', 'A@wh_sto']);
    expect(compareStock(balances, [], ['A@wh_ber']).drifts.map((d) => d.key)).toEqual(['A@wh_ber']);
  });
});

describe('product comparison', () => {
  it('only the attributes M3 owns drift, as decimals; Magento’s own attributes never do', () => {
    const c = compareProducts(
      [
        item('A'),
        item('B', { price: { amount: '24.50', currency: 'EUR', source: 'MMS200MI' } }),
        item('C', { name: 'New name' }),
      ],
      [product('A', { price: 19.9 }), product('B'), product('C', { custom_attributes: [] })],
    );
    expect(c.drifts).toEqual([
      { key: 'B', kind: 'differs', fields: [{ field: 'price', m3: 'MMS200MI 24.50', magento: 19.9, expected: 24.5 }] },
      {
        key: 'C',
        kind: 'differs',
        fields: [{ field: 'name', m3: 'ITDS New name', magento: 'Item C', expected: 'New name' }],
      },
    ]);
    expect(summaryOf(c)).toMatchObject({ compared: 3, equal: 1, drifted: 2 });
  });

  it('an item not released: only its status is compared (disabled), the rest stays Magento’s', () => {
    const c = compareProducts([item('A', { status: '05', name: 'Other' })], [product('A', { status: 1 })]);
    expect(c.drifts).toEqual([
      { key: 'A', kind: 'differs', fields: [{ field: 'status', m3: 'STAT 05', magento: 1, expected: 2 }] },
    ]);
  });

  it('missing in Magento only when the writer would create it; a product without an M3 item is missing in M3', () => {
    const c = compareProducts([item('A'), item('B', { price: null }), item('C', { status: '05' })], [product('Z')]);
    expect(c.drifts.map((d) => [d.key, d.kind])).toEqual([
      ['A', 'missing-in-magento'],
      ['Z', 'missing-in-m3'],
    ]);
    expect(c.drifts[0]?.fields.map((f) => f.field)).toEqual(['name', 'price', 'status', 'visibility', 'weight']);
    expect(summaryOf(c)).toMatchObject({ notForMagento: 2, missingInMagento: 1, missingInM3: 1 });
  });
});

describe('repairs', () => {
  it('the version is above what magento-writer applied, or M3’s own stamp when that is newer', () => {
    expect(repairVersion(100n, 100n)).toBe(101n);
    expect(repairVersion(100n, 250n)).toBe(251n);
    expect(repairVersion(900n, 250n)).toBe(900n);
    expect(repairVersion(undefined, undefined)).toBe(0n);
    expect(repairVersion(5n, undefined)).toBe(5n);
  });

  const ctx = (applied: Record<string, bigint>, stamps: Record<string, bigint> = {}) => ({
    runId: 'run1',
    now: () => 1_700_000_000_000,
    stamp: (k: string) => stamps[k],
    applied: (k: string) => applied[k],
  });

  it('a stock repair is the transformer’s SetSourceItem for M3’s balance, one version above the writer’s', async () => {
    const [r, ...rest] = await stockRepairs(
      [balance('A', '100', '12', '2')],
      ctx({ 'source-item:A@wh_sto': 5000n }, { 'A@100': 4000n }),
    );
    expect(rest).toEqual([]);
    expect(r).toMatchObject({
      topic: TOPIC.cmdMagentoSourceItem,
      key: 'A@wh_sto',
      value: { sku: 'A', sourceCode: 'wh_sto', quantity: '10', status: 1, m3Version: '5001' },
      meta: { eventType: 'SetSourceItem', sourceSystem: 'M3', entityVersion: '5001', correlationId: 'A@wh_sto' },
      headers: { 'reconcile-run': 'run1' },
    });
    const value = r?.value as { meta: { idempotencyKey: string; causationId: string } };
    expect(value.meta.idempotencyKey).toBe('source-item:A@wh_sto:5001');
    expect(value.meta.causationId).toBe('reconcile:run1:A@100:5001');
  });

  it('a product repair is the transformer’s UpsertProduct for M3’s item, above the writer’s version', async () => {
    const [r] = await productRepairs([item('A')], ctx({ 'product:A': 1767225600000n }, { A: 1767225600000n }));
    expect(r).toMatchObject({
      topic: TOPIC.cmdMagentoProduct,
      key: 'A',
      value: { sku: 'A', price: '19.90', name: 'Item A', publish: true, m3Version: '1767225600001' },
      meta: { eventType: 'UpsertProduct', sourceSystem: 'M3' },
    });
  });
});
