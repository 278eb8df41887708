import { MagentoError } from '../http/errors';
import type { Stock, StockSourceLink } from '../state/types';
import type { DomainContext } from './context';

export const DEFAULT_STOCK = 1;
const linkKey = (stockId: number, sourceCode: string): string => `${stockId}@${sourceCode}`;

type Problem = { message: string; parameters: Record<string, string> | [] };
const validationFailed = (errors: Problem[]) => new MagentoError(400, 'Validation Failed', [], errors);

/** The Default Stock (id 1) with every website as its sales channel (InventorySales assigns new websites to it). */
export function seedDefaultStock(ctx: DomainContext): void {
  ctx.state.stocks.set(DEFAULT_STOCK, {
    stock_id: DEFAULT_STOCK,
    name: 'Default Stock',
    extension_attributes: {
      sales_channels: ctx.stores.websites.map((w) => ({ type: 'website', code: w.code })),
    },
  });
  ctx.state.nextId('stock');
}

/** Inventory\Model\Stock\Command\Get: 404 'Stock with id "%value" does not exist.'. */
export function getStock(ctx: DomainContext, stockId: number): Stock {
  const stock = ctx.state.stocks.get(stockId);
  if (!stock) throw new MagentoError(404, 'Stock with id "%value" does not exist.', { value: stockId });
  return stock;
}

export interface StockInput {
  stock_id?: number;
  name?: string;
  extension_attributes?: { sales_channels?: Array<{ type?: string; code?: string }> };
}

/**
 * `POST /V1/inventory/stocks` and `PUT /V1/inventory/stocks/{stockId}` → the stock id. The name must not be
 * empty (Stock\Validator\NameValidator). The sales channels are replaced by the sent ones — none sent, none kept —
 * and a website is the channel of one stock only, so it leaves the stock it had.
 */
export function saveStock(ctx: DomainContext, input: StockInput, pathId?: number): number {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name === '') throw validationFailed([{ message: '"%field" can not be empty.', parameters: { field: 'name' } }]);
  const id = pathId ?? input.stock_id ?? ctx.state.nextId('stock');
  if (pathId !== undefined) getStock(ctx, pathId);
  const channels = (input.extension_attributes?.sales_channels ?? [])
    .filter((c) => typeof c?.code === 'string')
    .map((c) => ({ type: c.type ?? 'website', code: c.code as string }));
  for (const other of ctx.state.stocks.values()) {
    if (other.stock_id === id) continue;
    other.extension_attributes.sales_channels = other.extension_attributes.sales_channels.filter(
      (c) => !channels.some((x) => x.type === c.type && x.code === c.code),
    );
  }
  ctx.state.stocks.set(id, { stock_id: id, name, extension_attributes: { sales_channels: channels } });
  return id;
}

/**
 * `GET /V1/inventory/stock-resolver/{type}/{code}` (InventorySales StockResolver): the stock whose sales
 * channel the website is; 404 "No linked stock found" otherwise.
 */
export function stockForChannel(ctx: DomainContext, type: string, code: string): Stock {
  for (const s of ctx.state.stocks.values())
    if (s.extension_attributes.sales_channels.some((c) => c.type === type && c.code === code)) return s;
  throw new MagentoError(404, 'No linked stock found');
}

/** The stock of a store view's website (where an order of that store reserves). */
export function stockOfStore(ctx: DomainContext, storeId: number): Stock | undefined {
  const website = ctx.stores.websites.find((w) => w.id === ctx.stores.websiteIdOf(storeId));
  if (!website) return undefined;
  for (const s of ctx.state.stocks.values())
    if (s.extension_attributes.sales_channels.some((c) => c.type === 'website' && c.code === website.code)) return s;
  return undefined;
}

/**
 * `POST /V1/inventory/stock-source-links {links:[{stock_id, source_code, priority}]}` → `[]`
 * (magento/inventory Inventory/Model/StockSourceLink/Command/StockSourceLinksSave.php and its validators):
 * no links → 400 "Input data is empty"; a source code empty or with whitespace, a priority ≤ 0 → "Validation
 * Failed" with the errors; a stock or source that does not exist fails the foreign key → "Could not save
 * StockSourceLinks". A link that exists gets the new priority.
 */
export function saveStockSourceLinks(ctx: DomainContext, links: unknown): void {
  if (!Array.isArray(links) || links.length === 0) throw new MagentoError(400, 'Input data is empty');
  const problems: Problem[] = [];
  const valid: StockSourceLink[] = [];
  for (const raw of links as Array<Partial<Record<keyof StockSourceLink, unknown>>>) {
    const code = typeof raw?.source_code === 'string' ? raw.source_code : '';
    const priority = Number(raw?.priority ?? 0) || 0;
    const before = problems.length;
    if (code.trim() === '')
      problems.push({ message: '"%field" can not be empty.', parameters: { field: 'source_code' } });
    if (/\s/.test(code))
      problems.push({ message: '"%field" can not contain whitespaces.', parameters: { field: 'source_code' } });
    if (priority <= 0)
      problems.push({ message: '"%field" should be greater then 0.', parameters: { field: 'priority' } });
    if (problems.length === before)
      valid.push({ stock_id: Number(raw?.stock_id ?? 0) || 0, source_code: code, priority });
  }
  if (problems.length) throw validationFailed(problems);
  if (valid.some((l) => !ctx.state.stocks.has(l.stock_id) || !ctx.state.sources.has(l.source_code)))
    throw new MagentoError(400, 'Could not save StockSourceLinks');
  for (const l of valid) ctx.state.stockSourceLinks.set(linkKey(l.stock_id, l.source_code), l);
}

/** Codes of the sources linked to a stock, by priority. */
export function sourcesOfStock(ctx: DomainContext, stockId: number): string[] {
  return [...ctx.state.stockSourceLinks.values()]
    .filter((l) => l.stock_id === stockId)
    .sort((a, b) => a.priority - b.priority)
    .map((l) => l.source_code);
}
