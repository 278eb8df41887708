import { seedRootCategories } from '../domain/categories';
import type { DomainContext } from '../domain/context';
import { seedDefaultStock } from '../domain/stocks';

/** What every Magento installation has, even an empty store: the root categories and the Default Stock. */
export function seedFoundation(ctx: DomainContext): void {
  seedRootCategories(ctx);
  seedDefaultStock(ctx);
}
