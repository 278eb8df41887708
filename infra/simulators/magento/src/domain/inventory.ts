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

export function saveSource(ctx: DomainContext, input: Partial<Source>, pathCode?: string): void {
  const code = pathCode ?? input.source_code;
  if (!code) throw new MagentoError(400, 'Validation Failed', [], [emptyField('source_code')]);
  if (!input.name && !ctx.state.sources.has(code))
    throw new MagentoError(400, 'Validation Failed', [], [emptyField('name')]);
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
