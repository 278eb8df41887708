import { magentoDate } from '../http/dates';
import { MagentoError, errors } from '../http/errors';
import type { Category } from '../state/types';
import { setCategoryLinks } from './category-links';
import type { DomainContext } from './context';
import type { StoreScope } from './stores';
import { formatUrlKey } from './url-keys';

export const ROOT_CATEGORY = 1;

export interface CategoryInput {
  id?: number;
  parent_id?: number;
  name?: string;
  is_active?: boolean;
  position?: number;
  include_in_menu?: boolean;
  custom_attributes?: Array<{ attribute_code: string; value: unknown }>;
}

/** CategoryRepository::get → NoSuchEntityException::singleField('id', $categoryId). */
export function getCategory(ctx: DomainContext, id: number): Category {
  const c = ctx.state.categories.get(id);
  if (!c) throw errors.noSuchEntity('id', id);
  return c;
}

/** A category in the REST shape of CategoryInterface (`GET /V1/categories/{id}`, `/V1/categories/list`). */
export function categoryView(ctx: DomainContext, c: Category) {
  const children = childrenOf(ctx, c.id);
  const custom: Array<{ attribute_code: string; value: unknown }> = [
    { attribute_code: 'display_mode', value: c.display_mode },
    { attribute_code: 'is_anchor', value: c.is_anchor },
    { attribute_code: 'path', value: c.path },
    { attribute_code: 'children_count', value: String(descendants(ctx, c.id)) },
  ];
  if (c.url_key !== undefined)
    custom.push(
      { attribute_code: 'url_key', value: c.url_key },
      { attribute_code: 'url_path', value: urlPath(ctx, c) },
    );
  return {
    id: c.id,
    parent_id: c.parent_id,
    name: c.name,
    is_active: c.is_active,
    position: c.position,
    level: c.level,
    children: children.map((x) => x.id).join(','),
    created_at: c.created_at,
    updated_at: c.updated_at,
    path: c.path,
    available_sort_by: [],
    include_in_menu: c.include_in_menu,
    custom_attributes: custom,
  };
}

export interface CategoryTreeNode {
  id: number;
  parent_id: number;
  name: string;
  is_active: boolean | null;
  position: number;
  level: number;
  product_count: number;
  children_data: CategoryTreeNode[];
}

/**
 * `GET /V1/categories?rootCategoryId=&depth=` (CategoryManagement::getTree): from the given category, else the
 * store's root category, or the top category (1) in the admin store.
 */
export function categoryTree(ctx: DomainContext, scope: StoreScope, rootId?: number, depth?: number) {
  const root = getCategory(ctx, rootId ?? (scope.admin ? ROOT_CATEGORY : ctx.stores.rootCategoryOf(scope)));
  const node = (c: Category, left: number | undefined): CategoryTreeNode => ({
    id: c.id,
    parent_id: c.parent_id,
    name: c.name,
    is_active: c.is_active,
    position: c.position,
    level: c.level,
    product_count: productsOf(ctx, c.id).length,
    children_data:
      left === 0 ? [] : childrenOf(ctx, c.id).map((x) => node(x, left === undefined ? undefined : left - 1)),
  });
  return node(root, depth);
}

/**
 * `POST /V1/categories` and `PUT /V1/categories/{id}` (CategoryRepository::save): a new category goes under
 * `parent_id`, else under the store's root category — in the admin store (`all`) that is category 0, which does
 * not exist. An update keeps its parent (`path`, `level`, `parent_id` are not taken from the request).
 */
export function saveCategory(ctx: DomainContext, input: CategoryInput, scope: StoreScope, pathId?: number) {
  const now = magentoDate(ctx.now());
  const id = pathId ?? input.id;
  const existing = id === undefined ? undefined : getCategory(ctx, id);
  let category: Category;
  if (existing) {
    category = { ...existing, updated_at: now };
  } else {
    const parent = getCategory(ctx, input.parent_id || ctx.stores.rootCategoryOf(scope));
    const newId = ctx.state.nextId('category');
    const siblings = childrenOf(ctx, parent.id);
    category = {
      id: newId,
      parent_id: parent.id,
      name: '',
      is_active: null,
      // ResourceModel\Category::_beforeSave: a new category is placed after its siblings.
      position: Math.max(0, ...siblings.map((s) => s.position)) + 1,
      level: parent.level + 1,
      path: `${parent.path}/${newId}`,
      include_in_menu: true,
      created_at: now,
      updated_at: now,
      display_mode: 'PRODUCTS',
      is_anchor: '1',
    };
  }
  if (input.name !== undefined) category.name = input.name;
  if (input.is_active !== undefined) category.is_active = Boolean(input.is_active);
  if (input.include_in_menu !== undefined) category.include_in_menu = Boolean(input.include_in_menu);
  if (input.position !== undefined && existing) category.position = Number(input.position);
  for (const a of input.custom_attributes ?? []) {
    if (a.attribute_code === 'url_key' && typeof a.value === 'string') category.url_key = formatUrlKey(a.value);
    if (a.attribute_code === 'display_mode' && typeof a.value === 'string') category.display_mode = a.value;
    if (a.attribute_code === 'is_anchor') category.is_anchor = String(a.value);
  }
  // CategoryRepository::validateCategory: a required attribute without a value.
  if (!category.name) throw couldNotSave('The "Name" attribute is required. Enter and try again.');
  if (category.url_key === undefined && category.level > 1) category.url_key = formatUrlKey(category.name);
  assertUrlPathFree(ctx, category);
  ctx.state.categories.set(category.id, category);
  return categoryView(ctx, category);
}

