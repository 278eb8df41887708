// Category ids of the categories a product command asks to be created from M3 groups (`newCategories`):
// found by name under their parent, else created — once per name in this process (a keyed lock, and a cache:
// the many products of a new group resolve it with one search). A category a merchandiser renamed or moved is
// not found again by its old name: a new one is created, and the product's other categories stay.
import { createKeyedLock } from '@m3mage/runtime';
import type { NewCategory } from '@m3mage/schemas/types';
import type { CategoriesClient } from '../clients/categories.client';

export type CategoryResolver = (wanted: readonly NewCategory[]) => Promise<number[]>;

export function createCategoryResolver(client: CategoriesClient): CategoryResolver {
  const ids = new Map<string, number>();
  const lock = createKeyedLock();
  const one = (c: NewCategory): Promise<number> => {
    const key = `${c.parentId}/${c.name}`;
    const known = ids.get(key);
    if (known !== undefined) return Promise.resolve(known);
    return lock.run(key, async () => {
      const cached = ids.get(key);
      if (cached !== undefined) return cached;
      const [found] = await client.findByName(c.name, c.parentId);
      const id = found ?? (await client.create(c.name, c.parentId));
      ids.set(key, id);
      return id;
    });
  };
  return async (wanted) => Promise.all(wanted.map(one));
}
