// cmd.magento.product.v1 → the Magento product, newest M3 change first: a command whose m3Version is not
// above the last applied for the sku (state.magento-writer.products.v1, the runtime's version guard with a
// content hash for equal stamps) is stale or a repeat and changes nothing, so a replayed or late command can
// never overwrite newer data. Then, at global scope:
// - no product yet: created with the owned attributes and the create-only defaults, unless the item is not
//   released (publish false: nothing to do) or has no price (Magento cannot create one: dead letter);
// - a product: only the owned attributes that differ are sent, and the categories it is not in yet; nothing
//   differing → no call at all.
// Categories M3 groups stand for (`newCategories`) are found by name or created first and added like the others.
// Magento 400 (e.g. a url key another product has) → DLQ with Magento's message; 5xx/timeouts → retry.
import { AppError, type Handler, type HandlerResult, type Logger, type VersionGuard } from '@m3mage/runtime';
import type { UpsertProduct } from '@m3mage/schemas/types';
import type { MagentoProduct, ProductBody, ProductsClient } from '../clients/products.client';
import { m3Version } from './m3-version';
import type { CategoryResolver } from './category-resolver';
import { missingCategories, ownedAttributes } from './product-ownership';

export interface ProductDeps {
  products: ProductsClient;
  /** Finds or creates the categories of `newCategories` (absent: they are not created). */
  categories?: CategoryResolver;
  versions: VersionGuard<bigint>;
  logger: Logger;
}

export type ProductOutcome = 'created' | 'updated' | 'unchanged' | 'not-published' | 'stale' | 'duplicate';

const links = (ids: readonly number[]) => ids.map((id) => ({ category_id: String(id), position: 0 }));

/** The body of a new product: owned attributes, defaults, categories. */
export function newProductBody(cmd: UpsertProduct): ProductBody {
  const body: ProductBody = { sku: cmd.sku };
  for (const a of ownedAttributes) {
    const v = a.value(cmd);
    if (v !== undefined) body[a.code] = v;
  }
  body.attribute_set_id = cmd.create.attributeSetId;
  body.type_id = cmd.create.typeId;
  body.extension_attributes = {
    website_ids: cmd.create.websiteIds,
    ...(cmd.categoryIds.length ? { category_links: links(cmd.categoryIds) } : {}),
  };
  body.custom_attributes = [
    { attribute_code: 'url_key', value: cmd.create.urlKey },
    ...(cmd.create.taxClassId !== null ? [{ attribute_code: 'tax_class_id', value: cmd.create.taxClassId }] : []),
  ];
  return body;
}

/** What must change on an existing product (owned attributes that differ, categories to add); undefined: nothing. */
export function productChanges(current: MagentoProduct, cmd: UpsertProduct): ProductBody | undefined {
  const body: ProductBody = { sku: cmd.sku };
  let changed = false;
  // Not released for sale: an existing product is only disabled, nothing else is written.
  const attributes = cmd.publish ? ownedAttributes : ownedAttributes.filter((a) => a.code === 'status');
  for (const a of attributes) {
    const v = a.value(cmd);
    if (v === undefined || a.same(current, v)) continue;
    body[a.code] = v;
    changed = true;
  }
  const add = cmd.publish ? missingCategories(current, cmd.categoryIds) : [];
  if (add.length) {
    body.extension_attributes = { category_links: links(add) };
    changed = true;
  }
  return changed ? body : undefined;
}

export function productHandler(deps: ProductDeps): Handler<UpsertProduct> {
  const log = deps.logger.child({ component: 'product' });

  /** The command with the ids of the categories created from M3 groups added (published products only). */
  async function withCreatedCategories(cmd: UpsertProduct): Promise<UpsertProduct> {
    if (!cmd.publish || cmd.newCategories.length === 0 || !deps.categories) return cmd;
    const created = await deps.categories(cmd.newCategories);
    return { ...cmd, categoryIds: [...new Set([...cmd.categoryIds, ...created])].sort((a, b) => a - b) };
  }

  async function apply(cmd: UpsertProduct): Promise<ProductOutcome> {
    const current = await deps.products.get(cmd.sku);
    if (!current) {
      if (!cmd.publish) return 'not-published';
      if (cmd.price === null)
        throw new AppError(
          'VALIDATION',
          `product ${cmd.sku} is not in Magento and M3 has no price for it (0 or missing in the price source): a new product needs a price; set one in M3`,
          { details: { sku: cmd.sku, m3Version: cmd.m3Version } },
        );
      await deps.products.create(newProductBody(await withCreatedCategories(cmd)));
      return 'created';
    }
    const body = productChanges(current, await withCreatedCategories(cmd));
    if (!body) return 'unchanged';
    await deps.products.update(cmd.sku, body);
    return 'updated';
  }

  return async (msg): Promise<HandlerResult> => {
    const cmd = msg.value;
    if (!cmd) return { outcome: 'ack' };
    const { meta: _meta, ...content } = cmd;
    const admitted = await deps.versions.admit(
      `product:${cmd.sku}`,
      m3Version(cmd.m3Version, content),
      { eventId: cmd.meta.commandId, correlationId: cmd.sku },
      () => apply(cmd),
    );
    const outcome: ProductOutcome = admitted.result ?? (admitted.verdict === 'stale' ? 'stale' : 'duplicate');
    log.info({ sku: cmd.sku, m3Version: cmd.m3Version, outcome }, `product ${cmd.sku}: ${outcome}`);
    return { outcome: 'ack' };
  };
}