/** `GET /V1/categories/{categoryId}/products` (CategoryLinkManagement::getAssignedProducts). */
export function productsOf(ctx: DomainContext, categoryId: number) {
  const out: Array<{ sku: string; position: number; category_id: string }> = [];
  for (const p of ctx.state.products.values()) {
    const l = p.extension_attributes.category_links.find((x) => x.category_id === String(categoryId));
    if (l) out.push({ sku: p.sku, position: l.position, category_id: String(categoryId) });
  }
  return out;
}

/**
 * `POST|PUT /V1/categories/{categoryId}/products {productLink:{sku, position, category_id}}`
 * (CategoryLinkRepository::save): the category and the product must exist (404 each); the product gets the
 * link, or the link its new position.
 */
export function assignProduct(ctx: DomainContext, categoryId: number, sku: string, position: number): true {
  getCategory(ctx, categoryId);
  const product = ctx.state.products.get(sku);
  if (!product) throw errors.productNotFound();
  const links = product.extension_attributes.category_links.filter((l) => l.category_id !== String(categoryId));
  const existing = product.extension_attributes.category_links.findIndex((l) => l.category_id === String(categoryId));
  const link = { position, category_id: String(categoryId) };
  if (existing >= 0) links.splice(existing, 0, link);
  else links.push(link);
  setCategoryLinks(product, links);
  return true;
}

/**
 * `DELETE /V1/categories/{categoryId}/products/{sku}` (CategoryLinkRepository::deleteByIds): 404 for a missing
 * category or product, 400 "The category doesn't contain the specified product." when they are not linked.
 */
export function removeProduct(ctx: DomainContext, categoryId: number, sku: string): true {
  getCategory(ctx, categoryId);
  const product = ctx.state.products.get(sku);
  if (!product) throw errors.productNotFound();
  const links = product.extension_attributes.category_links;
  if (!links.some((l) => l.category_id === String(categoryId)))
    throw errors.badRequest("The category doesn't contain the specified product.");
  setCategoryLinks(
    product,
    links.filter((l) => l.category_id !== String(categoryId)),
  );
  return true;
}

/** Root catalog (1) and "Default Category" (2), the store's root, as every installation has them. */
export function seedRootCategories(ctx: DomainContext): void {
  const now = magentoDate(ctx.now());
  const base = {
    is_active: true,
    include_in_menu: true,
    created_at: now,
    updated_at: now,
    display_mode: 'PRODUCTS',
    is_anchor: '1',
  };
  const root = ctx.state.nextId('category');
  ctx.state.categories.set(root, {
    ...base,
    id: root,
    parent_id: 0,
    name: 'Root Catalog',
    position: 0,
    level: 0,
    path: `${root}`,
  });
  const def = ctx.state.nextId('category');
  ctx.state.categories.set(def, {
    ...base,
    id: def,
    parent_id: root,
    name: 'Default Category',
    position: 1,
    level: 1,
    path: `${root}/${def}`,
  });
}

function childrenOf(ctx: DomainContext, id: number): Category[] {
  return [...ctx.state.categories.values()].filter((c) => c.parent_id === id).sort((a, b) => a.position - b.position);
}

function descendants(ctx: DomainContext, id: number): number {
  return childrenOf(ctx, id).reduce((n, c) => n + 1 + descendants(ctx, c.id), 0);
}

/** `url_path`: the url keys from below the store root down to the category (`gear/bags`). */
function urlPath(ctx: DomainContext, c: Category): string {
  const parent = ctx.state.categories.get(c.parent_id);
  const own = c.url_key ?? '';
  return parent && parent.level > 1 ? `${urlPath(ctx, parent)}/${own}` : own;
}

/**
 * A category's URL rewrite (`<url_path>.html`) is unique per store like a product's; the clash surfaces wrapped
 * by CategoryRepository::save as "Could not save category: %1".
 */
function assertUrlPathFree(ctx: DomainContext, c: Category): void {
  if (c.url_key === undefined) return;
  const mine = urlPath(ctx, c);
  for (const other of ctx.state.categories.values())
    if (other.id !== c.id && other.url_key !== undefined && urlPath(ctx, other) === mine)
      throw couldNotSave('URL key for specified store already exists.');
}

const couldNotSave = (reason: string) => new MagentoError(400, 'Could not save category: %1', [reason]);
