// Magento categories the product flow creates from M3 groups (transformer categoryCreation): found by name
// under a parent (`GET /V1/categories/list`, name and parent_id filters, in two filter groups = AND) or
// created there (`POST /V1/categories`, active, at global scope so no store view gets its own name).
import { searchFilter, type MagentoTransport } from '@m3mage/connectors/magento';
import type { MagentoList } from './types';

export interface CategoriesClient {
  /** Ids of the categories named `name` directly under `parentId` (lowest first). */
  findByName(name: string, parentId: number): Promise<number[]>;
  create(name: string, parentId: number): Promise<number>;
}

const GLOBAL = { storeCode: 'all' };

export function createCategoriesClient({ call }: MagentoTransport): CategoriesClient {
  return {
    async findByName(name, parentId) {
      const list = await call<MagentoList<{ id: number; name: string; parent_id: number }>>(
        'categories.search',
        'GET',
        '/categories/list',
        { ...GLOBAL, query: { ...searchFilter(0, 'name', name), ...searchFilter(1, 'parent_id', parentId) } },
      );
      return list.items
        .filter((c) => c.name === name && Number(c.parent_id) === parentId)
        .map((c) => Number(c.id))
        .sort((a, b) => a - b);
    },
    async create(name, parentId) {
      const created = await call<{ id: number }>('categories.create', 'POST', '/categories', {
        ...GLOBAL,
        body: { category: { name, parent_id: parentId, is_active: true, include_in_menu: true } },
      });
      return Number(created.id);
    },
  };
}
