// Product drift (pure): what Magento must show for an M3 item is what the pipeline would send — the
// transformer's product mapping — and what magento-writer would then change on the product: its own
// `productChanges` over the ownership table (name, price, status, visibility, weight, categories added; an
// item not released only by status). So a change of the mapping or of the ownership table changes the
// comparison, and a Magento-owned attribute is never reported. An item Magento has no product for is missing
// there when the writer would create it (released and priced); otherwise it is not for Magento. A product
// with no M3 item is reported as missing in M3 (not repaired: the integration never deletes a product).
import type { Item, UpsertProduct } from '@m3mage/schemas/types';
import type { MagentoProduct } from '../../services/magento-writer/src/clients/products.client';
import { productChanges } from '../../services/magento-writer/src/handlers/product.handler';
import { ownedAttributes } from '../../services/magento-writer/src/handlers/product-ownership';
import { formatProblems } from '../../services/transformer/src/mappings/kit';
import { productMapping } from '../../services/transformer/src/mappings/product.mapping';
import { byKey, type Comparison, type FieldDrift } from './drift';
import { wanted } from './options';

/** Where each owned attribute comes from in M3, with the item's value. */
const M3_SIDE: Readonly<Record<string, (i: Item) => string>> = Object.freeze({
  name: (i) => `ITDS ${i.name}`,
  price: (i) => (i.price ? `${i.price.source} ${i.price.amount}` : 'no price'),
  status: (i) => `STAT ${i.status}`,
  visibility: (i) => `STAT ${i.status}`,
  weight: (i) => `GRWE ${i.grossWeight ?? '(none)'}`,
  category_links: (i) => `ITGR ${i.itemGroup ?? '(none)'}`,
});

const m3Side = (field: string, item: Item): string => M3_SIDE[field]?.(item) ?? field;

const categoryIds = (p: MagentoProduct): string[] =>
  (p.extension_attributes?.category_links ?? []).map((l) => String(l.category_id));

/** The command's owned attributes as a new product would get them (every one the command carries). */
function createdFields(item: Item, cmd: UpsertProduct): FieldDrift[] {
  return ownedAttributes
    .map((a) => ({ a, v: a.value(cmd) }))
    .filter(({ v }) => v !== undefined)
    .map(({ a, v }) => ({ field: a.code, m3: m3Side(a.code, item), magento: null, expected: v }));
}

/** What magento-writer would change on `current` for `cmd`, as fields. */
function changedFields(item: Item, cmd: UpsertProduct, current: MagentoProduct): FieldDrift[] {
  const body = productChanges(current, cmd);
  if (!body) return [];
  const out: FieldDrift[] = [];
  for (const [field, expected] of Object.entries(body)) {
    if (field === 'sku') continue;
    if (field === 'extension_attributes') {
      const add = ((expected as { category_links?: Array<{ category_id: string }> }).category_links ?? []).map(
        (l) => l.category_id,
      );
      out.push({
        field: 'category_links',
        m3: m3Side('category_links', item),
        magento: categoryIds(current),
        expected: [...categoryIds(current), ...add],
      });
      continue;
    }
    out.push({ field, m3: m3Side(field, item), magento: current[field as keyof MagentoProduct] ?? null, expected });
  }
  return out;
}

export function compareProducts(
  items: readonly Item[],
  products: readonly MagentoProduct[],
  keys?: readonly string[],
): Comparison<Item> {
  const magento = new Map(products.filter((p) => wanted(keys, p.sku)).map((p) => [p.sku, p] as const));
  const c: Comparison<Item> = {
    entity: 'products',
    drifts: [],
    unmappable: [],
    notForMagento: 0,
    equal: 0,
    repairs: new Map(),
  };
  const seen = new Set<string>();
  for (const item of items) {
    const mapped = productMapping.map(item);
    if (!mapped.ok) {
      c.unmappable.push({ key: item.itno, reason: formatProblems(mapped.problems) });
      continue;
    }
    const cmd = { ...mapped.value, meta: undefined as never } as UpsertProduct;
    if (!wanted(keys, cmd.sku)) continue;
    seen.add(cmd.sku);
    const current = magento.get(cmd.sku);
    if (!current) {
      if (!cmd.publish || cmd.price === null) c.notForMagento += 1;
      else {
        c.drifts.push({ key: cmd.sku, kind: 'missing-in-magento', fields: createdFields(item, cmd) });
        c.repairs.set(cmd.sku, item);
      }
      continue;
    }
    const fields = changedFields(item, cmd, current);
    if (fields.length === 0) c.equal += 1;
    else {
      c.drifts.push({ key: cmd.sku, kind: 'differs', fields });
      c.repairs.set(cmd.sku, item);
    }
  }
  for (const [sku] of magento)
    if (!seen.has(sku))
      c.drifts.push({
        key: sku,
        kind: 'missing-in-m3',
        fields: [{ field: 'sku', m3: 'no item in M3', magento: sku, expected: null }],
      });
  c.drifts.sort(byKey);
  return c;
}
