// The sku index of product searches answers exactly what reading every product answers: exact skus, another
// case, missing ones, several groups, a numeric value (numeric comparison: read every product), and the order.
import { describe, expect, it } from 'vitest';
import { createMagentoSimulator } from '../src/index';
import { applySearch } from '../src/search/apply';
import { productsBySku } from '../src/search/by-sku';
import type { SearchCriteria } from '../src/search/criteria';

const sim = createMagentoSimulator({ sizes: { customers: 1, products: 30, orders: 0, sources: 1 } });
const skus = [...sim.state.products.keys()];
const all = () => [...sim.state.products.values()];
const sku = (condition_type: 'eq' | 'in', value: string) => ({ field: 'sku', condition_type, value });
const criteria = (...groups: SearchCriteria['filter_groups']): SearchCriteria => ({ filter_groups: groups });
const same = (c: SearchCriteria) => {
  const indexed = productsBySku(sim.state, c);
  expect(applySearch(indexed, c).items.map((p) => p.sku)).toEqual(applySearch(all(), c).items.map((p) => p.sku));
  return indexed.length;
};

describe('product search by sku', () => {
  it('reads only the skus named, in creation order, whatever the case, missing ones left out', () => {
    const [a, b, c] = [skus[3]!, skus[10]!, skus[20]!];
    expect(same(criteria({ filters: [sku('in', `${c},${a.toLowerCase()}, NO-SUCH ,${b}`)] }))).toBe(3);
    expect(same(criteria({ filters: [sku('eq', b)] }))).toBe(1);
    expect(same(criteria({ filters: [sku('eq', 'nothing')] }))).toBe(0);
    expect(same(criteria({ filters: [sku('eq', a), sku('eq', b)] }))).toBe(2);
    // AND with another group: narrowed by the sku group, the rest applied to what is left.
    expect(
      same(
        criteria(
          { filters: [{ field: 'status', condition_type: 'eq', value: '1' }] },
          { filters: [sku('in', `${a},${b}`)] },
        ),
      ),
    ).toBe(2);
  });

  it('reads every product for other filters and numeric values (compared as numbers, as MySQL does)', () => {
    expect(same(criteria({ filters: [sku('in', `${skus[0]!},7`)] }))).toBe(skus.length);
    expect(
      same(criteria({ filters: [{ field: 'sku', condition_type: 'like', value: `${skus[0]!.slice(0, 3)}%` }] })),
    ).toBe(skus.length);
    expect(same(criteria())).toBe(skus.length);
  });
});
