import type { MagentoState } from '../state/store';
import type { Product } from '../state/types';
import { setGlobalValue } from './product-scope';

export interface CategoryLink {
  position: number;
  category_id: string;
}

/**
 * The category links a product save leaves, as Catalog\Model\Category\Link\SaveHandler computes them
 * (magento/magento2 app/code/Magento/Catalog/Model/Category/Link/SaveHandler.php):
 * - the "model" links are the product's category ids (the `category_ids` custom attribute when sent — then it
 *   is the new set —, else the current links), with their current positions;
 * - `extension_attributes.category_links` not sent → the model links;
 * - sent and empty → no links (`mergeCategoryLinks` returns []);
 * - sent and not empty → merged into the model links: new ones added, listed ones get the sent position,
 *   the others stay.
 * Links to categories that do not exist are dropped without an error
 * (ResourceModel\Product\CategoryLink::verifyCategoryLinks).
 */
export function resolveCategoryLinks(
  state: MagentoState,
  current: readonly CategoryLink[],
  sentLinks: unknown,
  sentCategoryIds: unknown,
): CategoryLink[] {
  const model = Array.isArray(sentCategoryIds)
    ? sentCategoryIds
        .filter((id): id is string | number => typeof id === 'string' || typeof id === 'number')
        .map((id) => current.find((l) => l.category_id === String(id)) ?? link(id, 0))
    : current.map((l) => ({ ...l }));
  const merged = Array.isArray(sentLinks) ? merge(sentLinks, model) : model;
  return merged.filter((l) => state.categories.has(Number(l.category_id)));
}

function merge(sent: unknown[], model: CategoryLink[]): CategoryLink[] {
  if (sent.length === 0) return [];
  const byId = new Map(model.map((l) => [l.category_id, l]));
  for (const raw of sent) {
    const { category_id: id, position } = (raw ?? {}) as { category_id?: unknown; position?: unknown };
    if (typeof id !== 'string' && typeof id !== 'number') continue;
    byId.set(String(id), link(id, position));
  }
  return [...byId.values()];
}

const link = (id: string | number, position: unknown): CategoryLink => ({
  position: Number(position ?? 0) || 0,
  category_id: String(id),
});

/** Sets a product's links and keeps the `category_ids` custom attribute in step. */
export function setCategoryLinks(product: Product, links: CategoryLink[]): void {
  product.extension_attributes.category_links = links;
  setGlobalValue(
    product,
    'category_ids',
    links.map((l) => l.category_id),
  );
}

/** The `category_ids` value a request body sends, if any. */
export function sentCategoryIds(custom: unknown): unknown {
  if (!Array.isArray(custom)) return undefined;
  const a = custom.find((x) => (x as { attribute_code?: unknown } | null)?.attribute_code === 'category_ids') as
    { value?: unknown } | undefined;
  if (!a) return undefined;
  return Array.isArray(a.value) ? a.value : typeof a.value === 'string' ? a.value.split(',').filter(Boolean) : [];
}
