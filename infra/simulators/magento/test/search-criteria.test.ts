import { afterEach, describe, expect, it } from 'vitest';
import type { MagentoSimulator, Order } from '../src/index';
import { applySearch } from '../src/search/apply';
import { parseSearchCriteria } from '../src/search/criteria';
import { adminToken, build, call, criteria } from './support';

const rows = [
  { id: 1, name: 'Alpha', state: 'new', total: 10, tags: 'a,b', note: null },
  { id: 2, name: 'beta', state: 'processing', total: 25.5, tags: 'b', note: 'x' },
  { id: 3, name: 'Gamma', state: 'complete', total: 40, tags: 'c', note: null },
  { id: 4, name: 'Delta', state: 'new', total: 55, tags: 'a', note: 'y' },
];
type Row = (typeof rows)[number];

const search = (q: string) => applySearch<Row>(rows, parseSearchCriteria(Object.fromEntries(new URLSearchParams(q))));
const ids = (q: string) => search(q).items.map((r) => r.id);

describe('searchCriteria semantics (FORMAT-NOTES 30)', () => {
  it('ORs filters inside a group', () => {
    expect(
      ids(
        criteria([
          [
            { field: 'state', value: 'new' },
            { field: 'state', value: 'complete' },
          ],
        ]),
      ),
    ).toEqual([1, 3, 4]);
  });

  it('ANDs filter groups', () => {
    const q = criteria([
      [
        { field: 'state', value: 'new' },
        { field: 'state', value: 'complete' },
      ],
      [{ field: 'total', value: '30', condition_type: 'gt' }],
    ]);
    expect(ids(q)).toEqual([3, 4]);
  });

  it.each([
    ['eq', 'state', 'NEW', [1, 4]],
    ['neq', 'state', 'new', [2, 3]],
    ['gt', 'total', '25.5', [3, 4]],
    ['gteq', 'total', '25.5', [2, 3, 4]],
    ['moreq', 'total', '40', [3, 4]],
    ['from', 'total', '40', [3, 4]],
    ['lt', 'total', '25.5', [1]],
    ['lteq', 'total', '25.5', [1, 2]],
    ['to', 'total', '10', [1]],
    ['in', 'state', 'new,complete', [1, 3, 4]],
    ['nin', 'state', 'new,complete', [2]],
    ['like', 'name', '%ta', [2, 4]],
    ['nlike', 'name', '%a%a%', [2, 4]],
    ['finset', 'tags', 'b', [1, 2]],
    ['nfinset', 'tags', 'b', [3, 4]],
    ['null', 'note', '', [1, 3]],
    ['notnull', 'note', '', [2, 4]],
  ])('condition_type %s on %s=%s', (condition_type, field, value, expected) => {
    expect(ids(criteria([[{ field, value, condition_type }]]))).toEqual(expected);
  });

  it('sorts by several orders, pages, and echoes the criteria in the envelope', () => {
    const q = criteria([], {
      'searchCriteria[sortOrders][0][field]': 'state',
      'searchCriteria[sortOrders][0][direction]': 'DESC',
      'searchCriteria[sortOrders][1][field]': 'total',
      'searchCriteria[sortOrders][1][direction]': 'ASC',
      'searchCriteria[pageSize]': '2',
      'searchCriteria[currentPage]': '2',
    });
    const res = search(q);
    expect(res.items.map((r) => r.id)).toEqual([4, 3]); // processing(2), new(1, 4), complete(3)
    expect(res.total_count).toBe(4);
    expect(res.search_criteria).toEqual({
      filter_groups: [],
      sort_orders: [
        { field: 'state', direction: 'DESC' },
        { field: 'total', direction: 'ASC' },
      ],
      page_size: 2,
      current_page: 2,
    });
  });

  it('returns all matches without pageSize and the last page again past the end', () => {
    expect(ids('')).toEqual([1, 2, 3, 4]);
    expect(ids('searchCriteria[pageSize]=3&searchCriteria[currentPage]=9')).toEqual([4]);
  });

  it('accepts camelCase filterGroups and refuses an unknown condition type', () => {
    expect(
      ids('searchCriteria[filterGroups][0][filters][0][field]=id&searchCriteria[filterGroups][0][filters][0][value]=2'),
    ).toEqual([2]);
    expect(() => ids(criteria([[{ field: 'id', value: '1', condition_type: 'regex' }]]))).toThrow(/Invalid value/);
  });
});

describe('GET /V1/orders with searchCriteria', () => {
  let sim: MagentoSimulator | undefined;
  afterEach(async () => sim?.close());

  it('answers the list envelope and a 500 for an unknown column, as the SQL error it is', async () => {
    ({ sim } = build());
    const token = await adminToken(sim);
    const first = [...sim.state.orders.values()][0] as Order;
    const q = criteria(
      [
        [
          { field: 'increment_id', value: first.increment_id },
          { field: 'increment_id', value: '000000002' },
        ],
        [{ field: 'state', value: 'new' }],
      ],
      { 'searchCriteria[sortOrders][0][field]': 'entity_id', 'searchCriteria[sortOrders][0][direction]': 'DESC' },
    );
    const res = await call(sim, token, { url: `/rest/default/V1/orders?${q}` });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ items: Order[]; total_count: number; search_criteria: unknown }>();
    expect(Object.keys(body).sort()).toEqual(['items', 'search_criteria', 'total_count']);
    expect(body.items.map((o) => o.increment_id)).toEqual(['000000002', '000000001']);
    expect(body.total_count).toBe(2);

    const unknown = await call(sim, token, {
      url: `/rest/V1/orders?${criteria([[{ field: 'no_such_column', value: '1' }]])}`,
    });
    expect(unknown.statusCode).toBe(500);
    expect(unknown.json<{ message: string }>().message).toMatch(
      /^Internal Error\. Details are available in Magento log file\. Report ID: webapi-/,
    );
  });

  it('projects with fields=', async () => {
    ({ sim } = build());
    const token = await adminToken(sim);
    const res = await call(sim, token, {
      url: '/rest/V1/orders?searchCriteria[pageSize]=1&fields=items[increment_id,items[sku]],total_count',
    });
    const body = res.json<{ items: Array<Record<string, unknown>>; total_count: number }>();
    expect(Object.keys(body).sort()).toEqual(['items', 'total_count']);
    expect(Object.keys(body.items[0] ?? {}).sort()).toEqual(['increment_id', 'items']);
  });
});
