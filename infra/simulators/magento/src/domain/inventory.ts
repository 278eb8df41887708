import { MagentoError, errors } from '../http/errors';
import type { Product, Source, SourceItem } from '../state/types';
import type { DomainContext } from './context';

export const DEFAULT_SOURCE = 'default';
const key = (sku: string, source: string): string => `${sku}@${source}`;

const emptyField = (field: string) => ({ message: '"%field" can not be empty.', parameters: { field } });

/** `POST /V1/inventory/source-items`: validates all, then saves all (MSI's all-or-nothing). */
export function saveSourceItems(ctx: DomainContext, items: unknown): void {
  if (!Array.isArray(items)) throw errors.required('sourceItems');
  const problems: Array<{ message: string; parameters: Record<string, string> }> = [];
  const valid: SourceItem[] = [];
  for (const raw of items as Array<Partial<SourceItem>>) {
    if (!raw.sku) problems.push(emptyField('sku'));
    if (!raw.source_code) problems.push(emptyField('source_code'));
    if (typeof raw.quantity !== 'number' || Number.isNaN(raw.quantity)) problems.push(emptyField('quantity'));
    if (raw.status !== 0 && raw.status !== 1) problems.push(emptyField('status'));
    if (raw.sku && raw.source_code && typeof raw.quantity === 'number' && (raw.status === 0 || raw.status === 1))
      valid.push({ sku: raw.sku, source_code: raw.source_code, quantity: raw.quantity, status: raw.status });
  }
  if (problems.length) throw new MagentoError(400, 'Validation Failed', [], problems);
  if (valid.some((i) => !ctx.state.sources.has(i.source_code))) throw errors.badRequest('Could not save Source Item');
  for (const item of valid) {
    ctx.state.sourceItems.set(key(item.sku, item.source_code), item);
    if (item.source_code === DEFAULT_SOURCE) syncStockItemFromDefaultSource(ctx, item);
  }
}

/** `POST /V1/inventory/source-items-delete`. */
export function deleteSourceItems(ctx: DomainContext, items: unknown): void {
  if (!Array.isArray(items)) throw errors.required('sourceItems');
  for (const i of items as Array<Partial<SourceItem>>) {
    if (i.sku && i.source_code) ctx.state.sourceItems.delete(key(i.sku, i.source_code));
  }
}

type Problem = { message: string; parameters: Record<string, string> | [] };

/**
 * `POST /V1/inventory/sources {source}` and `PUT /V1/inventory/sources/{code} {source}` → `[]`. The body is a
 * whole source, validated as magento/inventory Inventory/Model/Source/Validator/* do: `source_code` not empty,
 * without whitespace; `name`, `country_id`, `postcode` not empty; no `${…}` in code or name ("Validation
 * Failed"); the default source not disabled (`enabled` false or missing). Unsent optional fields keep their
 * value. There is no delete: custom sources can only be disabled.
 */
export function saveSource(ctx: DomainContext, input: Partial<Source>, pathCode?: string): void {
  const code = String(pathCode ?? input.source_code ?? '');
  const problems: Problem[] = [];
  const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  if (code.trim() === '') problems.push(emptyField('source_code'));
  if (/\s/.test(code))
    problems.push({ message: '"%field" can not contain whitespaces.', parameters: { field: 'source_code' } });
  if (SPECIAL_CHARS.test(code)) problems.push({ message: 'Validation Failed', parameters: [] });
  if (text(input.name).trim() === '') problems.push(emptyField('name'));
  if (SPECIAL_CHARS.test(text(input.name))) problems.push({ message: 'Validation Failed', parameters: [] });
  if (text(input.country_id).trim() === '') problems.push(emptyField('country_id'));
  if (text(input.postcode).trim() === '') problems.push(emptyField('postcode'));
  const enabled: unknown = input.enabled;
  if (code === DEFAULT_SOURCE && (!enabled || enabled === '0' || enabled === 'false'))
    problems.push({ message: 'Default source can not be disabled.', parameters: [] });
  if (problems.length) throw new MagentoError(400, 'Validation Failed', [], problems);
  const base: Source = ctx.state.sources.get(code) ?? {
    source_code: code,
    name: '',
    enabled: true,
    country_id: 'US',
    postcode: '00000',
    use_default_carrier_config: true,
    carrier_links: [],
  };
  ctx.state.sources.set(code, { ...base, ...input, source_code: code });
}

/** Inventory\Model\Validators\NoSpecialCharsInString: a `${…}` template in the value. */
const SPECIAL_CHARS = /\$[:]*{(.)*}/;

/**
 * Source deduction at shipment (SourceDeductionService): the source item loses the shipped quantity and goes
 * out of stock when nothing is left (no backorders). The simulator skips a deduction the source item cannot
 * cover (or a missing item), where Magento fails the shipment ("Not all of your products are available in the
 * requested quantity.", "Source item not found by source code: %1 and sku: %2."): its orders are not checked
 * for stock at placement.
 */
export function deductSourceQty(ctx: DomainContext, sourceCode: string, sku: string, qty: number): void {
  const item = ctx.state.sourceItems.get(key(sku, sourceCode));
  if (!item || item.quantity - qty < 0) return;
  const product = ctx.state.products.get(sku);
  const backorders = product?.extension_attributes.stock_item.backorders ?? 0;
  const quantity = Math.round((item.quantity - qty) * 10_000) / 10_000;
  const status = item.status === 0 || (quantity === 0 && !backorders) ? 0 : 1;
  const next = { ...item, quantity, status };
  ctx.state.sourceItems.set(key(sku, sourceCode), next);
  if (sourceCode === DEFAULT_SOURCE) syncStockItemFromDefaultSource(ctx, next);
}

export function getSource(ctx: DomainContext, code: string): Source {
  const s = ctx.state.sources.get(code);
  if (!s) throw new MagentoError(404, 'Source with code "%value" does not exist.', { value: code });
  return s;
}

/** MSI keeps the legacy stock item of the default source in step. */
function syncStockItemFromDefaultSource(ctx: DomainContext, item: SourceItem): void {
  const product = ctx.state.products.get(item.sku);
  if (!product) return;
  const s = product.extension_attributes.stock_item;
  product.extension_attributes.stock_item = { ...s, qty: item.quantity, is_in_stock: item.status === 1 };
}

export function syncDefaultSourceFromStockItem(ctx: DomainContext, product: Product): void {
  const s = product.extension_attributes.stock_item;
  if (!ctx.state.sources.has(DEFAULT_SOURCE)) return;
  ctx.state.sourceItems.set(key(product.sku, DEFAULT_SOURCE), {
    sku: product.sku,
    source_code: DEFAULT_SOURCE,
    quantity: s.qty,
    status: s.is_in_stock ? 1 : 0,
  });
}
