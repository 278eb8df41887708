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
// Commands of a backfill (header `ingest-source: backfill`) take the same decisions (planProduct) but are
// written in chunks through Magento's async bulk API (../bulk/product-bulk.ts); live commands keep one call
// each, so their latency does not depend on a backfill.
import { AppError, type Handler, type HandlerResult, type Logger, type VersionGuard } from '@m3mage/runtime';
import type { UpsertProduct } from '@m3mage/schemas/types';
import type { MagentoProduct, ProductBody, ProductsClient } from '../clients/products.client';
import { m3Version } from './m3-version';
import type { CategoryResolver } from './category-resolver';
import { missingCategories, ownedAttributes } from './product-ownership';
import type { ProductBulk } from '../bulk/product-bulk';

export interface ProductDeps {
  products: ProductsClient;
  /** Finds or creates the categories of `newCategories` (absent: they are not created). */
  categories?: CategoryResolver;
  versions: VersionGuard<bigint>;
  logger: Logger;
  /**
   * The async-bulk writer of backfill commands (header `ingest-source: backfill`); absent: every command is
   * written one by one.
   */
  bulk?: Pick<ProductBulk, 'upsert' | 'settled'>;
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

/** What one command asks of Magento, given the product Magento has (`current`, undefined: none). */
export type ProductPlan =
  { write: 'create' | 'update'; body: ProductBody } | { write: 'none'; outcome: 'unchanged' | 'not-published' };

/**
 * The decision of both write paths (one call per product, or the async bulk of a backfill): create with the
 * owned attributes and defaults, send only what differs, or nothing. A new product without a price cannot be
 * created (VALIDATION). Categories made from M3 groups are found or created first (published products only).
 */
export async function planProduct(
  current: MagentoProduct | undefined,
  cmd: UpsertProduct,
  categories?: CategoryResolver,
): Promise<ProductPlan> {
  const withCategories = async (): Promise<UpsertProduct> => {
    if (!cmd.publish || cmd.newCategories.length === 0 || !categories) return cmd;
    const created = await categories(cmd.newCategories);
    return { ...cmd, categoryIds: [...new Set([...cmd.categoryIds, ...created])].sort((a, b) => a - b) };
  };
  if (!current) {
    if (!cmd.publish) return { write: 'none', outcome: 'not-published' };
    if (cmd.price === null)
      throw new AppError(
        'VALIDATION',
        `product ${cmd.sku} is not in Magento and M3 has no price for it (0 or missing in the price source): a new product needs a price; set one in M3`,
        { details: { sku: cmd.sku, m3Version: cmd.m3Version } },
      );
    return { write: 'create', body: newProductBody(await withCategories()) };
  }
  const body = productChanges(current, await withCategories());
  return body ? { write: 'update', body } : { write: 'none', outcome: 'unchanged' };
}

/** The header that marks a command of a backfill (the change record's `ingest-source`, carried by the transformer). */
export const BACKFILL_MARKER = { header: 'ingest-source', value: 'backfill' } as const;

export function productHandler(deps: ProductDeps): Handler<UpsertProduct> {
  const log = deps.logger.child({ component: 'product' });

  /** One command, one product: GET, then POST or PUT (or nothing). */
  async function apply(cmd: UpsertProduct): Promise<ProductOutcome> {
    const plan = await planProduct(await deps.products.get(cmd.sku), cmd, deps.categories);
    if (plan.write === 'none') return plan.outcome;
    if (plan.write === 'create') await deps.products.create(plan.body);
    else await deps.products.update(cmd.sku, plan.body);
    return plan.write === 'create' ? 'created' : 'updated';
  }

  return async (msg): Promise<HandlerResult> => {
    const cmd = msg.value;
    if (!cmd) return { outcome: 'ack' };
    const { meta: _meta, ...content } = cmd;
    const { bulk } = deps;
    // An async-bulk operation of this sku still open in Magento runs before anything else is sent for the sku.
    await bulk?.settled(cmd.sku);
    const viaBulk = bulk !== undefined && msg.headers[BACKFILL_MARKER.header] === BACKFILL_MARKER.value;
    const admitted = await deps.versions.admit(
      `product:${cmd.sku}`,
      m3Version(cmd.m3Version, content),
      { eventId: cmd.meta.commandId, correlationId: cmd.sku },
      () => (viaBulk ? bulk.upsert(cmd) : apply(cmd)),
    );
    const outcome: ProductOutcome = admitted.result ?? (admitted.verdict === 'stale' ? 'stale' : 'duplicate');
    log.info(
      { sku: cmd.sku, m3Version: cmd.m3Version, outcome, ...(viaBulk ? { via: 'bulk' } : {}) },
      `product ${cmd.sku}: ${outcome}`,
    );
    return { outcome: 'ack' };
  };
}
